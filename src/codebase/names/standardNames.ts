/**
 * The names a language's standard library and runtime provide, which no workspace file needs to define:
 * JavaScript / TypeScript globals, DOM and Node built-in modules' declarations; Python builtins and its
 * standard modules' names. The lists are generated (scripts/generate-standard-names.mjs) and split into
 * sets on first use.
 */
import type { NameFamily } from './references';
import { JAVASCRIPT_NAMES } from './standard/javascript';
import { PYTHON_NAMES } from './standard/python';

const SOURCES: Readonly<Record<NameFamily, string>> = { js: JAVASCRIPT_NAMES, python: PYTHON_NAMES };
const sets = new Map<NameFamily, ReadonlySet<string>>();

/** The standard names of a language family. */
export function standardNames(family: NameFamily): ReadonlySet<string> {
  let set = sets.get(family);
  if (!set) sets.set(family, (set = new Set(SOURCES[family].split(' '))));
  return set;
}
