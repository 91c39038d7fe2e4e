/**
 * Runs a golden case through the pipeline the extension runs (src/vscode/completions.ts): the scheduler
 * with its trigger rules (told what the cursor is in by the document's tree), the completion service
 * (context from the case's files, the prompt for the model's family or the user's template, the real
 * tree-sitter grammars), redaction at the backend boundary, the engine's streaming stop and every
 * post-processing filter. Only the model is scripted: a ScriptedBackend streams the case's model output
 * in token-sized chunks. The debounce wait returns at once (the typing rhythm is not what a golden case
 * is about), so a case costs no timers.
 */
import { ScriptedBackend } from '../../../../src/backends/scripted';
import { ForwardingBackend } from '../../../../src/backends/forwarding';
import type { Backend, ChatRequest, CompletionRequest } from '../../../../src/backends/types';
import { syntaxAtCursor } from '../../../../src/completion/analysis/syntaxAtCursor';
import { CompletionScheduler } from '../../../../src/completion/scheduling/scheduler';
import { createCompleteOnce } from '../../../../src/completion/service';
import type { CompletionResult } from '../../../../src/completion/engine/result';
import type { DocumentSnapshot } from '../../../../src/workspace/document';
import { objectSource, parseConfig } from '../../../../src/config/settings';
import { Redactor } from '../../../../src/privacy/redactor';
import { withRedaction } from '../../../../src/privacy/redactingBackend';
import { DocumentTrees } from '../../../../src/syntax/documentTrees';
import { hasGrammar } from '../../../../src/syntax/languages';
import { Parsers } from '../../../../src/syntax/parsers';
import { MemoryFiles } from '../../context/helpers';
import { devGrammar } from '../../syntax/grammars';
import type { GoldenCase } from './format';

export interface GoldenRun {
  /** What the editor would show; undefined for no suggestion. */
  result: CompletionResult | undefined;
  /** The request as the model received it (after redaction); undefined when none was sent. */
  request?: CompletionRequest | ChatRequest;
  /** Failures the scheduler swallows (it never rejects) and template errors: a case must have none. */
  errors: string[];
}

/** File extensions for a case's default path (`src/main.<ext>`), which the prompt names. */
const EXTENSION: Readonly<Record<string, string>> = {
  typescript: 'ts', typescriptreact: 'tsx', javascript: 'js', javascriptreact: 'jsx', python: 'py', go: 'go', rust: 'rs',
  java: 'java', c: 'c', cpp: 'cpp', csharp: 'cs', ruby: 'rb', php: 'php',
};

export function documentPath(c: Pick<GoldenCase, 'path' | 'languageId'>): string {
  return c.path ?? `src/main.${EXTENSION[c.languageId] ?? 'txt'}`;
}

/** One per test file: the grammars load once and serve every case. */
export class GoldenPipeline {
  private readonly parsers = new Parsers(devGrammar);

  async run(c: GoldenCase): Promise<GoldenRun> {
    const path = documentPath(c);
    const snapshot: DocumentSnapshot = { uri: `file:///golden/${path}`, path, languageId: c.languageId, text: c.text, offset: c.offset, version: 1 };
    const config = parseConfig(objectSource(c.settings));
    const model = new ScriptedBackend(c.modelOutput, { info: { supportsFim: c.nativeFim } });
    // What the pool hands out wraps every client in redaction; the endpoint guard has nothing to guard here.
    const backend = withRedaction(echoingPlaceholders(model, c.modelOutput), new Redactor());
    const trees = new DocumentTrees(this.parsers);
    const errors: string[] = [];
    const complete = createCompleteOnce({
      // BackendPool.forRole, minus building a client: the model's info, the context length it allows.
      target: async (signal) => {
        const info = await backend.modelInfo(config.completion.model, { signal });
        return { backend, settings: config.completion, info, contextLength: Math.min(config.contextLength, info.contextLength ?? config.contextLength) };
      },
      getConfig: () => config,
      parsers: this.parsers,
      // EditorSyntax.withTree: no tree for a language without a grammar.
      withTree: async (s, use) => (hasGrammar(s.languageId) ? trees.withTree(s.uri, s.languageId, s.version, s.text, use) : use(undefined)),
      files: new MemoryFiles(c.files),
      repoName: () => 'golden',
      onTemplateError: (message) => errors.push(message),
    });
    let requestEnded!: () => void;
    const ended = new Promise<void>((resolve) => (requestEnded = resolve));
    let revised = false;
    const scheduler = new CompletionScheduler({
      complete,
      triggerSettings: () => config.completion,
      onRequest: () => (outcome) => {
        if (outcome?.error) errors.push(outcome.error);
        requestEnded();
      },
      onRevised: () => (revised = true),
      wait: async (_ms, signal) => !signal?.aborted,
    });
    // FathomInlineCompletionProvider: the trigger asks the document's tree what the cursor is in.
    const lookUpSyntax = () => trees.withTree(snapshot.uri, snapshot.languageId, snapshot.version, snapshot.text, (tree) => tree && syntaxAtCursor(tree, snapshot.text, snapshot.offset, snapshot.languageId));
    try {
      const ask = () => scheduler.provide(snapshot, { trigger: c.trigger, lookUpSyntax: hasGrammar(c.languageId) ? lookUpSyntax : undefined });
      let result = await ask();
      // A block's first line was shown early: the editor asks again once the block is final (inlineCompletions.ts askAgain).
      if (scheduler.stats().shownEarly > 0) {
        await ended;
        if (revised) result = await ask();
      }
      return { result, request: model.streams[0]?.request, errors };
    } finally {
      scheduler.dispose();
      trees.dispose();
    }
  }

  dispose(): void {
    this.parsers.dispose();
  }
}

/**
 * Placeholders are unguessable (a per-session key), so a case's model output names the one it repeats by rule
 * and order — `«secret:datadog-key:1»` is the first distinct placeholder of that rule in what the model read —
 * and the script is written with the real token just before the model "answers".
 */
function echoingPlaceholders(model: ScriptedBackend, output: string): Backend {
  const resolve = (request: CompletionRequest | ChatRequest) => {
    const read = requestText(request);
    return output.replace(/«secret:([a-z0-9-]+):(\d)»/g, (named, rule: string, n: string) => {
      const seen = [...new Set(read.match(new RegExp(`«secret:${rule}:[a-z0-9]+»`, 'g')) ?? [])];
      return seen[Number(n) - 1] ?? named;
    });
  };
  return new (class extends ForwardingBackend {
    streamCompletion(request: CompletionRequest) {
      model.setScript(resolve(request));
      return model.streamCompletion(request);
    }
    streamChat(request: ChatRequest) {
      model.setScript(resolve(request));
      return model.streamChat(request);
    }
  })(model);
}

/** Everything the model read: the prompt and suffix, or the chat messages. */
export function requestText(request: CompletionRequest | ChatRequest): string {
  return 'messages' in request ? request.messages.map((m) => m.content).join('\n') : request.prompt + '\n' + (request.suffix ?? '');
}

/** How the pipeline asked: native FIM (the server adds the tokens), a raw prompt, or a chat request. */
export function requestKind(request: CompletionRequest | ChatRequest | undefined): 'fim' | 'raw' | 'chat' | 'none' {
  if (!request) return 'none';
  if ('messages' in request) return 'chat';
  return request.raw ? 'raw' : 'fim';
}
