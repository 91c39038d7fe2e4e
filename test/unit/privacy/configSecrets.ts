/**
 * Passwords and keys written the ways config files, shells and code write them, values full of the symbols
 * that used to make a value look like a placeholder or code (`$ % { } < > ( ) [ ] , ; '` and spaces), the
 * newer vendor token formats, and the code that must stay as it is. Shared by the unit tests
 * (symbolPasswords.test.ts) and the security suite's figure (test/security/redaction.test.ts).
 *
 * Vendor tokens are built at run time (fake.ts), so no literal token sits in the repository. The corpus
 * (corpus.ts) includes every case, so the security suite sends each through the whole pipeline.
 */
import { fake } from './fake';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';
const URLSAFE = ALNUM + '_-';
const DJANGO = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';

export interface SecretCase {
  /** The syntax or format, for test names and the figure's rows. */
  syntax: string;
  /** The text as it stands in a file or a command line. */
  text: string;
  /** What must not survive redaction. */
  secret: string;
  /** The rule expected to find it. */
  rule: string;
}

const glpatRoutable = `glpat-${fake(URLSAFE, 38, 101)}.01.${fake('abcdefghijklmnopqrstuvwxyz0123456789', 9, 102)}`;
const atbb = 'ATBB' + fake(ALNUM, 32, 103);
const atatt = 'ATATT3xFfGF0' + fake(URLSAFE, 180, 104) + '=' + fake('0123456789ABCDEF', 8, 105);
const mailgun = `${fake(HEX, 32, 106)}-${fake(HEX, 8, 107)}-${fake(HEX, 8, 108)}`;
const azureShort = fake(B64, 62, 109) + '==';
const djangoKey = 'django-insecure-' + fake(DJANGO, 50, 110);
const railsKey = fake(HEX, 128, 111);
const laravelKey = 'base64:' + fake(B64, 43, 112) + '=';

/** Secrets assigned in every common config, shell and code syntax, values with symbols. */
export const CONFIG_SECRETS: readonly SecretCase[] = [
  { syntax: '.properties', text: 'db.url=jdbc:postgresql://db/app\ndb.password=p@$$w0rd{1}\n', secret: 'p@$$w0rd{1}', rule: 'assigned-secret' },
  { syntax: '.properties with spaces', text: 'mail.smtp.password = p@ss w0rd!\n', secret: 'p@ss w0rd!', rule: 'assigned-secret' },
  { syntax: 'YAML double-quoted', text: 'database:\n  password: "p@ss:w0rd #1"\n', secret: 'p@ss:w0rd #1', rule: 'assigned-secret' },
  { syntax: 'YAML single-quoted with an escaped quote', text: "database:\n  password: 'it''s-a $ecret'\n", secret: "it''s-a $ecret", rule: 'assigned-secret' },
  { syntax: 'YAML unquoted with spaces', text: 'smtp:\n  password: s3cret pass (phrase)!\n  port: 587\n', secret: 's3cret pass (phrase)!', rule: 'assigned-secret' },
  { syntax: 'YAML block scalar |', text: 'auth:\n  password: |\n    bl0ck$ecret{1}\n    second [line]\n  user: app\n', secret: 'bl0ck$ecret{1}', rule: 'assigned-secret' },
  { syntax: 'YAML folded scalar >', text: 'auth:\n  client_secret: >-\n    f0lded %secret%\n    (more)\nnext: 1\n', secret: 'f0lded %secret%', rule: 'assigned-secret' },
  { syntax: 'TOML basic string', text: '[database]\npassword = "t0ml$ecret{}"\n', secret: 't0ml$ecret{}', rule: 'assigned-secret' },
  { syntax: 'TOML literal string', text: "[api]\napi_key = 'abc$def%ghi<1>'\n", secret: 'abc$def%ghi<1>', rule: 'assigned-secret' },
  { syntax: 'INI', text: '[database]\nhost = db\npassword = ini#pa$$ word\n', secret: 'ini#pa$$ word', rule: 'assigned-secret' },
  { syntax: 'XML element', text: '<datasource>\n  <password>x&lt;m1&gt;l$[2]</password>\n</datasource>', secret: 'x&lt;m1&gt;l$[2]', rule: 'assigned-secret' },
  { syntax: 'XML attribute', text: '<user name="app" password="a\'ttr$1(x)"/>', secret: "a'ttr$1(x)", rule: 'assigned-secret' },
  { syntax: '.NET appSettings key/value', text: '<appSettings>\n  <add key="DbPassword" value="N3t$ecret;x=1" />\n</appSettings>', secret: 'N3t$ecret;x=1', rule: 'assigned-secret' },
  { syntax: 'Spring bean property', text: '<bean id="ds">\n  <property name="password" value="spr1ng${x" />\n</bean>', secret: 'spr1ng${x', rule: 'assigned-secret' },
  { syntax: '.env single-quoted', text: "DB_HOST=db\nDB_PASSWORD='a b$c'\n", secret: 'a b$c', rule: 'assigned-secret' },
  { syntax: '.env double-quoted', text: 'API_TOKEN="x(y)z[1],2;3"\n', secret: 'x(y)z[1],2;3', rule: 'assigned-secret' },
  { syntax: '.env unquoted word', text: 'REDIS_PASSWORD=hunter\n', secret: 'hunter', rule: 'assigned-secret' },
  { syntax: 'docker-compose environment list', text: 'services:\n  db:\n    environment:\n      - POSTGRES_USER=app\n      - POSTGRES_PASSWORD=pg$ecret(1)\n', secret: 'pg$ecret(1)', rule: 'assigned-secret' },
  { syntax: 'docker-compose environment list, quoted item', text: '    environment:\n      - "MYSQL_PASSWORD=my$ql,pw"\n', secret: 'my$ql,pw', rule: 'assigned-secret' },
  { syntax: 'docker-compose environment map', text: '    environment:\n      MYSQL_ROOT_PASSWORD: r00t%pass<1>\n', secret: 'r00t%pass<1>', rule: 'assigned-secret' },
  { syntax: 'Dockerfile ENV', text: 'FROM node:20\nENV NPM_TOKEN d0ck3r$tok\n', secret: 'd0ck3r$tok', rule: 'assigned-secret' },
  { syntax: 'shell export', text: 'export DB_PASS=sh3ll$ecret!\n', secret: 'sh3ll$ecret!', rule: 'assigned-secret' },
  { syntax: 'curl -u user:password', text: 'curl -s -u admin:cUrl%pw{1} https://api.example.com/items', secret: 'cUrl%pw{1}', rule: 'command-line-secret' },
  { syntax: 'curl header', text: 'curl -H "X-API-Key: hdr$ecret-123" https://api.example.com', secret: 'hdr$ecret-123', rule: 'command-line-secret' },
  { syntax: 'mysql -pPASSWORD', text: 'mysql -h db -u root -pS3cr%t mydb < dump.sql', secret: 'S3cr%t', rule: 'command-line-secret' },
  { syntax: '--password=', text: 'psql-wrapper --user app --password=Pa$$(w0rd) --db app', secret: 'Pa$$(w0rd)', rule: 'command-line-secret' },
  { syntax: '--password value', text: "docker login registry.example.com --username ci --password 'sp ace$1'", secret: 'sp ace$1', rule: 'command-line-secret' },
  { syntax: 'sshpass -p', text: "sshpass -p 'ssh$pw[2]' ssh deploy@host", secret: 'ssh$pw[2]', rule: 'command-line-secret' },
  { syntax: '.netrc', text: 'machine api.example.com\n  login deploy\n  password n3trc$pw\n', secret: 'n3trc$pw', rule: 'netrc-password' },
  { syntax: 'URL, percent-encoded password', text: 'DATABASE_URL=postgres://app:p%40ss%2Fw0rd@db.internal:5432/app', secret: 'p%40ss%2Fw0rd', rule: 'connection-string-password' },
  { syntax: 'URL, password only (redis)', text: 'REDIS_URL=redis://:r3dis$pw@cache:6379/0', secret: 'r3dis$pw', rule: 'connection-string-password' },
  { syntax: 'URL, amqp', text: 'broker_url = "amqp://guest2:amqp$ecret@mq.internal:5672//"', secret: 'amqp$ecret', rule: 'connection-string-password' },
  { syntax: 'URL, mongodb+srv', text: 'MONGO_URI=mongodb+srv://admin:m0ng0%21pw@cluster0.ab1cd.mongodb.net/app', secret: 'm0ng0%21pw', rule: 'connection-string-password' },
  { syntax: 'ADO.NET connection string with spaces', text: '"Server=db;Database=app;User Id=sa;Password=my pa$$ (1);"', secret: 'my pa$$ (1)', rule: 'connection-string-password' },
  { syntax: 'Django SECRET_KEY', text: `SECRET_KEY = '${djangoKey}'\nDEBUG = True`, secret: djangoKey, rule: 'assigned-secret' },
  { syntax: 'Rails secret_key_base', text: `production:\n  secret_key_base: ${railsKey}\n`, secret: railsKey, rule: 'assigned-secret' },
  { syntax: 'Laravel APP_KEY', text: `APP_NAME=Shop\nAPP_KEY=${laravelKey}\n`, secret: laravelKey, rule: 'assigned-secret' },
  { syntax: 'PHP define', text: "define('DB_PASSWORD', 'wp$ecret(1)');", secret: 'wp$ecret(1)', rule: 'assigned-secret' },
  { syntax: 'Java string', text: 'private static final String PASSWORD = "j@va{1};";', secret: 'j@va{1};', rule: 'assigned-secret' },
  { syntax: 'Python keyword argument', text: 'conn = connect(host="db", password="py$ecret[0]")', secret: 'py$ecret[0]', rule: 'assigned-secret' },
  { syntax: 'Go struct literal', text: 'cfg := Config{\n\tUser:     "app",\n\tPassword: "g0$ecret,1",\n}', secret: 'g0$ecret,1', rule: 'assigned-secret' },
  { syntax: 'JSON', text: '{ "user": "app", "password": "js0n$ecret{}" }', secret: 'js0n$ecret{}', rule: 'assigned-secret' },
  { syntax: 'setter call', text: 'dataSource.setPassword("s3tt3r$%");', secret: 's3tt3r$%', rule: 'assigned-secret' },
];

/** Newer vendor token formats, each in the kind of text it turns up in. */
export const NEW_TOKENS: readonly SecretCase[] = [
  { syntax: 'GitLab routable token (glpat-….01.…)', text: `GITLAB_TOKEN=${glpatRoutable}`, secret: glpatRoutable, rule: 'gitlab-token' },
  { syntax: 'Bitbucket app password (ATBB…)', text: `git clone https://ci:${atbb}@bitbucket.org/team/repo.git`, secret: atbb, rule: 'bitbucket-app-password' },
  { syntax: 'Atlassian API token (ATATT3…)', text: `jira = JIRA(server, basic_auth=(email, "${atatt}"))`, secret: atatt, rule: 'atlassian-api-token' },
  { syntax: 'Mailgun key, current form', text: `mg = Mailgun(domain="mg.example.com", api="${mailgun}")`, secret: mailgun, rule: 'mailgun-key' },
  { syntax: 'Azure AccountKey of another length', text: `conn = "DefaultEndpointsProtocol=https;AccountName=dev;AccountKey=${azureShort};EndpointSuffix=core.windows.net"`, secret: azureShort, rule: 'azure-storage-key' },
];

/** Code and config that mention secret names but hold no secret: each must come out unchanged. */
export const CODE_KEPT: readonly { syntax: string; text: string }[] = [
  { syntax: 'call', text: 'password = getPassword()' },
  { syntax: 'type annotation', text: 'interface Login {\n  user: string;\n  password: string;\n}' },
  { syntax: 'indexing', text: "token = request.headers['x-auth-token']" },
  { syntax: 'short identifier used as a key', text: 'const key = "name";\nconst value = row[key];' },
  { syntax: 'comparison', text: 'if (password !== confirm) {\n  throw new Error("mismatch");\n}' },
  { syntax: 'shell/compose variable', text: 'password: ${DB_PASSWORD}\nDB_PASSWORD=$DB_PASSWORD' },
  { syntax: 'Helm template', text: 'password: "{{ .Values.password }}"\ntoken: {{ .Values.token | quote }}' },
  { syntax: 'angle-bracket hint', text: 'password: <YOUR_PASSWORD>\napi_key = "<your-api-key>"' },
  { syntax: 'placeholders', text: 'password: changeme\ntoken: xxxx\nsecret: "********"\nAPI_KEY=your_api_key_here' },
  { syntax: 'None', text: 'password=None\nsecret = None' },
  { syntax: 'environment lookup', text: 'secret_key=os.environ["X"]\nAPI_TOKEN = os.getenv("API_TOKEN")' },
  { syntax: 'f-string', text: 'password = f"{prefix}{suffix}"\ntoken = f"Bearer {access}"' },
  { syntax: 'template literal', text: 'const url = `postgres://${user}:${pass}@db/app`;' },
  { syntax: 'names merely containing "key"', text: "const keyboard = 'qwerty12';\nmonkey = 'banana42'\nprimary_key = 'id'" },
  { syntax: 'non-secret segment last', text: "token_type = 'Bearer'\nmax_tokens = 4096\npassword_hash = bcrypt(pw)\nsecret_name = 'db-creds'" },
  { syntax: 'keyword arguments passing variables', text: 'connect(\n    host=host,\n    password=password,\n)' },
  { syntax: 'object shorthand and members', text: 'const options = {\n  token: this.token,\n  password: config.db.password,\n  apiKey,\n};' },
  { syntax: 'fetch credentials mode', text: "fetch(url, { credentials: 'same-origin' });" },
  { syntax: 'i18n label', text: '{ "password": "Password", "passwordHint": "Enter your password" }' },
  { syntax: 'docs comment', text: '/**\n * token: the access token the server returned, valid for an hour.\n */' },
  { syntax: 'curl without a password', text: 'curl -u "$USER" https://example.com\nmysql -u root -p mydb' },
  { syntax: 'flag with a variable', text: 'docker login --password "$REGISTRY_PASSWORD" --username ci\ncli --token $TOKEN' },
  { syntax: 'methods with a secret word (test asserts, getters)', text: "t.pass('drained');\nconst token = await credential.getToken('https://management.azure.com/.default');\nthrow NullThrowsReasons.MissingToken('type');" },
  { syntax: 'template literal headers', text: 'headers: { Authorization: `Bearer ${await this.auth.getToken()}` },\nproxyAuth: `Basic ${Buffer.from(`${user}:${pass}`).toString(\'base64\')}`' },
];
