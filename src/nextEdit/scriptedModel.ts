/**
 * The stand-in model of the `next-edit` CLI and the benchmark: a Backend that knows the document once the
 * change is complete (`after`) and answers any next-edit prompt, in the prompt's format, with the lines of
 * `after` where the prompt's editable region stands. It reads the region from the prompt it receives (the
 * format's markers or sections), places it in the current document by its lines and the lines shown above
 * it, and so exercises the real prompt building and answer parsing. A region it cannot place is answered
 * unchanged (no suggestion).
 */
import { ScriptedBackend } from '../backends/scripted';
import type { Backend, ChatRequest, CompletionRequest, ModelInfo, ModelSummary, RequestOptions } from '../backends/types';
import type { NextEditFormat, ShownRegion } from './formats/types';

export class ScriptedNextEditModel implements Backend {
  readonly provider = 'ollama' as const;
  readonly baseUrl = 'scripted:';
  /** Every prompt received, in order (tests look at them). */
  readonly prompts: string[] = [];

  constructor(
    private readonly format: NextEditFormat,
    private readonly after: readonly string[],
    /** The document's lines as the pipeline sees them now (accepted suggestions change it). */
    private readonly current: () => readonly string[],
  ) {}

  async version(): Promise<string | undefined> {
    return undefined;
  }

  async listModels(): Promise<ModelSummary[]> {
    return [{ name: 'scripted' }];
  }

  async modelInfo(model: string, _options?: RequestOptions): Promise<ModelInfo> {
    return { name: model, supportsFim: false };
  }

  streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    return this.reply(request.prompt, request);
  }

  streamChat(request: ChatRequest): AsyncIterable<string> {
    const user = [...request.messages].reverse().find((m) => m.role === 'user');
    return this.reply(user?.content ?? '', request);
  }

  /** The stand-in answers next-edit prompts only; asked for embeddings it answers like the scripted backend. */
  embed(texts: string[], model: string): Promise<number[][]> {
    return new ScriptedBackend('').embed(texts, model);
  }

  private reply(prompt: string, request: CompletionRequest | ChatRequest): AsyncIterable<string> {
    this.prompts.push(prompt);
    const shown = this.format.read(prompt);
    const text = shown ? this.format.answer(this.rewrite(shown), shown) : '';
    return new ScriptedBackend(text).streamCompletion({ ...request, prompt: '' } as CompletionRequest);
  }

  /** The lines of `after` at the shown region's place, or the region itself when it cannot be placed. */
  private rewrite(shown: ShownRegion): string[] {
    const at = placeRegion(this.current(), shown);
    return at === undefined ? shown.region : this.after.slice(at, at + shown.region.length);
  }
}

/**
 * Where `shown.region` starts in `lines`: among the places its lines match, the one whose preceding lines
 * match the most of the lines the prompt showed above it.
 */
export function placeRegion(lines: readonly string[], shown: ShownRegion): number | undefined {
  const n = shown.region.length;
  let best: number | undefined;
  let bestContext = -1;
  for (let i = 0; i + n <= lines.length; i++) {
    let match = true;
    for (let k = 0; k < n && match; k++) match = lines[i + k] === shown.region[k];
    if (!match) continue;
    let context = 0;
    while (context < shown.before.length && i - 1 - context >= 0 && lines[i - 1 - context] === shown.before[shown.before.length - 1 - context]) context++;
    if (context > bestContext) {
      best = i;
      bestContext = context;
    }
  }
  return best;
}
