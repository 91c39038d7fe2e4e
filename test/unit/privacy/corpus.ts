/**
 * FAKE secrets, one per supported format, each placed in the kind of code where it turns up for real.
 *
 * The values are built at run time from a seeded generator, so they are format-valid (right prefix,
 * alphabet and length) but never were real credentials, and no secret scanner (GitHub push
 * protection and the like) sees a literal token in this repository.
 */

import { CONFIG_SECRETS, NEW_TOKENS } from './configSecrets';
import { fake } from './fake';

export { fake };

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';
const URLSAFE = ALNUM + '_-';

const uuid = (seed: number) =>
  `${fake(HEX, 8, seed)}-${fake(HEX, 4, seed + 1)}-4${fake(HEX, 3, seed + 2)}-a${fake(HEX, 3, seed + 3)}-${fake(HEX, 12, seed + 4)}`;
const b64url = (s: string) => Buffer.from(s).toString('base64url');

export interface CorpusEntry {
  /** The rule id expected to find it. */
  rule: string;
  /** The secret itself: it must not survive redaction. */
  secret: string;
  /** Where it sits: a snippet of code, config or env file containing `secret`. */
  context: string;
}

const pemBody = Array.from({ length: 6 }, (_, i) => fake(B64, 64, 900 + i)).join('\n');
const rsaKey = `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`;
const pemLines = pemBody.split('\n');
/** What a cut window leaves of a key: the BEGIN line and the first lines, the last lines and the END line, lines alone. */
const keyHead = pemLines.slice(0, 3).join('\n');
const keyTail = pemLines.slice(-3).join('\n') + '\n' + fake(B64, 30, 907) + '==';
const sshBody = Array.from({ length: 4 }, (_, i) => fake(B64, 70, 920 + i)).join('\n');
const jsonTail = `${fake(B64, 64, 930)}\\n${fake(B64, 64, 931)}\\n${fake(B64, 40, 932)}==`;
const openSshKey = `-----BEGIN OPENSSH PRIVATE KEY-----\n${pemBody}\n-----END OPENSSH PRIVATE KEY-----`;
const gcpKey = `-----BEGIN PRIVATE KEY-----\\n${pemBody.replace(/\n/g, '\\n')}\\n-----END PRIVATE KEY-----`;
const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"1234567890","name":"Fake User","iat":1516239022}')}.${fake(URLSAFE, 43, 77)}`;
const awsKeyId = 'AKIA' + fake(UPPER32, 16, 1);
const awsSecret = fake(B64, 40, 2);
const azureKey = fake(B64, 86, 3) + '==';
const sbKey = fake(B64, 43, 4) + '=';
const ghp = 'ghp_' + fake(ALNUM, 36, 5);
const gho = 'gho_' + fake(ALNUM, 36, 6);
const ghu = 'ghu_' + fake(ALNUM, 36, 7);
const ghs = 'ghs_' + fake(ALNUM, 36, 8);
const ghr = 'ghr_' + fake(ALNUM, 36, 9);
const ghPat = 'github_pat_' + fake(ALNUM, 22, 10) + '_' + fake(ALNUM, 59, 11);
const slackBot = `xoxb-${fake('0123456789', 12, 12)}-${fake('0123456789', 13, 13)}-${fake(ALNUM, 24, 14)}`;
const slackUser = `xoxp-${fake('0123456789', 12, 15)}-${fake('0123456789', 12, 16)}-${fake('0123456789', 13, 17)}-${fake(HEX, 32, 18)}`;
const slackApp = `xapp-1-A${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10, 19)}-${fake('0123456789', 13, 20)}-${fake(HEX, 64, 21)}`;
const dbPassword = 'Zq7' + fake(ALNUM, 13, 22);
const mongoPassword = 'mP9' + fake(ALNUM, 15, 23);

export const CORPUS: readonly CorpusEntry[] = [
  { rule: 'aws-access-key-id', secret: awsKeyId, context: `const client = new S3Client({ credentials: { accessKeyId: '${awsKeyId}', secretAccessKey: process.env.S }});` },
  { rule: 'aws-secret-access-key', secret: awsSecret, context: `[default]\naws_access_key_id = ${awsKeyId}\naws_secret_access_key = ${awsSecret}\nregion = eu-west-1\n` },
  { rule: 'private-key', secret: gcpKey, context: `{\n  "type": "service_account",\n  "project_id": "demo-project",\n  "private_key": "${gcpKey}\\n",\n  "client_email": "bot@demo-project.iam.gserviceaccount.com"\n}` },
  { rule: 'gcp-private-key-id', secret: fake(HEX, 40, 24), context: `{\n  "type": "service_account",\n  "private_key_id": "${fake(HEX, 40, 24)}",\n}` },
  { rule: 'azure-storage-key', secret: azureKey, context: `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${azureKey};EndpointSuffix=core.windows.net"` },
  { rule: 'azure-shared-access-key', secret: sbKey, context: `conn = "Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbKey}"` },
  { rule: 'github-token', secret: ghp, context: `headers = {"Authorization": f"token {'${ghp}'}"}` },
  { rule: 'github-token', secret: gho, context: `gh auth login --with-token <<< ${gho}` },
  { rule: 'github-token', secret: ghu, context: `token: ${ghu}\n` },
  { rule: 'github-token', secret: ghs, context: `- name: checkout\n  env:\n    GH_TOKEN: "${ghs}"` },
  { rule: 'github-token', secret: ghr, context: `refresh_token=${ghr}&grant_type=refresh_token` },
  { rule: 'github-fine-grained-token', secret: ghPat, context: `export GITHUB_TOKEN=${ghPat}` },
  { rule: 'gitlab-token', secret: 'glpat-' + fake(URLSAFE, 20, 25), context: `git clone https://oauth2:${'glpat-' + fake(URLSAFE, 20, 25)}@gitlab.com/group/repo.git` },
  { rule: 'openai-key', secret: 'sk-' + fake(ALNUM, 20, 26) + 'T3BlbkFJ' + fake(ALNUM, 20, 27), context: `openai.api_key = "${'sk-' + fake(ALNUM, 20, 26) + 'T3BlbkFJ' + fake(ALNUM, 20, 27)}"` },
  { rule: 'openai-key', secret: 'sk-proj-' + fake(URLSAFE, 120, 28), context: `const openai = new OpenAI({ apiKey: "${'sk-proj-' + fake(URLSAFE, 120, 28)}" });` },
  { rule: 'anthropic-key', secret: 'sk-ant-api03-' + fake(URLSAFE, 93, 29) + 'AA', context: `ANTHROPIC_API_KEY=${'sk-ant-api03-' + fake(URLSAFE, 93, 29) + 'AA'}` },
  { rule: 'slack-token', secret: slackBot, context: `app = App(token="${slackBot}")` },
  { rule: 'slack-token', secret: slackUser, context: `SLACK_USER_TOKEN: ${slackUser}` },
  { rule: 'slack-token', secret: slackApp, context: `socket_mode_token = '${slackApp}'` },
  { rule: 'slack-webhook', secret: `https://hooks.slack.com/services/T${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8, 30)}/B${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10, 31)}/${fake(ALNUM, 24, 32)}`, context: `curl -X POST -d '{"text":"hi"}' https://hooks.slack.com/services/T${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8, 30)}/B${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10, 31)}/${fake(ALNUM, 24, 32)}` },
  { rule: 'stripe-key', secret: 'sk_live_' + fake(ALNUM, 99, 33), context: `stripe.api_key = '${'sk_live_' + fake(ALNUM, 99, 33)}'` },
  { rule: 'stripe-key', secret: 'rk_live_' + fake(ALNUM, 99, 34), context: `STRIPE_RESTRICTED=${'rk_live_' + fake(ALNUM, 99, 34)}` },
  { rule: 'stripe-key', secret: 'sk_test_' + fake(ALNUM, 24, 35), context: `const stripe = require('stripe')('${'sk_test_' + fake(ALNUM, 24, 35)}');` },
  { rule: 'google-api-key', secret: 'AIza' + fake(URLSAFE, 35, 36), context: `<script src="https://maps.googleapis.com/maps/api/js?key=${'AIza' + fake(URLSAFE, 35, 36)}&callback=initMap"></script>` },
  { rule: 'private-key', secret: rsaKey, context: `const key = \`${rsaKey}\`;\nsign(data, key);` },
  { rule: 'private-key', secret: openSshKey, context: `# deploy key\n${openSshKey}\n` },
  { rule: 'jwt', secret: jwt, context: `fetch(url, { headers: { Authorization: 'Bearer ${jwt}' } })` },
  { rule: 'connection-string-password', secret: dbPassword, context: `DATABASE_URL=postgres://app_user:${dbPassword}@db.internal:5432/app` },
  { rule: 'connection-string-password', secret: mongoPassword, context: `client = MongoClient("mongodb+srv://admin:${mongoPassword}@cluster0.ab1cd.mongodb.net/?retryWrites=true")` },
  { rule: 'connection-string-password', secret: 'Pw9' + fake(ALNUM, 12, 37), context: `"ConnectionStrings": { "Default": "Server=db;Database=app;User Id=sa;Password=${'Pw9' + fake(ALNUM, 12, 37)};" }` },
  { rule: 'npm-token', secret: 'npm_' + fake(ALNUM, 36, 38), context: `//registry.npmjs.org/:_authToken=${'npm_' + fake(ALNUM, 36, 38)}` },
  { rule: 'pypi-token', secret: 'pypi-AgEIcHlwaS5vcmc' + fake(URLSAFE, 70, 39), context: `[pypi]\n  username = __token__\n  password = ${'pypi-AgEIcHlwaS5vcmc' + fake(URLSAFE, 70, 39)}` },
  { rule: 'twilio-api-key', secret: 'SK' + fake(HEX, 32, 40), context: `client = Client("${'SK' + fake(HEX, 32, 40)}", api_secret, account_sid)` },
  { rule: 'twilio-auth-token', secret: fake(HEX, 32, 41), context: `TWILIO_AUTH_TOKEN=${fake(HEX, 32, 41)}` },
  { rule: 'sendgrid-key', secret: `SG.${fake(URLSAFE, 22, 42)}.${fake(URLSAFE, 43, 43)}`, context: `sgMail.setApiKey('SG.${fake(URLSAFE, 22, 42)}.${fake(URLSAFE, 43, 43)}');` },
  { rule: 'mailgun-key', secret: 'key-' + fake(HEX, 32, 44), context: `mailgun:\n  domain: mg.example.com\n  key: ${'key-' + fake(HEX, 32, 44)}\n` },
  { rule: 'huggingface-token', secret: 'hf_' + fake(ALNUM, 34, 45), context: `login(token="${'hf_' + fake(ALNUM, 34, 45)}")` },
  { rule: 'discord-bot-token', secret: `MT${fake(ALNUM, 24, 46)}.${fake(URLSAFE, 6, 47)}.${fake(URLSAFE, 38, 48)}`, context: `client.run('MT${fake(ALNUM, 24, 46)}.${fake(URLSAFE, 6, 47)}.${fake(URLSAFE, 38, 48)}')` },
  { rule: 'discord-webhook', secret: `https://discord.com/api/webhooks/${fake('0123456789', 18, 49)}/${fake(URLSAFE, 68, 50)}`, context: `WEBHOOK = "https://discord.com/api/webhooks/${fake('0123456789', 18, 49)}/${fake(URLSAFE, 68, 50)}"` },
  { rule: 'telegram-bot-token', secret: `${fake('123456789', 10, 51)}:AA${fake(URLSAFE, 33, 52)}`, context: `bot = telebot.TeleBot("${fake('123456789', 10, 51)}:AA${fake(URLSAFE, 33, 52)}")` },
  { rule: 'shopify-token', secret: 'shpat_' + fake(HEX, 32, 53), context: `X-Shopify-Access-Token: ${'shpat_' + fake(HEX, 32, 53)}` },
  { rule: 'digitalocean-token', secret: 'dop_v1_' + fake(HEX, 64, 54), context: `provider "digitalocean" {\n  token = "${'dop_v1_' + fake(HEX, 64, 54)}"\n}` },
  { rule: 'heroku-key', secret: uuid(55), context: `HEROKU_API_KEY=${uuid(55)}` },
  { rule: 'heroku-key', secret: 'HRKU-AA' + fake(URLSAFE, 58, 56), context: `heroku: { apiKey: '${'HRKU-AA' + fake(URLSAFE, 58, 56)}' }` },
  { rule: 'datadog-key', secret: fake(HEX, 32, 57), context: `DD_API_KEY=${fake(HEX, 32, 57)}` },
  { rule: 'datadog-key', secret: fake(HEX, 40, 58), context: `datadog:\n  app_key: ${fake(HEX, 40, 58)}` },
  { rule: 'google-oauth-secret', secret: 'GOCSPX-' + fake(URLSAFE, 28, 59), context: `"client_secret": "${'GOCSPX-' + fake(URLSAFE, 28, 59)}"` },
  { rule: 'authorization-header', secret: fake(ALNUM, 40, 60), context: `curl -H "Authorization: Bearer ${fake(ALNUM, 40, 60)}" https://api.example.com/v1/items` },
  { rule: 'assigned-secret', secret: 'Tr0ub4dor&3x' + fake(ALNUM, 4, 61), context: `DB_PASSWORD=${'Tr0ub4dor&3x' + fake(ALNUM, 4, 61)}\nDB_USER=app` },
  { rule: 'assigned-secret', secret: fake(ALNUM, 32, 62), context: `database:\n  host: localhost\n  password: "${fake(ALNUM, 32, 62)}"\n` },
  { rule: 'assigned-secret', secret: fake(HEX, 64, 63), context: `SECRET_KEY = '${fake(HEX, 64, 63)}'  # Django` },
  { rule: 'assigned-secret', secret: fake(ALNUM, 24, 64), context: `{ "apiKey": "${fake(ALNUM, 24, 64)}", "region": "us" }` },
  { rule: 'assigned-secret', secret: fake(B64, 44, 65), context: `spring.datasource.password=${fake(B64, 44, 65)}` },
  // Keys cut by a window, a selection or a snippet: each piece is caught on its own.
  { rule: 'private-key', secret: keyHead, context: `# tail of the file that was cut\n-----BEGIN RSA PRIVATE KEY-----\n${keyHead}` },
  { rule: 'private-key', secret: keyTail, context: `${keyTail}\n-----END RSA PRIVATE KEY-----\n` },
  { rule: 'private-key', secret: sshBody, context: `${sshBody}\n` },
  { rule: 'private-key', secret: jsonTail, context: `${jsonTail}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "bot@demo-project.iam.gserviceaccount.com"\n}` },
  // Newer token formats and passwords with symbols in every config syntax (configSecrets.ts).
  ...[...NEW_TOKENS, ...CONFIG_SECRETS].map((c) => ({ rule: c.rule, secret: c.secret, context: c.text })),
];
