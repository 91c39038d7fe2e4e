/**
 * The numbers a maintainer tunes, in one place (as Tabby's config/default.ts): debounce times, cache sizes,
 * timeouts, prompt budgets and shares, retrieval limits and scan margins of completion and context.
 * Each says what it does and what raising or lowering it trades. Constants that are facts rather than
 * knobs (a protocol's token, the token estimator's bound) stay beside the code that states them.
 * A leaf folder: completion/ and context/ both import it; it imports nothing.
 */

// ── Scheduling: when an automatic request is sent ───────────────────────────────────────────────────────

/** Typing interval assumed before any rhythm is known. Raising it waits longer after the first keystrokes (fewer wasted requests, slower first suggestion). */
export const DEFAULT_INTERVAL_MS = 200;
/** Shortest typing interval the rhythm is held at. Lowering it lets fast typists get requests sooner, at more requests cancelled mid-word. */
export const MIN_INTERVAL_MS = 80;
/** Longest typing interval the rhythm is held at. Raising it lets slow typists wait longer before a request (fewer requests, later ghost text). */
export const MAX_INTERVAL_MS = 400;
/** Gaps longer than this are pauses (thinking, reading), not typing rhythm. Lowering it ignores more gaps when learning the rhythm. */
export const PAUSE_MS = 1500;
/** Weight of the newest interval in the rhythm (0..1). Raising it follows a change in typing speed faster but jitters more. */
export const RHYTHM_WEIGHT = 0.2;
/** Never wait longer than this for an automatic request, whatever the rhythm. Lowering it makes suggestions appear sooner at more server load. */
export const MAX_DEBOUNCE_MS = 500;
/** How long a block's first line waits for the rest of the stream before it is shown alone (a fast server's block appears whole). Raising it saves a growth step on fast servers, at that much delay on slow ones. */
export const FIRST_LINE_GRACE_MS = 30;
/** After a failure, automatic requests pause this long, doubling per failure. Raising it spares a failing server, lowering it recovers sooner. */
export const BACKOFF_START_MS = 1000;
/** Longest pause after repeated failures. Raising it spares a down server more, but a restarted one is noticed later. */
export const BACKOFF_MAX_MS = 30_000;
/** A request right after a closed stream waits this long, so the server never sees two for one document (1-12 ms measured on loopback). Lowering it risks overlapping requests; raising it adds latency. */
export const CLOSE_GRACE_MS = 25;
/** Latency samples kept for the percentiles. Raising it steadies the figures, at memory and slower reaction to change. */
export const LATENCY_SAMPLES = 500;
/** The sampling temperature of the second suggestion of Alt+\ (Alt+] cycles to it). Higher differs more from the first, and is wrong more often. */
export const SECOND_SUGGESTION_TEMPERATURE = 0.6;
/** The sampling temperature of the third suggestion of Alt+\. Higher differs more from the first two, and is wrong more often. */
export const THIRD_SUGGESTION_TEMPERATURE = 0.9;

// ── Cache and reuse of suggestions ──────────────────────────────────────────────────────────────────────

/** Most prompt keys the completion cache keeps. Raising it hits more often on revisits, at memory. */
export const CACHE_MAX_KEYS = 500;
/** How long a cached suggestion stays valid. Raising it reuses more, but may show suggestions made before other files changed. */
export const CACHE_TTL_MS = 5 * 60_000;
/** How long an empty answer is remembered. Raising it asks less where the model had nothing; lowering it retries sooner. */
export const CACHE_EMPTY_TTL_MS = 60_000;
/** Line positions remembered per key (newer positions push out older ones as the user types along a line). */
export const CACHE_ENTRIES_PER_KEY = 8;
/** Later lines of a multi-line suggestion stored as typed-ahead entries. Raising it serves longer accepted runs from the cache, at memory. */
export const CACHE_TYPED_AHEAD_LINES = 20;
/** Text before the line in the cache key. Raising it makes hits stricter (fewer stale hits, fewer hits). */
export const CACHE_KEY_BEFORE_CHARS = 2000;
/** Text after the line in the cache key. Raising it makes hits stricter (fewer stale hits, fewer hits). */
export const CACHE_KEY_AFTER_CHARS = 1000;
/** Characters compared when reusing an in-flight suggestion. Raising it catches more unrelated edits, at CPU per keystroke. */
export const REUSE_COMPARE_CHARS = 4000;

// ── One request: prompt sizes and the answer ────────────────────────────────────────────────────────────

/** Longest prefix the default request sends, in characters (the prompt builder refines this). Raising it gives the model more code above, at latency. */
export const DEFAULT_PREFIX_CHARS = 6000;
/** Longest suffix the default request sends, in characters. Raising it gives the model more code below, at latency. */
export const DEFAULT_SUFFIX_CHARS = 2000;
/** Token cap of a single-line request; guards against a model that never writes a line break. Lowering it ends runaway answers sooner but may cut long lines. */
export const SINGLE_LINE_MAX_TOKENS = 128;
/** Token cap of a multi-line request. Raising it allows longer blocks, at latency and server time. */
export const DEFAULT_MAX_TOKENS = 256;
/** Most lines the syntax-check window reaches above and below the cursor line. Raising it checks more context, at parse time. */
export const WINDOW_LINES = 100;
/** How far up the headers of enclosing blocks are looked for. Raising it finds headers of very long blocks, at scan time. */
export const HEADER_SEARCH_LINES = 5000;
/** Longest block read when its end never shows (the token limit usually comes first). Raising it allows longer blocks, at latency. */
export const MAX_BLOCK_LINES = 80;
/** Most lines a statement header may span when deciding single-line or block. Raising it recognises longer headers, at scan time. */
export const MULTILINE_HEADER_LINES = 30;
/** How much text around the cursor the analysis stages look at (cut at line boundaries). Raising it sees farther, at CPU per keystroke. */
export const CURSOR_WINDOW_CHARS = 8000;
/** How far back the lexical guess looks for an unclosed block comment or docstring. Raising it is right more often on huge comments, at CPU on huge files. */
export const TRIGGER_LOOK_BACK_CHARS = 20_000;

// ── Filters on the answer ───────────────────────────────────────────────────────────────────────────────

/** A period of lines repeated this often is a loop and is dropped. Lowering it cuts loops sooner but may drop real repetitive code. */
export const REPEATED_LINES_REPEATS = 3;
/** Longest run of lines checked for repetition. Raising it catches longer loops, at CPU. */
export const REPEATED_LINES_LONGEST_PERIOD = 5;
/** Shortest echoed prefix line dropped; shorter echoes are too likely real code (`i = i + 1` after `i = `). */
export const MIN_LINE_ECHO = 4;
/** Shortest echoed block dropped. Lowering it drops more echoes and more real code. */
export const MIN_BLOCK_ECHO = 10;
/** How many lines below the cursor a repeat is compared with. Raising it cuts more answers that rewrite the code below, and more false cuts. */
export const SUFFIX_REPEAT_LINES_COMPARED = 3;

// ── Prompt budget ───────────────────────────────────────────────────────────────────────────────────────

/** Most tokens a completion prompt holds. Raising it gives the model more context, at latency and server memory. */
export const MAX_PROMPT_TOKENS = 4096;
/** Most tokens the suffix takes. Raising it shows more code below the cursor, leaving less for the prefix. */
export const MAX_SUFFIX_TOKENS = 512;
/** Share of the budget the suffix may take. Raising it favours code below over code above. */
export const SUFFIX_SHARE = 0.15;
/** Share of the budget context snippets may take. Raising it brings more from other files, leaving less of the current one. */
export const SNIPPET_SHARE = 0.25;
/** Tokens kept for the template's own text (FIM markers, repository name, paths). Lowering it risks overflowing a tight context window. */
export const TEMPLATE_RESERVE = 64;

/** Fewest tokens a commit message prompt must have left for the staged diff, else the command says the context is too small. Lowering it lets a tiny context describe a change from little more than its file list. */
export const COMMIT_MIN_DIFF_TOKENS = 256;

// ── Context retrieval ───────────────────────────────────────────────────────────────────────────────────

/** Score of an enclosing scope's signature the prefix does not show. Raising it ranks those signatures above other snippets. */
export const SCOPE_SCORE = 0.9;
/** Lines of the prefix the similarity query uses. Raising it matches on more of the surroundings (fewer, broader matches). */
export const SIMILAR_QUERY_LINES = 20;
/** A candidate reached again adds this share of its score. Raising it favours code reached by several retrievers. */
export const AGAIN_SHARE = 0.2;
/** Documents whose windows the similar-code retriever keeps cached. Raising it saves recomputation, at memory. */
export const WINDOW_CACHE_DOCUMENTS = 64;
/** Lines examined for a clean cut before cutting at the budget's edge. Raising it finds cleaner cuts, at CPU. */
export const MAX_SEARCH_LINES = 40;
/** A cut prefix starts on a line numbered in multiples of this, so consecutive prompts share their start and a server reuses its cache. Raising it moves the start less often, at up to this many lines of prefix left out. */
export const PREFIX_START_STEP_LINES = 32;
/** Lines each side of the cursor whose words rank definitions by vocabulary. Raising it widens the vocabulary (less focus). */
export const NEAR_LINES = 10;
/** Weight of vocabulary overlap (0..1) beside the usage score of an imported name. Raising it favours definitions that share words with the cursor. */
export const VOCABULARY_WEIGHT = 1.2;
/** Members of a module imported whole become candidates from this overlap on. Lowering it offers more members (more noise). */
export const MIN_MEMBER_OVERLAP = 0.1;
/** Imported names looked up per request at most (the best ranked). Raising it finds more definitions, at time per request. */
export const MAX_LOOKUPS = 60;
/** A use `d` lines away weighs 1 / (1 + d / HALF_DISTANCE). Raising it weighs far uses more like near ones. */
export const HALF_DISTANCE = 4;
/** Weight of an import not used anywhere yet (as if used about a line away). Raising it favours fresh imports. */
export const UNUSED_WEIGHT = 0.8;
/** Extra weight for a name in the enclosing function's signature. */
export const SIGNATURE_WEIGHT = 0.35;
/** Further uses add this share of their weight to the nearest one's. Raising it favours often-used names. */
export const REPEAT_SHARE = 0.15;
/** Names looked up in modules imported whole (`#include`, `import *`), by proximity. Raising it finds more, at time. */
export const MAX_UNQUALIFIED = 40;
/** Re-export chains longer than this are not followed. Raising it finds definitions behind deeper barrels, at file reads. */
export const REEXPORT_MAX_DEPTH = 5;
/** Tree depth import statements are looked for (top of a file or of a block). Raising it finds deeper imports, at time on huge files. */
export const IMPORT_STATEMENT_MAX_DEPTH = 4;
/** Most files one import may stand for (a Go package, a Java wildcard, a C# namespace). Raising it reads more files per import. */
export const MAX_MODULE_FILES = 12;
/** Module-level definitions a file's index holds (the rest is generated code). Raising it indexes bigger files, at memory. */
export const MAX_DEFINITIONS = 2000;
/** Files above this size are not indexed (generated bundles, data). Raising it indexes bigger files, at parse time and memory. */
export const MAX_INDEXED_CHARS = 400_000;
/** An index checked this recently is used without reading its file again. Raising it reads less, but sees edits to other files later. */
export const INDEX_FRESH_MS = 2000;
/** Import resolutions are kept this long; new files appear after it. Raising it resolves less often, seeing new files later. */
export const IMPORT_RESOLUTION_MS = 30_000;
/** Project config (tsconfig paths, go.mod, composer.json) is read again after this long. Raising it reads less, noticing changes later. */
export const PROJECT_CONFIG_REREAD_MS = 30_000;
/** A definition this short is shown whole or by its signature, nothing in between. */
export const SHORT_LINES = 10;
/** Longer than this, a whole definition is never offered. Raising it allows bigger snippets (fewer fit the budget). */
export const MAX_WHOLE_LINES = 80;
/** A signature spanning more lines than this is cut (long parameter lists, overloads). */
export const MAX_HEADER_LINES = 12;
/** Body lines a function summary keeps after its signature. Raising it shows more of how a function works, at tokens. */
export const BODY_PREVIEW_LINES = 2;
/** Members listed in a class summary. Raising it shows more of a class, at tokens. */
export const MAX_MEMBERS = 40;
/** Members listed in a class summary's short form. */
export const FEW_MEMBERS = 6;

// ── Next-edit suggestions ───────────────────────────────────────────────────────────────────────────────

/** Quiet time after an edit before a next-edit request. Raising it sends fewer requests while typing, at a later suggestion. */
export const NEXT_EDIT_DEBOUNCE_MS = 300;

// ── Local statistics ────────────────────────────────────────────────────────────────────────────────────

/** Statistics are written to this machine's storage at most this often (and when the window closes). Raising it writes less, losing more on a crash. */
export const STATISTICS_WRITE_MS = 5000;
/** Days of per-day counts kept (the page charts the last 30). Raising it keeps a longer history, at storage. */
export const STATISTICS_DAYS_KEPT = 90;
/** The open statistics page is redrawn at most this often while suggestions are shown. */
export const STATISTICS_REDRAW_MS = 1000;
/** Language/model pairs counted at most (a bound on storage): past it, new pairs are not counted. */
export const STATISTICS_MAX_ROWS = 500;

// ── Model choice by resources (roles/modelFit.ts): which of a server's models fit this machine ─────────

/** A model needs about its file size times this in memory (weights plus runtime buffers). Raising it calls fewer models a fit, lowering it risks a model that swaps or spills out of the GPU. */
export const MODEL_MEMORY_FACTOR = 1.1;
/** Bytes a loaded model needs beyond its weights for its context (the KV cache of a few thousand tokens). Raising it calls fewer models a fit on small machines. */
export const MODEL_CONTEXT_BYTES = 500_000_000;
/** Share of the GPUs' total memory a model may take (the display and other programs keep the rest). Raising it calls bigger models a GPU fit, at a risk of spilling into system memory. */
export const GPU_USABLE_SHARE = 0.9;
/** Share of the system's total memory a model may take (the editor, the language servers and the OS keep the rest). Raising it calls bigger models a fit, at a risk of swapping. */
export const MEMORY_USABLE_SHARE = 0.6;
/** The recommended completion model is the largest fill-in-the-middle model up to this file size (small is fast on every keystroke). Raising it recommends better but slower completion models. */
export const COMPLETION_MODEL_MAX_BYTES = 3_000_000_000;
/** How long the doctor and Select Model wait for `nvidia-smi` before calling the GPU unknown. Raising it helps a slow driver answer, at that much delay when it hangs. */
export const NVIDIA_SMI_TIMEOUT_MS = 3000;
