/**
 * Answers a model could plausibly give, each with names it invented: misspelled or imagined APIs of the
 * standard library and of the workspace's dependencies, and workspace helpers that do not exist. The
 * TypeScript answers are checked against this repository's src/ (its real helpers, its package.json
 * dependencies); the Python answers against PYTHON_WORKSPACE below. Every other name in an answer is real,
 * so anything else flagged is a false alarm. A few invented names also exist elsewhere on purpose
 * (`list.push` is a real method of some standard class, `str.contains` of the DOM): the check is
 * conservative about members, and the bench reports those misses.
 */

export interface NameCase {
  id: string;
  languageId: 'typescript' | 'python';
  code: string;
  /** The names the answer made up, which the check should flag. */
  invented: string[];
}

const ts = (id: string, invented: string[], code: string): NameCase => ({ id, languageId: 'typescript', code, invented });
const py = (id: string, invented: string[], code: string): NameCase => ({ id, languageId: 'python', code, invented });

export const NAME_CASES: readonly NameCase[] = [
  ts('fs.readFileAsync', ['readFileAsync'], `import * as fs from 'node:fs';\n\nexport async function loadJson(path: string): Promise<unknown> {\n  const text = await fs.readFileAsync(path, 'utf8');\n  return JSON.parse(text);\n}\n`),
  ts('JSON.parseSafe', ['parseSafe'], `export function parseSettings(text: string): Record<string, unknown> {\n  return JSON.parseSafe(text) ?? {};\n}\n`),
  ts('path.joinPaths', ['joinPaths'], `import * as path from 'node:path';\n\nexport function cacheFile(root: string, name: string): string {\n  return path.joinPaths(root, '.cache', name);\n}\n`),
  ts('string.replaceAllWith', ['replaceAllWith'], `export function slug(title: string): string {\n  return title.toLowerCase().replaceAllWith(' ', '-');\n}\n`),
  ts('Object.deepClone', ['deepClone'], `export function copyConfig<T extends object>(config: T): T {\n  return Object.deepClone(config);\n}\n`),
  ts('array.removeWhere', ['removeWhere'], `export function dropEmpty(lines: string[]): string[] {\n  lines.removeWhere((line) => line.trim() === '');\n  return lines;\n}\n`),
  ts('Math.clampValue', ['clampValue'], `export function ratio(part: number, whole: number): number {\n  return Math.clampValue(part / whole, 0, 1);\n}\n`),
  ts('invented redactSecrets', ['redactSecrets'], `import { redactSecrets } from '../privacy/redactor';\n\nexport function safeLog(text: string): string {\n  return redactSecrets(text);\n}\n`),
  ts('invented detectLanguageFromPath', ['detectLanguageFromPath'], `export function fenceFor(path: string): string {\n  const languageId = detectLanguageFromPath(path);\n  return languageId ?? 'text';\n}\n`),
  ts('invented tokenizeIdentifier', ['tokenizeIdentifier'], `import { codeTokens } from './tokenize';\n\nexport function nameWords(name: string): string[] {\n  return [...tokenizeIdentifier(name), ...codeTokens(name)];\n}\n`),
  ts('invented CodebaseSearcher', ['CodebaseSearcher'], `export async function find(root: string, query: string) {\n  const searcher = new CodebaseSearcher(root);\n  return searcher.search(query, 10);\n}\n`),
  ts('index.searchChunks', ['searchChunks'], `import { CodebaseIndex } from './codebaseIndex';\n\nexport function best(index: CodebaseIndex, query: string) {\n  return index.searchChunks(query, 5)[0];\n}\n`),
  ts('openai createStream', ['createStream'], `import OpenAI from 'openai';\n\nexport async function ask(client: OpenAI, prompt: string): Promise<string> {\n  const stream = await client.chat.completions.createStream({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });\n  let text = '';\n  for await (const part of stream) text += part.choices[0]?.delta?.content ?? '';\n  return text;\n}\n`),
  ts('ollama generateText', ['generateText'], `import { Ollama } from 'ollama';\n\nexport async function complete(prompt: string): Promise<string> {\n  const ollama = new Ollama({ host: 'http://127.0.0.1:11434' });\n  const answer = await ollama.generateText({ model: 'qwen2.5-coder', prompt });\n  return answer.response;\n}\n`),
  ts('tree-sitter parseString', ['parseString'], `import { Parser, Language } from 'web-tree-sitter';\n\nexport async function treeOf(wasm: string, code: string) {\n  await Parser.init();\n  const parser = new Parser();\n  parser.setLanguage(await Language.load(wasm));\n  return parser.parseString(code);\n}\n`),
  ts('MiniSearch addDocuments', ['addDocuments'], `import MiniSearch from 'minisearch';\n\nexport function build(docs: { id: number; body: string }[]) {\n  const search = new MiniSearch({ fields: ['body'] });\n  search.addDocuments(docs);\n  return search;\n}\n`),
  ts('DOMPurify sanitizeHtml', ['sanitizeHtml'], `import DOMPurify from 'dompurify';\n\nexport function clean(html: string): string {\n  return DOMPurify.sanitizeHtml(html, { USE_PROFILES: { html: true } });\n}\n`),
  ts('crypto.createHashDigest', ['createHashDigest'], `import * as crypto from 'node:crypto';\n\nexport function key(root: string): string {\n  return crypto.createHashDigest('sha256', root).slice(0, 24);\n}\n`),
  ts('os.homeDirectory', ['homeDirectory'], `import * as os from 'node:os';\nimport { join } from 'node:path';\n\nexport function cacheRoot(): string {\n  return join(os.homeDirectory(), '.cache', 'fathom');\n}\n`),
  ts('env.getOrDefault', ['getOrDefault'], `export function port(): number {\n  return Number(process.env.getOrDefault('PORT', '8080'));\n}\n`),
  ts('fsp.writeFileAtomic', ['writeFileAtomic'], `import { promises as fsp } from 'node:fs';\n\nexport async function save(path: string, data: string): Promise<void> {\n  await fsp.writeFileAtomic(path, data, 'utf8');\n}\n`),
  ts('console.logError', ['logError'], `export function report(error: unknown): void {\n  console.logError('failed', error);\n}\n`),
  ts('map.containsKey', ['containsKey'], `export function seen(cache: Map<string, number>, key: string): boolean {\n  return cache.containsKey(key);\n}\n`),
  ts('setTimeoutAsync', ['setTimeoutAsync'], `export async function retry<T>(run: () => Promise<T>): Promise<T> {\n  try {\n    return await run();\n  } catch {\n    await setTimeoutAsync(500);\n    return run();\n  }\n}\n`),
  ts('Number.parseFloatSafe', ['parseFloatSafe'], `export function temperature(text: string): number {\n  return Number.parseFloatSafe(text) ?? 0.2;\n}\n`),
  ts('vscode showWarningNotification', ['showWarningNotification'], `import * as vscode from 'vscode';\n\nexport function warn(message: string): void {\n  void vscode.window.showWarningNotification(message);\n}\n`),
  ts('vscode readFileText', ['readFileText'], `import * as vscode from 'vscode';\n\nexport async function read(uri: vscode.Uri): Promise<string> {\n  return vscode.workspace.fs.readFileText(uri);\n}\n`),
  ts('Redactor.redactAll', ['redactAll'], `import { Redactor } from '../privacy/redactor';\n\nexport function clean(texts: string[]): string[] {\n  return new Redactor().redactAll(texts);\n}\n`),
  ts('invented two helpers', ['normalizeWhitespace', 'truncateMiddle'], `export function preview(text: string, max: number): string {\n  return truncateMiddle(normalizeWhitespace(text), max);\n}\n`),
  ts('string.contains (a DOM method too)', ['contains'], `export function isTest(path: string): boolean {\n  return path.contains('.test.');\n}\n`),
  ts('array.append (a DOM method too)', ['append'], `export function withHeader(lines: string[]): string[] {\n  const out: string[] = [];\n  out.append('# header');\n  return out.concat(lines);\n}\n`),
  ts('Array.range', ['range'], `export function indices(n: number): number[] {\n  return Array.range(0, n);\n}\n`),
  ts('type WorkspaceSnapshot', ['WorkspaceSnapshot'], `export function fileCount(snapshot: WorkspaceSnapshot): number {\n  return snapshot.files.length;\n}\n`),
  py('os.path.exist', ['exist'], `import os\n\n\ndef config_present(root):\n    return os.path.exist(os.path.join(root, "settings.toml"))\n`),
  py('list.push (a real method elsewhere)', ['push'], `def evens(numbers):\n    result = []\n    for n in numbers:\n        if n % 2 == 0:\n            result.push(n)\n    return result\n`),
  py('json.loads_safe', ['loads_safe'], `import json\n\n\ndef parse(text):\n    return json.loads_safe(text) or {}\n`),
  py('from shop.cart import ShoppingCart', ['ShoppingCart'], `from shop.cart import ShoppingCart\n\n\ndef new_cart():\n    return ShoppingCart()\n`),
  py('cart.add_items', ['add_items'], `from shop.cart import Cart\n\n\ndef fill(cart: Cart, items):\n    cart.add_items(items)\n    return cart.total()\n`),
  py('apply_discounts', ['apply_discounts'], `from shop.pricing import TAX_RATE\n\n\ndef final_price(price):\n    return apply_discounts(price, 10) * (1 + TAX_RATE)\n`),
  py('str.trim', ['trim'], `def clean(name):\n    return name.trim().lower()\n`),
  py('os.getcwdir', ['getcwdir'], `import os\n\n\ndef here():\n    return os.getcwdir()\n`),
  py('datetime.to_iso', ['to_iso'], `from datetime import datetime\n\n\ndef stamp():\n    return datetime.now().to_iso()\n`),
  py('re.matchall', ['matchall'], `import re\n\n\ndef numbers(text):\n    return [int(m) for m in re.matchall(r"\\d+", text)]\n`),
  py('subprocess.run_command', ['run_command'], `import subprocess\n\n\ndef git_head():\n    return subprocess.run_command(["git", "rev-parse", "HEAD"]).strip()\n`),
  py('from shop.storage import write_json', ['write_json'], `from shop.storage import read_json, write_json\n\n\ndef bump(path):\n    data = read_json(path)\n    data["version"] += 1\n    write_json(path, data)\n`),
  py('Path.read_text_safe', ['read_text_safe'], `from pathlib import Path\n\n\ndef load(path):\n    return Path(path).read_text_safe(encoding="utf-8")\n`),
  py('logging.getLoger', ['getLoger'], `import logging\n\nlog = logging.getLoger(__name__)\n\n\ndef start():\n    log.info("starting")\n`),
  py('collections.OrderDict', ['OrderDict'], `import collections\n\n\ndef ordered(pairs):\n    return collections.OrderDict(pairs)\n`),
  py('random.randint_range', ['randint_range'], `import random\n\n\ndef roll():\n    return random.randint_range(1, 6)\n`),
  py('str.startsWith', ['startsWith'], `def private(names):\n    return [n for n in names if n.startsWith("_")]\n`),
  py('invented load_inventory', ['load_inventory'], `from shop.cart import load_cart\n\n\ndef restore(path):\n    cart = load_cart(path)\n    cart.items.extend(load_inventory(path))\n    return cart\n`),
  py('dict.has_key (Python 2)', ['has_key'], `def lookup(table, key):\n    if table.has_key(key):\n        return table[key]\n    return None\n`),
];

/** The small Python project the Python answers are checked against. */
export const PYTHON_WORKSPACE: Readonly<Record<string, string>> = {
  'shop/__init__.py': '',
  'shop/cart.py': `from shop.pricing import apply_discount\n\n\nclass Cart:\n    def __init__(self):\n        self.items = []\n\n    def add_item(self, item):\n        self.items.append(item)\n\n    def remove_item(self, item):\n        self.items.remove(item)\n\n    def total(self):\n        return sum(apply_discount(i.price, i.discount) for i in self.items)\n\n\ndef load_cart(path):\n    from shop.storage import read_json\n    cart = Cart()\n    for item in read_json(path)["items"]:\n        cart.add_item(item)\n    return cart\n`,
  'shop/pricing.py': `TAX_RATE = 0.2\n\n\ndef apply_discount(price, percent):\n    return price * (100 - percent) / 100\n`,
  'shop/storage.py': `import json\nimport os\n\n\ndef read_json(path):\n    if not os.path.exists(path):\n        return {}\n    with open(path, encoding="utf-8") as f:\n        return json.load(f)\n\n\ndef save_json(path, data):\n    with open(path, "w", encoding="utf-8") as f:\n        json.dump(data, f)\n`,
};
