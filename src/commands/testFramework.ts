/**
 * Which test framework a project uses, and where a new test file for a source file conventionally goes,
 * from plain data: the manifest texts the adapter reads (package.json, pyproject.toml, pom.xml, …) and
 * the names of files near the source. Generate Tests writes in that framework, into that file.
 */
import { languageFacts } from '../syntax/languages';
import type { WorkspaceFiles } from '../workspace/files';

export interface TestSetup {
  /** As written into the prompt: `vitest`, `jest`, `mocha`, `node:test`, `pytest`, `JUnit 5`, … */
  framework: string;
  /** Workspace-relative path of the new test file (for Rust: the source itself, whose tests module it extends). */
  testPath: string;
  /** True when the tests belong inside the source file (Rust `#[cfg(test)] mod tests`). */
  inline: boolean;
}

export interface ProjectFacts {
  /** Workspace-relative path of the source, forward slashes. */
  sourcePath: string;
  languageId: string;
  /** Manifest texts by file name (`package.json`, `pyproject.toml`, `requirements.txt`, `setup.cfg`, `pom.xml`, `build.gradle`, `Gemfile`, `composer.json`, `*.csproj` contents under `csproj`). */
  manifests: Readonly<Record<string, string | undefined>>;
  /** Names of files in the workspace root and beside the source (for `conftest.py`, `pytest.ini`, spec files). */
  nearbyFiles: readonly string[];
}

/** Manifests read from the workspace root, in the order they are looked at. */
export const MANIFESTS = ['package.json', 'pyproject.toml', 'requirements.txt', 'requirements-dev.txt', 'setup.cfg', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'Gemfile', 'composer.json'] as const;

/** Reads the facts through WorkspaceFiles (the adapter's view of the workspace) and decides. */
export async function detectTestSetup(sourcePath: string, languageId: string, files: WorkspaceFiles): Promise<TestSetup> {
  const manifests: Record<string, string | undefined> = {};
  for (const name of MANIFESTS) manifests[name] = await files.read(name);
  const dir = dirOf(sourcePath);
  const nearby = [...((await files.list?.('')) ?? []), ...(dir ? ((await files.list?.(dir)) ?? []) : [])];
  const csproj = nearby.find((n) => n.endsWith('.csproj'));
  if (csproj) manifests.csproj = await files.read(csproj);
  return testSetupFor({ sourcePath, languageId, manifests, nearbyFiles: nearby });
}

export function testSetupFor(facts: ProjectFacts): TestSetup {
  const { sourcePath, languageId, manifests, nearbyFiles } = facts;
  const dir = dirOf(sourcePath);
  const file = sourcePath.slice(dir ? dir.length + 1 : 0);
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const ext = dot > 0 ? file.slice(dot) : '';
  const beside = (name: string) => (dir ? `${dir}/${name}` : name);
  const mentions = (name: string, pattern: RegExp) => pattern.test(manifests[name] ?? '');

  switch (languageFacts(languageId)?.tests) {
    case 'js': {
      const spec = nearbyFiles.some((n) => /\.spec\.[cm]?[jt]sx?$/.test(n)) && !nearbyFiles.some((n) => /\.test\.[cm]?[jt]sx?$/.test(n));
      return { framework: jsFramework(manifests['package.json']), testPath: beside(`${stem}.${spec ? 'spec' : 'test'}${ext}`), inline: false };
    }
    case 'python': {
      const pytest =
        nearbyFiles.some((n) => n === 'conftest.py' || n === 'pytest.ini') ||
        mentions('pyproject.toml', /\[tool\.pytest|pytest/) ||
        mentions('requirements.txt', /^pytest\b/m) ||
        mentions('requirements-dev.txt', /^pytest\b/m) ||
        mentions('setup.cfg', /\[tool:pytest\]|pytest/);
      return { framework: pytest ? 'pytest' : 'unittest (standard library)', testPath: beside(`test_${stem}.py`), inline: false };
    }
    case 'go':
      return { framework: 'Go testing package (go test)', testPath: beside(`${stem}_test.go`), inline: false };
    case 'rust':
      return { framework: 'Rust built-in tests (a #[cfg(test)] mod tests module, cargo test)', testPath: sourcePath, inline: true };
    case 'java': {
      const gradle = (manifests['build.gradle'] ?? '') + (manifests['build.gradle.kts'] ?? '');
      const build = (manifests['pom.xml'] ?? '') + gradle;
      const framework = /junit-jupiter|org\.junit\.jupiter/.test(build) ? 'JUnit 5' : /junit/i.test(build) ? 'JUnit 4' : 'JUnit 5';
      const mainJava = /(^|\/)src\/main\/java\//;
      const testPath = mainJava.test(sourcePath) ? sourcePath.replace(mainJava, '$1src/test/java/').replace(/\.java$/, 'Test.java') : beside(`${stem}Test.java`);
      return { framework, testPath, inline: false };
    }
    case 'csharp': {
      const project = manifests.csproj ?? '';
      const framework = /xunit/i.test(project) ? 'xUnit' : /nunit/i.test(project) ? 'NUnit' : /MSTest/i.test(project) ? 'MSTest' : 'xUnit';
      return { framework, testPath: beside(`${stem}Tests.cs`), inline: false };
    }
    case 'ruby': {
      const rspec = mentions('Gemfile', /rspec/) || nearbyFiles.includes('.rspec') || nearbyFiles.includes('spec');
      return rspec ? { framework: 'RSpec', testPath: `spec/${stem}_spec.rb`, inline: false } : { framework: 'Minitest', testPath: `test/test_${stem}.rb`, inline: false };
    }
    case 'php':
      return { framework: mentions('composer.json', /pestphp/) ? 'Pest' : 'PHPUnit', testPath: `tests/${stem}Test.php`, inline: false };
    case 'c':
      return { framework: 'plain assertions in a main() (no framework detected)', testPath: beside(`${stem}_test${ext}`), inline: false };
    default:
      return { framework: 'the usual test framework of the language', testPath: beside(`${stem}.test${ext}`), inline: false };
  }
}

/** A JavaScript project's test runner from its package.json: the dependency first, then the test script. */
function jsFramework(packageJson: string | undefined): string {
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string> } = {};
  try {
    pkg = packageJson ? JSON.parse(packageJson) : {};
  } catch {
    // A broken package.json says nothing; the default below applies.
  }
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  for (const name of ['vitest', 'jest', 'mocha', 'ava', 'jasmine']) if (name in deps) return name;
  const script = pkg.scripts?.test ?? '';
  for (const name of ['vitest', 'jest', 'mocha', 'ava', 'jasmine']) if (new RegExp(`\\b${name}\\b`).test(script)) return name;
  return 'node:test (node --test) with node:assert';
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * The framework an existing test file is written in, from what it imports; undefined when it does not say
 * (then the manifests decide). An existing test outweighs the manifests: it is how this module is tested.
 */
export function frameworkInTest(text: string, languageId: string): string | undefined {
  const head = text.slice(0, 4000);
  switch (languageFacts(languageId)?.tests) {
    case 'js': {
      if (/from\s+['"]vitest['"]|require\(\s*['"]vitest['"]/.test(head)) return 'vitest';
      if (/from\s+['"]@jest\/globals['"]|\bjest\.(fn|mock|spyOn)\(/.test(head)) return 'jest';
      if (/from\s+['"]node:test['"]|require\(\s*['"]node:test['"]\)/.test(head)) return 'node:test (node --test) with node:assert';
      if (/from\s+['"]ava['"]|require\(\s*['"]ava['"]\)/.test(head)) return 'ava';
      if (/from\s+['"](chai|mocha)['"]|require\(\s*['"](chai|mocha)['"]\)/.test(head)) return 'mocha';
      return undefined;
    }
    case 'python':
      if (/^\s*(import pytest|from pytest\b)/m.test(head)) return 'pytest';
      if (/^\s*(import unittest|from unittest\b)/m.test(head)) return 'unittest (standard library)';
      return undefined;
    default:
      return undefined;
  }
}
