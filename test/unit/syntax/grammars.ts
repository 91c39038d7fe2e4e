import { join, resolve } from 'node:path';
// @ts-expect-error -- a plain .mjs module shared with the build script
import { grammarSources } from '../../../src/syntax/grammarSources.mjs';

const ROOT = resolve(__dirname, '../../..');

/** In tests, grammars load from the npm packages the build copies them from. */
export const devGrammar = (file: string): string => join(ROOT, (grammarSources as Record<string, string>)[file] ?? file);
