import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { importsOf } from './importsOf';

export const SRC = resolve(__dirname, '../../../src');

/** The files a module loads at run time (type-only imports are erased by the bundler), followed through relative imports. */
export function runtimeClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8').replace(/^\s*(import|export) type\b[^;]*;/gm, '');
    for (const spec of importsOf(source)) {
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const target = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => p.endsWith('.ts') && existsSync(p));
      if (target) visit(target);
    }
  };
  visit(entry);
  return seen;
}
