/**
 * What the vector code needs from a model: a function from texts to vectors. Injected, never built here —
 * the extension runs the index in a worker thread and forwards these calls to the host, which owns the API
 * key, the consent question and the request guards (roles/pool.ts); the CLI and the bench pass a backend's
 * `embed`. So nothing under vectors/ imports a backend, the pool or `vscode`.
 */

/** One vector per text, in order. Rejects when the model cannot answer; aborting `signal` cancels. */
export type Embedder = (texts: string[], signal?: AbortSignal) => Promise<number[][]>;
