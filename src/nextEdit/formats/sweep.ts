/**
 * Sweep's open next-edit models (sweepai/sweep-next-edit, Qwen2.5-Coder based), in the <|file_sep|> layout
 * their model card documents: context files as `<|file_sep|>{path}` chunks, each recent edit as
 * `<|file_sep|>{path}.diff` with `original:` and `updated:` blocks, then the window before the last edit as
 * `<|file_sep|>original/{path}`, the window now as `<|file_sep|>current/{path}`, and an open
 * `<|file_sep|>updated/{path}` the model completes with the rewritten window, ending at the next <|file_sep|>
 * or <|endoftext|>. The editable region is the window; the lines above it go in as a chunk of the file.
 */
import { contextBefore, cutAtStop, dropFinalNewline } from './shared';
import type { NextEditFormat, PromptInput, ShownRegion } from './types';
import type { EditHunk } from '../types';

const SEP = '<|file_sep|>';
const STOPS = [SEP, '<|endoftext|>'];

function build(input: PromptInput) {
  const { startLine, endLine } = input.region;
  const current = input.lines.slice(startLine, endLine + 1);
  const parts: string[] = [];
  const above = contextBefore(input);
  if (above.length) parts.push(`${SEP}${input.path}`, ...above);
  for (const h of input.history) parts.push(`${SEP}${h.path}.diff`, 'original:', ...h.before, 'updated:', ...h.after);
  parts.push(`${SEP}original/${input.path}`, ...originalWindow(input, current), `${SEP}current/${input.path}`, ...current, `${SEP}updated/${input.path}`);
  return { kind: 'completion' as const, prompt: parts.join('\n') + '\n', stop: STOPS };
}

/** The window as it was before the newest edit of this file, when that edit lies inside it. */
function originalWindow(input: PromptInput, current: string[]): string[] {
  const own = input.history.filter((h: EditHunk) => h.path === input.path);
  const last = own[own.length - 1];
  if (!last || last.before.length !== last.after.length) return current;
  const offset = last.startLine - input.region.startLine;
  if (offset < 0 || offset + last.after.length > current.length) return current;
  const out = [...current];
  out.splice(offset, last.before.length, ...last.before);
  return out;
}

function parse(answer: string): string[] | undefined {
  const body = cutAtStop(answer, STOPS);
  if (body.trim() === '') return undefined;
  return dropFinalNewline(body).split('\n');
}

function read(prompt: string): ShownRegion | undefined {
  const lines = prompt.split('\n');
  const current = lines.findIndex((l) => l.startsWith(`${SEP}current/`));
  const updated = lines.findIndex((l, i) => i > current && l.startsWith(`${SEP}updated/`));
  if (current === -1 || updated === -1) return undefined;
  const path = lines[current].slice(`${SEP}current/`.length);
  const chunk = lines.indexOf(`${SEP}${path}`);
  const chunkEnd = chunk === -1 ? -1 : lines.findIndex((l, i) => i > chunk && l.startsWith(SEP));
  return { path, before: chunk === -1 ? [] : lines.slice(chunk + 1, chunkEnd), region: lines.slice(current + 1, updated) };
}

function answer(lines: readonly string[]): string {
  return lines.join('\n') + '\n' + SEP;
}

export const sweepFormat: NextEditFormat = { id: 'sweep', build, parse, read, answer };
