/**
 * Unhandled promise rejections in the extension host while the suite runs. index.ts starts watching before
 * any test; the run fails when one was seen, and the fault tests assert there were none after each case.
 */
const seen: string[] = [];
let watching = false;

export function watchUnhandledRejections(): void {
  if (watching) return;
  watching = true;
  process.on('unhandledRejection', (reason) => {
    seen.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
  });
}

/** Every unhandled rejection seen so far, oldest first. */
export function unhandledRejections(): readonly string[] {
  return [...seen];
}
