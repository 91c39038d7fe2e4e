/**
 * The few project files that change how imports resolve: tsconfig/jsconfig `baseUrl` and `paths`,
 * the Go module path in go.mod, composer.json PSR-4 prefixes. Read once per workspace and kept
 * (re-read after a while, so an edited config is picked up without a restart).
 */
import { posix } from 'node:path';
import type { WorkspaceFiles } from '../../workspace/files';
import { PROJECT_CONFIG_REREAD_MS as REREAD_MS } from '../../tunables/tunables';

export interface ProjectConfig {
  /** Workspace paths a non-relative JS/TS specifier may point to (before extensions are tried). */
  aliasTargets(specifier: string): string[];
  /** The module path from go.mod, if any. */
  goModule: string | undefined;
  /** PSR-4 candidate files for a PHP class name. */
  phpTargets(className: string): string[];
}

const cache = new WeakMap<WorkspaceFiles, { at: number; config: Promise<ProjectConfig> }>();

export function projectConfig(files: WorkspaceFiles, now = Date.now()): Promise<ProjectConfig> {
  const hit = cache.get(files);
  if (hit && now - hit.at < REREAD_MS) return hit.config;
  const config = readProjectConfig(files);
  cache.set(files, { at: now, config });
  return config;
}

export async function readProjectConfig(files: WorkspaceFiles): Promise<ProjectConfig> {
  const [tsconfig, gomod, composer] = await Promise.all([
    readJson(files, 'tsconfig.json').then((c) => c ?? readJson(files, 'jsconfig.json')),
    files.read('go.mod'),
    readJson(files, 'composer.json'),
  ]);
  const options = (tsconfig?.compilerOptions ?? {}) as { baseUrl?: string; paths?: Record<string, string[]> };
  const baseUrl = typeof options.baseUrl === 'string' ? normalize(options.baseUrl) : undefined;
  const paths = options.paths && typeof options.paths === 'object' ? options.paths : {};
  const psr4 = ((composer?.autoload as { 'psr-4'?: Record<string, string | string[]> } | undefined)?.['psr-4'] ?? {}) as Record<string, string | string[]>;
  return {
    aliasTargets(specifier) {
      const out: string[] = [];
      for (const [pattern, targets] of Object.entries(paths)) {
        const star = pattern.indexOf('*');
        const prefix = star === -1 ? pattern : pattern.slice(0, star);
        const suffix = star === -1 ? '' : pattern.slice(star + 1);
        const matches = star === -1 ? specifier === pattern : specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length;
        if (!matches || !Array.isArray(targets)) continue;
        const captured = star === -1 ? '' : specifier.slice(prefix.length, specifier.length - suffix.length);
        for (const t of targets) if (typeof t === 'string') out.push(normalize(posix.join(baseUrl ?? '', t.replace('*', captured))));
      }
      if (baseUrl !== undefined) out.push(normalize(posix.join(baseUrl, specifier)));
      return out;
    },
    goModule: gomod ? /^\s*module\s+(\S+)/m.exec(gomod)?.[1] : undefined,
    phpTargets(className) {
      const out: string[] = [];
      for (const [prefix, dirs] of Object.entries(psr4)) {
        if (!className.startsWith(prefix)) continue;
        const rest = className.slice(prefix.length).replace(/\\/g, '/');
        for (const d of Array.isArray(dirs) ? dirs : [dirs]) out.push(normalize(posix.join(d, `${rest}.php`)));
      }
      return out;
    },
  };
}

async function readJson(files: WorkspaceFiles, path: string): Promise<Record<string, unknown> | undefined> {
  const text = await files.read(path);
  if (!text) return undefined;
  try {
    // tsconfig allows comments and trailing commas.
    const relaxed = text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, s: string | undefined) => s ?? '').replace(/,(\s*[}\]])/g, '$1');
    const value: unknown = JSON.parse(relaxed);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function normalize(path: string): string {
  const n = posix.normalize(path).replace(/^\.\//, '').replace(/\/$/, '');
  return n === '.' ? '' : n;
}
