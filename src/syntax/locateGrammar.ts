import { join } from 'node:path';

/** Shipped layout: dist/grammars/<file>, next to the bundle that runs (extension or CLI). */
export function shippedGrammar(distDir: string): (wasmFile: string) => string {
  return (file) => join(distDir, 'grammars', file);
}
