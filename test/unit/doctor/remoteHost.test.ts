import * as assert from 'node:assert/strict';
import { canStartOllamaHere, remoteAdvice } from '../../../src/doctor/remoteHost';

describe('remoteAdvice: 127.0.0.1 in a remote window is the remote machine', () => {
  it('says nothing in a local window, or when no server is on the loopback address', () => {
    assert.equal(remoteAdvice(undefined, ['http://127.0.0.1:11434']), undefined);
    assert.equal(remoteAdvice('ssh-remote', ['https://api.openai.com/v1', 'http://gpu-box:11434']), undefined);
  });

  it('names the loopback servers once and the machine they are on', () => {
    const advice = remoteAdvice('ssh-remote', ['http://127.0.0.1:11434', 'http://127.0.0.1:11434', 'https://api.openai.com/v1'])!;
    assert.match(advice, /^http:\/\/127\.0\.0\.1:11434 is on the SSH host, where VS Code runs Fathom in this window — not on this computer\./);
    assert.ok(!advice.includes('api.openai.com'));
    assert.match(remoteAdvice('wsl', ['http://localhost:11434', 'http://127.0.0.1:8080/v1'])!, /^http:\/\/localhost:11434, http:\/\/127\.0\.0\.1:8080\/v1 are on the WSL distribution/);
  });

  it('shows the way to the laptop’s server that fits each kind of remote', () => {
    assert.match(remoteAdvice('ssh-remote', ['http://127.0.0.1:11434'])!, /ssh -R 11434:localhost:11434/);
    assert.match(remoteAdvice('wsl', ['http://127.0.0.1:11434'])!, /networkingMode=mirrored/);
    assert.match(remoteAdvice('dev-container', ['http://127.0.0.1:11434'])!, /host\.docker\.internal/);
    assert.match(remoteAdvice('attached-container', ['http://127.0.0.1:11434'])!, /host\.docker\.internal/);
    assert.match(remoteAdvice('codespaces', ['http://127.0.0.1:11434'])!, /cannot reach this computer/);
    assert.match(remoteAdvice('tunnel', ['http://127.0.0.1:11434'])!, /remote machine \(tunnel\).*forward its port/);
  });

  it('a browser on a VS Code server (code-server, serve-web): nothing when it is served from this computer, the server\'s machine otherwise', () => {
    for (const here of ['127.0.0.1:8080', 'localhost:40963', '[::1]:8080']) assert.equal(remoteAdvice(here, ['http://127.0.0.1:11434']), undefined, here);
    assert.match(remoteAdvice('devbox.lan:8080', ['http://127.0.0.1:11434'])!, /^http:\/\/127\.0\.0\.1:11434 is on the machine the VS Code server runs on \(devbox\.lan\)/);
    assert.match(remoteAdvice('10.0.0.7:8080', ['http://127.0.0.1:11434'])!, /VS Code server runs on \(10\.0\.0\.7\).*forward its port/);
  });
});

describe('canStartOllamaHere: only a server on the extension host’s machine', () => {
  it('is true for loopback addresses and false for any other host', () => {
    assert.equal(canStartOllamaHere('http://127.0.0.1:11434'), true);
    assert.equal(canStartOllamaHere('http://localhost:11434'), true);
    assert.equal(canStartOllamaHere('http://gpu-box.lan:11434'), false);
    assert.equal(canStartOllamaHere('http://10.0.0.5:11434'), false);
  });
});
