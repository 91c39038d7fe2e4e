import * as assert from 'node:assert/strict';
import { Redactor } from '../../../src/privacy/redactor';
import { falsePositives, ordinaryCorpus } from './ordinaryCorpus';

/**
 * Ordinary code that mentions passwords, tokens and keys, or holds hashes, UUIDs and base64, but no
 * secret. Every snippet must come out of the redactor byte for byte.
 */
const ORDINARY_CODE: readonly string[] = [
  // TypeScript / JavaScript
  'const password = getPassword();',
  'function login(user: string, password: string): Promise<Token> {\n  return api.post("/login", { user, password });\n}',
  'interface Session {\n  token: string;\n  refreshToken?: string;\n  expiresAt: number;\n}',
  'const apiKey = process.env.OPENAI_API_KEY;',
  'const token = req.headers.authorization?.split(" ")[1];',
  'export const API_KEY_HEADER = "x-api-key";',
  'const maxTokens = 4096;\nconst tokenizer = new Tokenizer(vocab);',
  'const secretName = "my-app-secret";',
  'this.passwordField = "PasswordInput";',
  'it("hashes the password", () => expect(hash("abc")).toHaveLength(64));',
  'const id = "123e4567-e89b-12d3-a456-426614174000";\nconst requestId = "123e4567-e89b-12d3-a456-426614174000";',
  'import { createHash } from "node:crypto";\nconst sha = createHash("sha256").update(body).digest("hex");',
  'const skeleton = "sk-loading-placeholder";\nclassName="sk-item sk-item--active"',
  '<div class="sk-card-2024-summer-campaign-banner"></div>',
  'const url = `https://${host}:${port}/api`;',
  // Python
  'password = input("Password: ")\nif not check_password(password):\n    raise PermissionError()',
  'def get_token(self) -> str:\n    return self._token',
  'API_KEY = os.environ["API_KEY"]',
  'SECRET_KEY = os.getenv("SECRET_KEY", None)',
  'token_count = len(tokens)\nsecret_santa = pick(names)',
  // Go
  'func (c *Client) Token() (string, error) {\n\treturn c.token, nil\n}',
  'type Config struct {\n\tPassword string `json:"password"`\n\tAPIKey   string `json:"api_key"`\n}',
  // Rust
  'let token: Option<String> = None;\nlet password = prompt_password("Password: ")?;',
  // Java / C#
  'private final String password;\npublic String getPassword() { return password; }',
  'var token = await _tokenService.CreateTokenAsync(user, cancellationToken);',
  // Git, hashes, ids
  'commit 3f786850e387550fdab836ed7e6dc881de23001b\nAuthor: Dev <dev@example.com>',
  'git checkout a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
  '"integrity": "sha512-Q2hlY2sgaGFzaA==",\n"resolved": "https://registry.npmjs.org/ignore/-/ignore-7.0.17.tgz"',
  // Config with placeholders and references
  'OPENAI_API_KEY=\nDATABASE_URL=postgres://localhost:5432/app',
  'password: ${{ secrets.DB_PASSWORD }}\ntoken: ${{ secrets.GITHUB_TOKEN }}',
  'api_key: "<your-api-key>"\nsecret: YOUR_SECRET_HERE',
  'redis://localhost:6379/0\nhttp://user@example.com/path',
  // Shell, SQL, Markdown, CSS
  'read -s -p "Password: " PASSWORD\nexport PASSWORD',
  "SELECT id, password_hash FROM users WHERE email = $1;",
  '## Authentication\n\nSet `FATHOM_API_KEY` to your key, then run `fathom login --token <token>`.',
  '.token-list > .token { color: #6a9955; }\n.secret-badge { display: none; }',
  // Lockfiles, hashes and source maps
  '  integrity sha512-Q2hlY2sgaGFzaA==\n  resolved "https://registry.yarnpkg.com/ignore/-/ignore-7.0.17.tgz"',
  '{"version":3,"sources":["a.ts"],"mappings":"AAAA,SAASA,GAAG;AACf,OAAO,KAAK","file":"a.js"}',
  '"dependencies": {\n  "@azure/core-auth": "^1.9.0",\n  "@azure/core-client": "^1.9.2"\n}',
  // Base64 images and long identifiers
  'const pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";',
  'const veryLongIdentifierNameForTokenRefreshHandlerFactory = createTokenRefreshHandlerFactory();',
];

describe('privacy: redactor leaves ordinary code alone', () => {
  it('has at least 30 snippets', () => assert.ok(ORDINARY_CODE.length >= 30, `${ORDINARY_CODE.length}`));

  for (const snippet of ORDINARY_CODE) {
    it(snippet.slice(0, 70).replace(/\n/g, '⏎'), () => {
      const { text, found } = new Redactor().redact(snippet);
      assert.deepEqual(found, []);
      assert.equal(text, snippet);
    });
  }
});

/** The most redactions allowed in the ordinary-content corpus: documentation examples of credentials. */
const MAX_FALSE_POSITIVES = 3;

describe('privacy: redactor on 3 MB of ordinary content (node_modules sources, bundles, maps, lockfiles, hashes)', function () {
  this.timeout(60_000);

  it(`redacts at most ${MAX_FALSE_POSITIVES} things, none of them in lockfiles, hashes, ids or data URIs`, () => {
    const { texts, missing } = ordinaryCorpus();
    assert.deepEqual(missing, [], 'corpus files missing from node_modules');
    const size = texts.reduce((n, t) => n + t.text.length, 0);
    assert.ok(size > 2_000_000, `${size} characters`);
    const found = falsePositives(texts);
    const list = found.map((f) => `${f.name} (${f.rule}): ${f.excerpt}`).join('\n');
    assert.ok(found.length <= MAX_FALSE_POSITIVES, `${found.length} redactions:\n${list}`);
    const kinds = new Map(texts.map((t) => [t.name, t.kind]));
    const structural = found.filter((f) => ['lockfile', 'hashes', 'ids', 'data URIs', 'source map'].includes(kinds.get(f.name) ?? ''));
    assert.deepEqual(structural, [], 'redactions in lockfiles, hashes, ids, data URIs or source maps');
  });
});

