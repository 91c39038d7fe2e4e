/**
 * The table of secret formats the Redactor looks for before any text leaves the machine: the one place
 * where formats live. Vendor token formats are listed here; two families with more structure have their
 * own files — private keys, whole or cut (rules/keys.ts), and values found by the name they are assigned
 * to in every config and code syntax (rules/assignments.ts). The checks on found values are in
 * rules/values.ts.
 *
 * Each rule says where the secret is (the whole match, or a capture group when the match needs
 * surrounding context such as `AccountKey=` or a variable name) and, where the format alone would also
 * match ordinary text, a check on the value. Prefixed vendor formats (ghp_, sk-ant-, AIza, …) are specific
 * enough to need no check.
 *
 * Order matters: when two rules claim overlapping text, the earlier rule wins, so specific formats come
 * before the generic ones at the end. `keep` rules claim known public look-alikes (certificates) first.
 *
 * Cost: every pattern is linear in the text — repetitions are bounded or stop at a character the next
 * token cannot start with, and patterns that could start anywhere are anchored on a literal or a run start.
 * The worst cases are exercised by test/unit/privacy/adversarial.ts (bench: `npm run bench -- redaction`).
 */
import { ASSIGNMENT_RULES } from './rules/assignments';
import { KEY_RULES } from './rules/keys';
import { isPlaceholderValue, shannonEntropy } from './rules/values';

export { isAssignedSecret, isPlaceholderValue, isSecretName, looksLikeCode, looksLikeKeyMaterial, shannonEntropy } from './rules/values';

export interface SecretRule {
  /** Short kebab-case name; it is written into the placeholder. */
  id: string;
  /** What the rule finds, for reports and settings. */
  description: string;
  /** Must carry the `g` flag. The `d` flag is added by the scanner to locate `group`. */
  pattern: RegExp;
  /**
   * Capture group holding the secret: a number or a group name, or a list of alternatives (the first that
   * took part in the match). 0 / omitted is the whole match. A group named `lead`, captured in a lookbehind
   * and ending where the match starts, is part of the secret too: patterns can then start on a cheap
   * literal in the middle of a secret and take its first part from the lookbehind.
   */
  group?: number | string | readonly (number | string)[];
  /**
   * Literal text every match contains (compared as written: a case-insensitive search costs several times
   * more): when the text holds none of them the rule is skipped without running its pattern. Worth it where
   * the pattern cannot start on a literal (patterns that do are scanned as fast as the keyword would be).
   */
  keywords?: readonly string[];
  /** A cheap pattern the text must match for the rule to run at all (a prefilter, like `keywords`). */
  requires?: RegExp;
  /** Extra check on the secret value (with the whole match for context); false means "not a secret, leave it". */
  accept?: (value: string, match: RegExpMatchArray) => boolean;
  /** A public look-alike (a certificate): claimed so later rules leave it, never redacted. */
  keep?: boolean;
}

/** Random-looking token body: digits and letters mixed, not a word or a run of one character. */
function randomLooking(minEntropy: number) {
  return (value: string) => /\d/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= minEntropy;
}

/** Vendor formats: a prefix or a fixed shape identifies them. */
const TOKEN_RULES: readonly SecretRule[] = [
  {
    id: 'gcp-private-key-id',
    description: 'GCP service-account private_key_id',
    pattern: /"private_key_id"\s*:\s*"([a-f0-9]{40})"/g,
    keywords: ['"private_key_id"'],
    group: 1,
  },
  // ── Cloud providers ──
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id (AKIA/ASIA/…)',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z2-7]{16}\b/g,
    // AWS documents its examples with keys ending in EXAMPLE.
    accept: (v) => !v.endsWith('EXAMPLE'),
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key assigned to an aws_secret_access_key-like name',
    pattern: /aws.{0,20}?(?:secret|private).{0,20}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    accept: randomLooking(4),
  },
  {
    id: 'azure-storage-key',
    description: 'Azure storage account key in a connection string (AccountKey=, any length)',
    pattern: /AccountKey=([A-Za-z0-9+/]{20,400}={0,2})(?![A-Za-z0-9+/=])/g,
    group: 1,
    accept: randomLooking(3.5),
  },
  {
    id: 'azure-shared-access-key',
    description: 'Azure Service Bus / Event Hubs / IoT SharedAccessKey',
    pattern: /SharedAccessKey=([A-Za-z0-9+/]{42,44}=?)/g,
    group: 1,
  },
  {
    id: 'azure-sas-signature',
    description: 'Azure SAS token signature (sig=)',
    pattern: /[?&]sig=([A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/g,
    group: 1,
    accept: randomLooking(3.5),
  },
  // ── Code hosting ──
  {
    id: 'github-token',
    description: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)',
    pattern: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/g,
  },
  {
    id: 'github-fine-grained-token',
    description: 'GitHub fine-grained personal access token (github_pat_)',
    pattern: /\bgithub_pat_[A-Za-z0-9_]{50,255}\b/g,
  },
  {
    id: 'gitlab-token',
    description: 'GitLab tokens: personal / project / group (glpat-, also the routable glpat-….01.…), deploy, runner, trigger, feed, CI job, OAuth, agent; runner registration (GR1348941)',
    pattern: /\b(?:gl(?:pat|dt|rt|ptt|ft|cbt|oas|soat|agent|imt|wt|ffct)-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}(?:\.?[0-9a-z]{7,9})?)?|GR1348941[A-Za-z0-9_-]{20,100})(?![A-Za-z0-9_-])/g,
  },
  // ── AI providers (Anthropic before OpenAI: both start with sk-) ──
  {
    id: 'anthropic-key',
    description: 'Anthropic API key (sk-ant-)',
    pattern: /\bsk-ant-[A-Za-z0-9_-]{32,300}/g,
  },
  {
    id: 'openai-key',
    description: 'OpenAI API key (sk-, sk-proj-, sk-svcacct-, sk-admin-)',
    pattern: /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,300}/g,
    // Real keys mix cases; lower-case `sk-…` runs are CSS classes and slugs.
    accept: (v) => /[A-Z]/.test(v) && /[a-z]/.test(v) && randomLooking(3.5)(v),
  },
  {
    id: 'huggingface-token',
    description: 'Hugging Face user access token (hf_) and organisation API token (api_org_)',
    pattern: /\b(?:hf|api_org)_[A-Za-z0-9]{30,60}\b/g,
    keywords: ['hf_', 'api_org_'],
    accept: randomLooking(3.5),
  },
  // ── Messaging ──
  {
    id: 'slack-token',
    description: 'Slack bot / user / app-level token (xoxb-, xoxp-, xoxa-, xoxs-, xapp-)',
    pattern: /\b(?:xox[bpasr]-[A-Za-z0-9-]{10,300}|xapp-\d-[A-Z0-9]{1,30}-\d{1,30}-[A-Za-z0-9]{1,300})/g,
    keywords: ['xox', 'xapp-'],
  },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/]{20,300}/g,
  },
  {
    id: 'discord-webhook',
    description: 'Discord webhook URL',
    pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{1,30}\/[A-Za-z0-9_-]{40,300}/g,
  },
  {
    id: 'discord-bot-token',
    description: 'Discord bot token (base64 user id . timestamp . HMAC)',
    // Found from its first dot (a cheap first character); the user-id part is read behind it.
    pattern: /\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}\b(?<=(?<![\w-])(?<lead>[MNO][A-Za-z0-9_-]{23,25})\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})/g,
  },
  {
    id: 'telegram-bot-token',
    description: 'Telegram bot token (<bot id>:AA…)',
    pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g,
    keywords: [':AA'],
  },
  {
    id: 'twilio-api-key',
    description: 'Twilio API key SID (SK + 32 hex)',
    pattern: /\bSK[0-9a-f]{32}\b/g,
    keywords: ['SK'],
  },
  {
    id: 'twilio-auth-token',
    description: 'Twilio auth token assigned to a twilio…token name',
    pattern: /twilio.{0,20}?(?:token|secret).{0,5}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([0-9a-f]{32})\b/gi,
    group: 1,
  },
  {
    id: 'sendgrid-key',
    description: 'SendGrid API key (SG.)',
    pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    keywords: ['SG.'],
  },
  {
    id: 'mailgun-key',
    description: 'Mailgun API key: current form (32 hex-8 hex-8 hex) and legacy key-…',
    // The current form is found from its dashes (a cheap first character), its 32 hex digits from the lookbehind.
    pattern: /\bkey-[0-9a-f]{32}\b|-[0-9a-f]{8}-[0-9a-f]{8}\b(?<=(?<![0-9A-Za-z])(?<lead>[0-9a-f]{32})-[0-9a-f]{8}-[0-9a-f]{8})/g,
  },
  // ── Payments and commerce ──
  {
    id: 'stripe-key',
    description: 'Stripe secret / restricted key (sk_live_, rk_live_, sk_test_, rk_test_) and webhook secret',
    pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{24,300}\b|\bwhsec_[A-Za-z0-9]{32,300}\b/g,
  },
  {
    id: 'shopify-token',
    description: 'Shopify access token / shared secret (shpat_, shpca_, shppa_, shpss_)',
    pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g,
  },
  // ── Atlassian ──
  {
    id: 'bitbucket-app-password',
    description: 'Bitbucket app password (ATBB…)',
    pattern: /\bATBB[A-Za-z0-9_=.-]{28,40}(?![A-Za-z0-9_=.-])/g,
    keywords: ['ATBB'],
    accept: randomLooking(3.5),
  },
  {
    id: 'atlassian-api-token',
    description: 'Atlassian Cloud API token (ATATT3…), Jira / Confluence / Bitbucket',
    pattern: /\bATATT3[A-Za-z0-9_=-]{150,250}(?![A-Za-z0-9_=-])/g,
    keywords: ['ATATT3'],
  },
  // ── Google ──
  {
    id: 'google-api-key',
    description: 'Google API key (AIza)',
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  },
  {
    id: 'google-oauth-secret',
    description: 'Google OAuth client secret (GOCSPX-)',
    pattern: /\bGOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g,
    keywords: ['GOCSPX-'],
  },
  // ── Package registries ──
  {
    id: 'npm-token',
    description: 'npm access token (npm_)',
    pattern: /\bnpm_[A-Za-z0-9]{36}\b/g,
  },
  {
    id: 'npmrc-auth-token',
    description: 'Registry auth token in .npmrc (_authToken=)',
    pattern: /:_authToken=([^\s"'«»]+)/g,
    group: 1,
    accept: (v) => !isPlaceholderValue(v) && v.length >= 8,
  },
  {
    id: 'pypi-token',
    description: 'PyPI API token (pypi-AgEIcHlwaS5vcmc…)',
    pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,400}/g,
  },
  // ── Hosting ──
  {
    id: 'digitalocean-token',
    description: 'DigitalOcean token (dop_v1_, doo_v1_, dor_v1_)',
    pattern: /\bdo[por]_v1_[a-f0-9]{64}\b/g,
    keywords: ['_v1_'],
  },
  {
    id: 'heroku-key',
    description: 'Heroku platform API key (HRKU-)',
    pattern: /\bHRKU-[A-Za-z0-9_-]{20,300}/g,
    keywords: ['HRKU-'],
  },
  {
    id: 'heroku-key',
    description: 'Heroku API key: a UUID assigned to a heroku…key / token name',
    pattern: /heroku.{0,20}?(?:key|token|secret).{0,5}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi,
    group: 1,
  },
  {
    id: 'datadog-key',
    description: 'Datadog API (32 hex) / application (40 hex) key assigned to a dd/datadog name (also nested under a datadog: block, even when context lines are turned into comments)',
    pattern: /(?:datadog|\bdd)(?:[\s\S](?!\n[ \t]*\n)){0,40}?(?:api|app|application).{0,5}?key.{0,5}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([a-f0-9]{40}|[a-f0-9]{32})\b/gi,
    keywords: ['datadog', 'Datadog', 'DATADOG', 'dd', 'DD'],
    group: 1,
  },
  // ── Generic shapes ──
  {
    id: 'jwt',
    description: 'JSON Web Token (header.payload.signature)',
    // Starts only where a run of base64url starts, so a long run is walked once.
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  },
  {
    id: 'authorization-header',
    description: 'Credentials in an Authorization: Bearer / Basic header',
    pattern: /\bAuthorization["']?[ \t]*[:=][ \t]*["']?(?:Bearer|Basic|token)[ \t]+([A-Za-z0-9._~+/-]{16,4096}=*)/gi,
    group: 1,
    accept: randomLooking(3),
  },
];

export const SECRET_RULES: readonly SecretRule[] = [...KEY_RULES, ...TOKEN_RULES, ...ASSIGNMENT_RULES];
