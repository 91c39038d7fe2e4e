import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isLoopback } from '../../../src/privacy/endpoints';

describe('isLoopback: which endpoints are on this machine', () => {
  const local = [
    'http://127.0.0.1:11434',
    'http://127.8.9.10/v1',
    'http://localhost:1234/v1',
    'https://LOCALHOST./v1',
    'http://[::1]:8080',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://127.1:11434', // URL shorthand for 127.0.0.1
    'http://[::ffff:127.0.0.1]:11434', // IPv4-mapped loopback
  ];
  const remote = [
    'https://api.openai.com/v1',
    'http://192.168.1.20:11434',
    'http://10.0.0.1',
    'http://128.0.0.1',
    'http://localhost.example.com', // a name that merely starts with localhost
    'http://127.0.0.1.nip.io', // resolves to 127.0.0.1 via DNS, which local-only mode does not trust
    'http://[::2]',
    'http://[::ffff:10.0.0.1]',
    'http://0.0.0.0:11434',
    'file:///var/run/ollama.sock',
    'not a url',
    '',
  ];
  for (const url of local) it(`${url} is local`, () => assert.equal(isLoopback(url), true));
  for (const url of remote) it(`${JSON.stringify(url)} is not`, () => assert.equal(isLoopback(url), false));

  it('every address in 127.0.0.0/8 is local, on any port and path', () => {
    fc.assert(
      fc.property(fc.nat(255), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 65535 }), fc.webPath(), (a, b, c, port, path) =>
        isLoopback(`http://127.${a}.${b}.${c}:${port}${path}`),
      ),
    );
  });

  it('no address outside 127.0.0.0/8 is local', () => {
    fc.assert(
      fc.property(fc.ipV4().filter((ip) => !ip.startsWith('127.')), (ip) => !isLoopback(`http://${ip}:11434`)),
    );
  });
});
