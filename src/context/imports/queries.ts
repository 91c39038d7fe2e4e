/**
 * Tree-sitter queries compiled once per grammar and kept. Patterns are written per language family
 * (TypeScript and JavaScript share most), so a pattern naming a node type a grammar lacks is dropped
 * for that grammar instead of failing the whole query.
 */
import { Query, type Language } from 'web-tree-sitter';

const compiled = new WeakMap<Language, Map<string, Query | undefined>>();

/** The query of `patterns` for `language` (undefined when none compiles); `key` names the pattern set. */
export function queryFor(language: Language, key: string, patterns: readonly string[]): Query | undefined {
  let byKey = compiled.get(language);
  if (!byKey) compiled.set(language, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key);
  let query: Query | undefined;
  try {
    query = new Query(language, patterns.join('\n'));
  } catch {
    const valid = patterns.filter((p) => {
      try {
        new Query(language, p).delete();
        return true;
      } catch {
        return false;
      }
    });
    query = valid.length ? new Query(language, valid.join('\n')) : undefined;
  }
  byKey.set(key, query);
  return query;
}
