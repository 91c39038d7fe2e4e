/**
 * Reads a golden completion case (test/golden/completion/<language>/<name>.golden.md): a small markdown
 * file with a title, `key: value` lines, and sections whose text sits in fenced blocks, kept byte for byte.
 * The format is described in test/golden/README.md. Every mistake in a file is reported with the file and
 * line, so a broken case says what to fix instead of failing somewhere in the pipeline.
 */

import { DEFAULT_SETTINGS } from '../../../../src/config/settings';

export const CURSOR = '█';

/** The last line of a fenced block that says the text before it has no final line break (as in `git diff`). */
export const NO_FINAL_NEWLINE = '\\ No newline at end of file';

export type TriggerKind = 'automatic' | 'manual';
export type RequestKind = 'fim' | 'raw' | 'chat' | 'none';
export type ShapeKind = 'line' | 'block';

export interface GoldenCase {
  /** The file, as given to the parser (used in messages). */
  file: string;
  title: string;
  languageId: string;
  /** Which commit or behaviour the case guards. */
  guards?: string;
  /** Why the case is known to fail today: the runner reports it as pending while it still fails. */
  skip?: string;
  trigger: TriggerKind;
  /** Whether the server says the model fills in the middle natively (Ollama `suffix`). */
  nativeFim: boolean;
  /** Workspace-relative path of the document, when the case names one. */
  path?: string;
  /** `fathom.*` settings, as the settings file would hold them. */
  settings: Record<string, unknown>;
  /** Asserted when present: how the pipeline asked the model ('none': no request at all). */
  request?: RequestKind;
  /** Asserted when present: whether the pipeline asked for one line or a block. */
  shape?: ShapeKind;
  /** The document without the cursor marker, and the cursor's offset in it. */
  text: string;
  offset: number;
  /** What the server streams. */
  modelOutput: string;
  /** The ghost text and the characters right of the cursor it replaces; undefined for "no suggestion". */
  expected?: { insert: string; replaces: string };
  /** Other workspace files (path → text), for context retrieval. */
  files: Record<string, string>;
  /** Texts the request sent to the model must contain, and must not contain. */
  promptIncludes: string[];
  promptExcludes: string[];
}

export class GoldenFormatError extends Error {
  constructor(file: string, line: number | undefined, problem: string) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${problem}`);
    this.name = 'GoldenFormatError';
  }
}

const KEYS = ['language', 'guards', 'skip', 'trigger', 'native-fim', 'path', 'request', 'shape', 'replaces', 'eol'] as const;
type Key = (typeof KEYS)[number];

const SECTIONS = ['document', 'model output', 'expected', 'file <path>', 'prompt includes', 'prompt excludes'];

interface Fence {
  text: string;
  line: number;
}

interface Section {
  name: string;
  line: number;
  fences: Fence[];
  /** The section says `no suggestion` instead of holding a block (only `expected` may). */
  nothing: boolean;
}

/** Parses one golden file's content; throws GoldenFormatError naming the file and line of the first problem. */
export function parseGolden(file: string, source: string): GoldenCase {
  const fail = (line: number | undefined, problem: string): never => {
    throw new GoldenFormatError(file, line, problem);
  };
  if (source.includes('\r')) fail(undefined, 'golden files use LF line ends (for a CRLF document write `eol: crlf`)');
  const lines = source.split('\n');
  let at = 0;
  while (at < lines.length && lines[at].trim() === '') at++;
  if (at >= lines.length || !lines[at].startsWith('# ')) fail(at + 1, 'the file must start with a title line `# what the case shows`');
  const title = lines[at].slice(2).trim();
  at++;

  const header = new Map<string, { value: string; line: number }>();
  for (; at < lines.length && !lines[at].startsWith('## '); at++) {
    const line = lines[at];
    if (line.trim() === '') continue;
    const m = /^([A-Za-z][\w.-]*):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) fail(at + 1, `expected \`key: value\` or a \`## section\`, found ${JSON.stringify(line)}`);
    const [, key, value] = m!;
    if (!KEYS.includes(key as Key) && !key.startsWith('fathom.')) fail(at + 1, `unknown key \`${key}\`; known: ${KEYS.join(', ')}, fathom.<setting>`);
    if (key.startsWith('fathom.') && !(key.slice('fathom.'.length) in DEFAULT_SETTINGS)) fail(at + 1, `\`${key}\` is not a Fathom setting`);
    if (header.has(key)) fail(at + 1, `\`${key}\` is given twice`);
    header.set(key, { value, line: at + 1 });
  }

  const sections = new Map<string, Section>();
  while (at < lines.length) {
    const name = lines[at].slice(3).trim();
    const section: Section = { name, line: at + 1, fences: [], nothing: false };
    if (!isSectionHeading(lines[at])) fail(at + 1, `unknown section \`## ${name}\`; known: ${SECTIONS.map((s) => `## ${s}`).join(', ')}`);
    if (sections.has(name)) fail(at + 1, `section \`## ${name}\` is given twice`);
    sections.set(name, section);
    at++;
    while (at < lines.length && !lines[at].startsWith('## ')) {
      const line = lines[at];
      const open = /^(`{3,}|~{3,})[^`]*$/.exec(line);
      if (open) {
        const fence = readFence(lines, at, open[1], fail);
        section.fences.push(fence.fence);
        at = fence.next;
      } else if (line.trim() === '') {
        at++;
      } else if (name === 'expected' && line.trim() === 'no suggestion') {
        section.nothing = true;
        at++;
      } else {
        fail(
          at + 1,
          `text outside a fenced block in \`## ${name}\`: ${JSON.stringify(line)} (code goes in a \`\`\` block, and a block that holds \`\`\` itself needs a longer fence; notes go in the title or \`guards:\`)`,
        );
      }
    }
  }

  const one = (name: string, required: boolean): Fence | undefined => {
    const section = sections.get(name);
    if (!section) return required ? fail(undefined, `missing section \`## ${name}\``) : undefined;
    if (name === 'expected' && section.nothing) return undefined;
    if (name === 'expected' && section.fences.length === 0) fail(section.line, '`## expected` needs the ghost text in a fenced block, or the words `no suggestion`');
    if (section.fences.length !== 1) fail(section.line, `\`## ${name}\` needs exactly one fenced block, found ${section.fences.length}`);
    return section.fences[0];
  };
  const value = (key: Key): string | undefined => header.get(key)?.value;
  const choice = <T extends string>(key: Key, allowed: readonly T[], fallback?: T): T | undefined => {
    const v = value(key);
    if (v === undefined) return fallback;
    if (!allowed.includes(v as T)) fail(header.get(key)!.line, `\`${key}\` is one of ${allowed.join(', ')}; found ${JSON.stringify(v)}`);
    return v as T;
  };

  const languageId = value('language');
  if (!languageId) fail(undefined, 'missing `language: <VS Code language id>`');
  const crlf = choice('eol', ['lf', 'crlf'], 'lf') === 'crlf';
  const eol = (text: string) => (crlf ? text.replace(/\r?\n/g, '\r\n') : text);

  const documentFence = one('document', true)!;
  const marked = eol(documentFence.text);
  const cursors = marked.split(CURSOR).length - 1;
  if (cursors !== 1) fail(documentFence.line, `the document needs exactly one cursor marker ${CURSOR}, found ${cursors}`);
  const offset = marked.indexOf(CURSOR);
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);

  const modelOutput = eol(one('model output', true)!.text);
  if (modelOutput.includes(CURSOR)) fail(sections.get('model output')!.line, `the model output must not hold the cursor marker ${CURSOR}`);

  const expectedSection = sections.get('expected');
  if (expectedSection?.nothing && expectedSection.fences.length > 0) fail(expectedSection.line, '`## expected` holds either a fenced ghost text or `no suggestion`, not both');
  const expectedFence = one('expected', true);
  const replaces = value('replaces');
  let expected: GoldenCase['expected'];
  if (expectedFence) {
    if (expectedFence.text.trim() === '') fail(expectedFence.line, 'an empty or blank ghost text is never shown; write `no suggestion` instead of a block');
    const right = text.slice(offset);
    if (replaces !== undefined && !right.startsWith(replaces)) fail(header.get('replaces')!.line, `\`replaces: ${replaces}\` is not what stands right of the cursor`);
    // A suggestion never ends with a line break (the last filter drops them), so the block's final one is not part of it.
    expected = { insert: eol(expectedFence.text.replace(/\n$/, '')), replaces: replaces ?? '' };
  } else if (replaces !== undefined) {
    fail(header.get('replaces')!.line, '`replaces` goes with a ghost text, not with `no suggestion`');
  }

  const files: Record<string, string> = {};
  for (const name of sections.keys()) if (name.startsWith('file ')) files[name.slice(5).trim()] = one(name, true)!.text;
  const list = (name: string): string[] => {
    const section = sections.get(name);
    if (section && section.fences.length === 0) fail(section.line, `\`## ${name}\` needs at least one fenced block`);
    return section?.fences.map((f) => f.text.replace(/\n$/, '')) ?? [];
  };

  const settings: Record<string, unknown> = {};
  for (const [key, { value: v }] of header) if (key.startsWith('fathom.')) settings[key] = settingValue(v);

  return {
    file,
    title,
    languageId: languageId!,
    guards: value('guards'),
    skip: value('skip'),
    trigger: choice('trigger', ['automatic', 'manual'], 'automatic')!,
    nativeFim: choice('native-fim', ['yes', 'no'], 'yes') === 'yes',
    path: value('path'),
    settings,
    request: choice('request', ['fim', 'raw', 'chat', 'none']),
    shape: choice('shape', ['line', 'block']),
    text,
    offset,
    modelOutput,
    expected,
    files,
    promptIncludes: list('prompt includes'),
    promptExcludes: list('prompt excludes'),
  };
}

/**
 * The block opened at `lines[start]` with `marker`: its lines up to a closing line of the same character,
 * at least as long. Each line keeps its line break unless the block's last line is NO_FINAL_NEWLINE.
 */
function readFence(lines: string[], start: number, marker: string, fail: (line: number, problem: string) => never): { fence: Fence; next: number } {
  const closing = new RegExp(`^${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \t]*$`);
  const body: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    if (!closing.test(lines[i])) {
      // A section heading inside a block almost always means the block's closing fence was forgotten.
      if (isSectionHeading(lines[i])) fail(start + 1, `the fenced block opened here with ${marker} runs into \`${lines[i]}\` at line ${i + 1}: is its closing fence missing?`);
      body.push(lines[i]);
      continue;
    }
    const noNewline = body.length > 0 && body[body.length - 1] === NO_FINAL_NEWLINE;
    if (noNewline) body.pop();
    const text = body.map((l) => l + '\n').join('');
    return { fence: { text: noNewline ? text.slice(0, -1) : text, line: start + 1 }, next: i + 1 };
  }
  return fail(start + 1, `the fenced block opened here with ${marker} is never closed (a block holding ${marker} itself needs a longer fence)`);
}

function isSectionHeading(line: string): boolean {
  if (!line.startsWith('## ')) return false;
  const name = line.slice(3).trim();
  return /^file \S/.test(name) || (SECTIONS.includes(name) && name !== 'file <path>');
}

/** A setting's value: JSON when it reads as JSON (true, 64, ["go"]), else the text as written. */
function settingValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
