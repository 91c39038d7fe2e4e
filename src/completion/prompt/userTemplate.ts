/**
 * The user's own completion template (setting `fathom.completion.template`), for a model Fathom does not know
 * or a server that needs a different layout. One string:
 *
 *   <PRE> {prefix} <SUF>{suffix} <MID>{stop: <EOT>}{stop:<EOT>}
 *
 * Placeholders: {prefix} and {suffix} (the code around the cursor, fitted to the budget), {context} (the
 * snippets from other files as comments with their paths; without this placeholder they go at the top of
 * {prefix}), {path} (workspace-relative), {language} (VS Code language id), {repo} (workspace folder name).
 * {stop:TEXT} adds a stop sequence (repeatable) and is not part of the prompt; without any, the stop tokens of
 * the family whose FIM tokens the template uses apply. {{ and }} write literal braces. The prompt is sent
 * as it is (`raw`), whatever the server's own template.
 */
import { familyOfTemplate } from './families';
import { FIM_TEMPLATES } from './templates';

export const TEMPLATE_FIELDS = ['prefix', 'suffix', 'context', 'path', 'language', 'repo'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

type Segment = { text: string } | { field: TemplateField };

export interface UserTemplate {
  /** The template as the user wrote it (for messages). */
  source: string;
  segments: readonly Segment[];
  stop: readonly string[];
  /** Whether the template places the context itself; otherwise it goes at the top of the prefix. */
  hasContext: boolean;
}

export type ParsedTemplate = { ok: true; template: UserTemplate } | { ok: false; error: string };

/** Parses the setting once (when settings change); an error names what is wrong, for the status bar and log. */
export function parseUserTemplate(source: string): ParsedTemplate {
  const segments: Segment[] = [];
  const stop: string[] = [];
  let text = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if ((c === '{' || c === '}') && source[i + 1] === c) {
      text += c;
      i++;
      continue;
    }
    if (c === '}') return { ok: false, error: `Unmatched "}" at character ${i + 1} of the completion template (write "}}" for a literal brace).` };
    if (c !== '{') {
      text += c;
      continue;
    }
    const close = source.indexOf('}', i + 1);
    if (close === -1) return { ok: false, error: `Unclosed "{" at character ${i + 1} of the completion template (write "{{" for a literal brace).` };
    const name = source.slice(i + 1, close);
    i = close;
    if (name.startsWith('stop:')) {
      if (name.length > 'stop:'.length) stop.push(name.slice('stop:'.length));
      continue;
    }
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) {
      return { ok: false, error: `Unknown placeholder {${name}} in the completion template; use ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(' ')} or {stop:TEXT}.` };
    }
    if (text) segments.push({ text });
    text = '';
    segments.push({ field: name as TemplateField });
  }
  if (text) segments.push({ text });
  const fields = segments.flatMap((s) => ('field' in s ? [s.field] : []));
  if (!fields.includes('prefix')) return { ok: false, error: 'The completion template needs a {prefix} placeholder.' };
  const family = familyOfTemplate(source);
  return {
    ok: true,
    template: {
      source,
      segments,
      stop: stop.length > 0 ? stop : family ? [...FIM_TEMPLATES[family].stop] : [],
      hasContext: fields.includes('context'),
    },
  };
}

/** The prompt: each placeholder replaced once (text inserted for one placeholder is never read as another). */
export function renderUserTemplate(template: UserTemplate, values: Readonly<Record<TemplateField, string>>): string {
  return template.segments.map((s) => ('field' in s ? values[s.field] : s.text)).join('');
}
