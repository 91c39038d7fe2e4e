/**
 * Identifiers written as one lower-case word (`iseven`, `readline`, `getvalue`, `filename`, common in
 * Python and C) hide the words a question uses. A compound that starts with a common verb or ends with a
 * common noun of code is also read as its two halves; the compound itself stays a term too.
 */

const PREFIXES = [
  'get', 'set', 'is', 'has', 'read', 'write', 'make', 'new', 'from', 'load', 'save', 'find', 'parse', 'open', 'close', 'send', 'recv',
  'put', 'pop', 'push', 'start', 'stop', 'update', 'remove', 'create', 'check', 'copy', 'sort', 'print', 'format', 'split', 'join',
  'call', 'max', 'min', 'file', 'path', 'line', 'key', 'type', 'name', 'byte', 'bytes', 'data', 'time',
];

const SUFFIXES = [
  'name', 'names', 'path', 'paths', 'list', 'dict', 'type', 'types', 'line', 'lines', 'file', 'files', 'size', 'count', 'info',
  'data', 'value', 'values', 'func', 'mode', 'attr', 'obj', 'str', 'key', 'keys', 'items', 'len', 'num', 'dir', 'dirs',
  'time', 'char', 'chars', 'word', 'words', 'text', 'id', 'ids', 'set', 'map', 'args', 'code', 'object', 'string', 'error', 'index',
];

/** Words shorter than this are not split (`isin`, `getx` are not worth guessing at). */
const MIN_COMPOUND = 6;
/** The unlisted half must keep at least this many letters (`tokens` is not `to` + `kens`, `issue` not `is` + `sue`). */
const MIN_REST = 4;

/** The halves of a lower-case compound (`readline` → ['read', 'line']); [] when it is not one. */
export function splitCompound(word: string): string[] {
  if (word.length < MIN_COMPOUND || !/^[a-z]+$/.test(word)) return [];
  for (const prefix of PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= MIN_REST) return [prefix, word.slice(prefix.length)];
  }
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_REST) return [word.slice(0, -suffix.length), suffix];
  }
  return [];
}
