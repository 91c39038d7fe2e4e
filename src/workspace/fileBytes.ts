/**
 * Telling a binary file from text by its first bytes, one rule for every reader of workspace files (the
 * editor's, the CLI's and the codebase index's): a NUL byte near the start means binary.
 */

/** Bytes checked for a NUL to call a file binary. */
const BINARY_PROBE = 8000;

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_PROBE).includes(0);
}

/** UTF-8 text read from disk by Node, or undefined for a binary file. */
export function textOfFile(bytes: Buffer): string | undefined {
  return looksBinary(bytes) ? undefined : bytes.toString('utf8');
}
