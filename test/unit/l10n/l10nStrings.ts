/**
 * Finds the messages passed to `l10n.t(` in TypeScript source text, the way the l10n unit test checks them
 * against l10n/bundle.l10n.*.json. Only a plain string literal ('…' or "…") is a message the bundle can hold:
 * a template literal, a variable or the object form is reported as a problem.
 */
export interface L10nCall {
  message?: string;
  /** Set when the first argument is not a plain string literal. */
  problem?: string;
  line: number;
}

const CALL = /\bl10n\.t\(\s*/g;

export function l10nCalls(source: string): L10nCall[] {
  const calls: L10nCall[] = [];
  for (const m of source.matchAll(CALL)) {
    const start = m.index + m[0].length;
    const line = source.slice(0, m.index).split('\n').length;
    const quote = source[start];
    if (quote !== "'" && quote !== '"') {
      calls.push({ line, problem: `the first argument of l10n.t is not a string literal: ${source.slice(start, start + 40).split('\n')[0]}` });
      continue;
    }
    const literal = readLiteral(source, start);
    if (literal === undefined) calls.push({ line, problem: 'an unterminated string literal' });
    else calls.push({ line, message: literal });
  }
  return calls;
}

/** The value of the JS string literal starting at `start` (its quote), or undefined when unterminated. */
function readLiteral(source: string, start: number): string | undefined {
  const quote = source[start];
  let value = '';
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === quote) return value;
    if (c === '\n') return undefined;
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = source[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' };
    if (next in simple) value += simple[next];
    else if (next === 'u') {
      const braced = source[i + 1] === '{';
      const hex = braced ? source.slice(i + 2, source.indexOf('}', i)) : source.slice(i + 1, i + 5);
      value += String.fromCodePoint(parseInt(hex, 16));
      i += braced ? hex.length + 2 : 4;
    } else if (next === 'x') {
      value += String.fromCharCode(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else value += next; // \' \" \\ and any other escaped character stand for themselves
  }
  return undefined;
}

/** The placeholders of a message: {0}, {1}, {name}, sorted (vscode.l10n.t fills both forms). */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
