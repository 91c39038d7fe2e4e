import { readFileSync } from 'node:fs';

/**
 * The flat `fathom.*` settings a CLI command runs with: those of `--settings FILE` (a settings.json), then
 * the command's own flags on top (flags left out keep the file's value or the default).
 */
export function settingsFrom(file: string | undefined, flags: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) raw[key] = value;
  return raw;
}
