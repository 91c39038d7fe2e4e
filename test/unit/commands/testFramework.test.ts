import * as assert from 'node:assert/strict';
import { detectTestSetup, testSetupFor, type ProjectFacts } from '../../../src/commands/testFramework';
import { MemoryFiles } from '../context/helpers';

const facts = (sourcePath: string, languageId: string, manifests: ProjectFacts['manifests'] = {}, nearbyFiles: string[] = []): ProjectFacts => ({ sourcePath, languageId, manifests, nearbyFiles });

describe('commands: the test framework and the new test file', () => {
  it('JavaScript/TypeScript: the runner from package.json, the test file beside the source', () => {
    assert.deepEqual(testSetupFor(facts('src/foo.ts', 'typescript', { 'package.json': '{"devDependencies":{"vitest":"3.0.0"}}' })), { framework: 'vitest', testPath: 'src/foo.test.ts', inline: false });
    assert.equal(testSetupFor(facts('a.js', 'javascript', { 'package.json': '{"devDependencies":{"jest":"29"}}' })).framework, 'jest');
    assert.equal(testSetupFor(facts('a.js', 'javascript', { 'package.json': '{"scripts":{"test":"mocha test"}}' })).framework, 'mocha');
    assert.match(testSetupFor(facts('a.mjs', 'javascript', { 'package.json': '{not json' })).framework, /^node:test/);
    assert.equal(testSetupFor(facts('src/x.tsx', 'typescriptreact', {}, ['y.spec.tsx'])).testPath, 'src/x.spec.tsx', 'the spec naming the folder already uses');
  });

  it('Python: pytest when the project shows it, else unittest; test_foo.py beside the source', () => {
    assert.deepEqual(testSetupFor(facts('pkg/foo.py', 'python', {}, ['conftest.py'])), { framework: 'pytest', testPath: 'pkg/test_foo.py', inline: false });
    assert.equal(testSetupFor(facts('foo.py', 'python', { 'pyproject.toml': '[tool.pytest.ini_options]\n' })).framework, 'pytest');
    assert.match(testSetupFor(facts('foo.py', 'python')).framework, /^unittest/);
  });

  it('Go, Rust, Java, Ruby, PHP conventions', () => {
    assert.equal(testSetupFor(facts('pkg/stack.go', 'go')).testPath, 'pkg/stack_test.go');
    assert.deepEqual(testSetupFor(facts('src/lib.rs', 'rust')).inline, true);
    assert.equal(testSetupFor(facts('src/lib.rs', 'rust')).testPath, 'src/lib.rs');
    const java = testSetupFor(facts('src/main/java/app/Stack.java', 'java', { 'pom.xml': '<artifactId>junit-jupiter</artifactId>' }));
    assert.deepEqual(java, { framework: 'JUnit 5', testPath: 'src/test/java/app/StackTest.java', inline: false });
    assert.equal(testSetupFor(facts('Stack.java', 'java', { 'build.gradle': "testImplementation 'junit:junit:4.13'" })).framework, 'JUnit 4');
    assert.deepEqual(testSetupFor(facts('lib/counter.rb', 'ruby', { Gemfile: "gem 'rspec'" })), { framework: 'RSpec', testPath: 'spec/counter_spec.rb', inline: false });
    assert.equal(testSetupFor(facts('src/Counter.php', 'php')).testPath, 'tests/CounterTest.php');
  });

  it('reads the manifests and folder listings through WorkspaceFiles', async () => {
    const files = new MemoryFiles({ 'package.json': '{"devDependencies":{"mocha":"11"}}', 'src/foo.ts': '', 'src/bar.spec.ts': '' });
    assert.deepEqual(await detectTestSetup('src/foo.ts', 'typescript', files), { framework: 'mocha', testPath: 'src/foo.spec.ts', inline: false });
    const py = new MemoryFiles({ 'tests/conftest.py': '', 'tests/util.py': '' });
    assert.equal((await detectTestSetup('tests/util.py', 'python', py)).framework, 'pytest');
  });
});
