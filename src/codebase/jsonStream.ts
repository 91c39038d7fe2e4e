/**
 * Writes a JSON value to a file piece by piece: objects and arrays are walked, and each leaf (a string,
 * number, boolean or null) is stringified on its own, with the output gathered in ~1 MB writes. The
 * snapshot of a large codebase index is hundreds of megabytes of JSON; JSON.stringify would hold all of it
 * (and the object) in memory at once. The file reads back with JSON.parse like any other.
 */
import { open } from 'node:fs/promises';

const FLUSH_CHARS = 1 << 20;

export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const handle = await open(file, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    const put = async (text: string) => {
      pending.push(text);
      size += text.length;
      if (size < FLUSH_CHARS) return;
      const out = pending.join('');
      pending = [];
      size = 0;
      await handle.write(out);
    };
    await writeValue(value, put);
    await handle.write(pending.join(''));
  } finally {
    await handle.close();
  }
}

async function writeValue(value: unknown, put: (text: string) => Promise<void>): Promise<void> {
  if (Array.isArray(value)) {
    await put('[');
    for (let i = 0; i < value.length; i++) {
      if (i) await put(',');
      // As JSON.stringify: holes and undefined in an array are null.
      await writeValue(value[i] ?? null, put);
    }
    await put(']');
    return;
  }
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    await put('{');
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue;
      await put(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      await writeValue(item, put);
    }
    await put('}');
    return;
  }
  await put(JSON.stringify(value) ?? 'null');
}
