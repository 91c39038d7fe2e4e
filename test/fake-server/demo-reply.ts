/**
 * The offline demo's answers: chat answers say plainly that no model wrote them, completions are small
 * plausible code guessed from the lines around the cursor. Paced like a fast local model so the demo
 * shows streaming.
 */
import { requestText, topicOf } from './request-text';
import type { RecordedRequest, Reply } from './types';

export const DEMO_MARK = '[Fathom offline demo]';

export function demoReply(request: RecordedRequest): Reply {
  const asked = requestText(request);
  if (asked.kind === 'chat') return { text: demoChat(asked.question), firstTokenMs: 150, tokenMs: 12 };
  if (asked.kind === 'completion') return { text: demoCompletion(asked.prefix, asked.suffix), firstTokenMs: 60, tokenMs: 6 };
  return {};
}

export function demoChat(question: string): string {
  const intro =
    `**${DEMO_MARK}** This answer comes from Fathom's built-in demo server, not from a language model. ` +
    'Point Fathom at Ollama or an OpenAI-compatible server for real answers.';
  const asked = topicOf(question) ? `\n\nYou asked: *${topicOf(question)}*` : '';
  return `${intro}${asked}\n\n${demoSection(question.toLowerCase())}\n`;
}

function demoSection(q: string): string {
  if (/\b(fix|bug|debug|error|exception|crash|fails?)\b/.test(q)) {
    return (
      'A debugging answer names the likely cause first, then shows the fix:\n\n' +
      '1. **Cause**: the value can be `undefined` when the list is empty.\n' +
      '2. **Fix**: check before using it.\n\n' +
      "```ts\nconst first = items[0];\nif (first === undefined) {\n  throw new Error('items must not be empty');\n}\n```"
    );
  }
  if (/\b(refactor|clean ?up|simplify|rename|extract)\b/.test(q)) {
    return (
      'A refactoring answer shows the smaller version and says what changed:\n\n' +
      '```ts\nfunction clamp(n: number, lo: number, hi: number): number {\n  return Math.min(hi, Math.max(lo, n));\n}\n```\n\n' +
      '- The repeated bounds checks became one helper.\n- Behaviour is unchanged.'
    );
  }
  if (/\b(tests?|unit test|spec)\b/.test(q)) {
    return "A test-writing answer gives runnable tests:\n\n```ts\nit('adds two numbers', () => {\n  assert.strictEqual(add(2, 3), 5);\n});\n```";
  }
  if (/\b(explain|what does|how does|why)\b/.test(q)) {
    return (
      'An explanation walks through the code:\n\n' +
      '1. **What it does**: the function reads its input and returns a result.\n' +
      '2. **How**: it loops once over the items, so it is O(n).\n' +
      '3. **Watch out for**: empty input and very large numbers.'
    );
  }
  return 'Answers are written in Markdown, with code in fenced blocks:\n\n```ts\nconst answer = 42;\n```';
}

/** Guesses a short continuation from the current line and the function the cursor is in. */
export function demoCompletion(prefix: string, suffix: string): string {
  const lines = prefix.split('\n');
  const current = lines[lines.length - 1];
  const line = current.trim();
  const python = /^\s*(def|class|import|from)\s/m.test(prefix) && !/[{};]\s*$/m.test(prefix);
  const end = python ? '' : ';';
  const closes = suffix.trimStart().startsWith(')');

  if (line.startsWith('//') || line.startsWith('#')) return line.length <= 2 ? ' TODO: handle the empty case' : '';
  if (/(^|\s)return$/.test(line)) return ` ${guessResult(lines, python)}${end}`;
  if (/[^=!<>]=$/.test(line)) return ` ${guessResult(lines, python)}${end}`;
  if (line.endsWith('(')) return closes ? 'value' : `value)${end}`;
  if (line === '') return `return ${guessResult(lines, python)}${end}`;
  return python ? '' : end && !/[;{}]$/.test(line) ? end : '';
}

/** An expression that fits the enclosing function's name and parameters, e.g. `a + b` inside `add(a, b)`. */
function guessResult(lines: string[], python: boolean): string {
  const header = [...lines].reverse().find((l) => /\b(function|def)\s+\w+\s*\(|\w+\s*\([^)]*\)\s*[:{]\s*$/.test(l)) ?? '';
  const match = header.match(/(\w+)\s*\(([^)]*)\)/);
  const name = match?.[1]?.toLowerCase() ?? '';
  const params = (match?.[2] ?? '')
    .split(',')
    .map((p) => p.trim().split(/[\s:=?]/)[0])
    .filter((p) => p && p !== 'self');
  const [a, b] = params;
  if (a && b && /add|sum|plus/.test(name)) return `${a} + ${b}`;
  if (a && b && /mul|times|product/.test(name)) return `${a} * ${b}`;
  if (a && b && /sub|minus|diff/.test(name)) return `${a} - ${b}`;
  if (a && /^(is|has|can|should)/.test(name)) return python ? `bool(${a})` : `Boolean(${a})`;
  if (a) return a;
  return python ? 'None' : '42';
}
