/**
 * `node dist/cli.js next-edit --cases FILE.jsonl [--follow N] [--model NAME]`: runs the next-edit pipeline
 * on cases with a scripted model that answers, in the prompt format in use, with the lines of `after` the
 * prompt made editable. Prints one {"id","edits":[{"startLine","endLine","text"}],"ms"} line per case.
 * Every case is checked before any runs: a bad file or case is reported with its line and the exit code is 2.
 * A case the pipeline fails on prints as no suggestion, with the error on stderr, and the exit code is 1.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FORMATS } from '../nextEdit/formats/detect';
import type { FormatId } from '../nextEdit/formats/types';
import { splitLines } from '../nextEdit/lines';
import { DEFAULT_CASE_MODEL, runCase, type NextEditCase, type RunOptions } from '../nextEdit/runCase';
import { userEditHunk } from '../nextEdit/userEdit';
import { shippedGrammar } from '../syntax/locateGrammar';
import { Parsers } from '../syntax/parsers';
import { processOutput, type CliOutput } from './cursorArgs';
import { jsonLines } from './jsonLines';

export const NEXT_EDIT_USAGE = `  next-edit  Run the next-edit pipeline on cases with a scripted model:
             --cases FILE.jsonl, one case per line:
               {"id","languageId","path","text","cursor":{"line","character"},
                "edit":{"line","from","to"},"after"}
             \`text\` is the document just after the user's edit (on line edit.line, \`from\` was
             replaced by \`to\`), \`after\` the document once the change is complete (same line
             count); lines and characters are 0-based. The model answers with the lines of \`after\`
             that the prompt made editable. Prints one {"id","edits":[{"startLine","endLine","text"}],"ms"}
             per case: lines startLine..endLine (0-based, inclusive) are replaced by the lines of
             \`text\` (joined with "\\n", no trailing newline; "" is one empty line). Edits apply in
             order, each to the document the previous ones left; [] is no suggestion; ms is the
             pipeline's time for the case.
             --follow N: accept the suggestion and ask again, up to N more times (as pressing Tab
             would); every accepted edit is listed. --model NAME: the model name the prompt format is
             told from (default "${DEFAULT_CASE_MODEL}"), or --format ${Object.keys(FORMATS).join('|')}.
             --no-syntax: no tree-sitter (text rules only).`;

export async function nextEditCommand(args: string[], out: CliOutput = processOutput, locateGrammar: (wasmFile: string) => string = shippedGrammar(__dirname)): Promise<number> {
  const fail = (message: string) => {
    out.stderr(`fathom next-edit: ${message}\n\n${NEXT_EDIT_USAGE}\n`);
    return 2;
  };
  let values: { cases?: string; follow?: string; model?: string; format?: string; 'no-syntax'?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { cases: { type: 'string' }, follow: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, 'no-syntax': { type: 'boolean', default: false } } }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (!values.cases) return fail('--cases FILE.jsonl is required.');
  const follow = values.follow === undefined ? 0 : Number(values.follow);
  if (!Number.isInteger(follow) || follow < 0) return fail('--follow must be a whole number (0 or more).');
  if (values.format !== undefined && !(values.format in FORMATS)) return fail(`--format must be one of ${Object.keys(FORMATS).join(', ')}.`);
  let jsonl: string;
  try {
    jsonl = readFileSync(values.cases, 'utf8');
  } catch (error) {
    return fail(`cannot read ${values.cases}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseNextEditCases(jsonl);
  if ('error' in parsed) return fail(parsed.error);
  const parsers = values['no-syntax'] ? undefined : new Parsers(locateGrammar);
  const format = values.format ? FORMATS[values.format as FormatId] : undefined;
  let failed = 0;
  try {
    await warmUp(parsed.cases[0], { follow, model: values.model, format, parsers });
    for (const c of parsed.cases) {
      const started = performance.now();
      try {
        const run = await runCase(c, { follow, model: values.model, format, parsers });
        out.stdout(JSON.stringify({ id: c.id, edits: run.edits.map(({ startLine, endLine, text }) => ({ startLine, endLine, text })), ms: run.ms }) + '\n');
      } catch (error) {
        // One case failing does not stop the others; its line says "no suggestion" and the exit code says 1.
        failed++;
        out.stderr(`fathom next-edit: case ${JSON.stringify(c.id)}: ${error instanceof Error ? error.message : String(error)}\n`);
        out.stdout(JSON.stringify({ id: c.id, edits: [], ms: Math.round((performance.now() - started) * 100) / 100 }) + '\n');
      }
    }
  } finally {
    parsers?.dispose();
  }
  return failed ? 1 : 0;
}

/**
 * Runs the first case once, unprinted and untimed: in the editor the pipeline runs warm (compiled, grammars
 * loaded), and a fresh process would otherwise time compiling the code on its first case.
 */
async function warmUp(c: NextEditCase, options: RunOptions): Promise<void> {
  try {
    await runCase(c, options);
  } catch {
    // The timed run reports it.
  }
}

/** The cases of a JSONL text (jsonLines), or the first problem with its line number. */
export function parseNextEditCases(jsonl: string): { cases: NextEditCase[] } | { error: string } {
  const cases: NextEditCase[] = [];
  for (const { line, row } of jsonLines(jsonl)) {
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (error) {
      return { error: `line ${line}: not JSON (${error instanceof Error ? error.message : String(error)})` };
    }
    const problem = caseProblem(value);
    if (problem) return { error: `line ${line}: ${problem}` };
    cases.push(value as NextEditCase);
  }
  if (cases.length === 0) return { error: 'the cases file holds no case.' };
  return { cases };
}

function caseProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'a case must be a JSON object.';
  for (const key of ['id', 'path', 'text', 'after'] as const) if (typeof v[key] !== 'string') return `"${key}" must be a string.`;
  if (v.languageId !== undefined && typeof v.languageId !== 'string') return '"languageId" must be a string.';
  const cursor = v.cursor;
  if (!isObject(cursor) || !isCount(cursor.line) || !isCount(cursor.character)) return '"cursor" must be {"line","character"} with whole numbers from 0.';
  const edit = v.edit;
  if (!isObject(edit) || !isCount(edit.line) || typeof edit.from !== 'string' || typeof edit.to !== 'string') return '"edit" must be {"line","from","to"} with a whole line number and two strings.';
  const lines = splitLines(v.text as string);
  if ((cursor.line as number) >= lines.length) return `cursor.line ${String(cursor.line)} is outside the ${lines.length}-line text.`;
  if (splitLines(v.after as string).length !== lines.length) return '"after" must have as many lines as "text".';
  try {
    userEditHunk(v.path as string, v.text as string, { line: edit.line as number, from: edit.from, to: edit.to }, { line: cursor.line as number, character: cursor.character as number });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
