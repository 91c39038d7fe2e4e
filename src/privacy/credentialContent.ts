/**
 * Files that are credentials whatever they are named: a cloud key file saved as `prod.json` or `key.txt` is
 * still a key. Checked on the text itself where Fathom has it in hand (guardFiles' reads and open documents,
 * the open editor), in addition to the name-based ignore rules.
 */

/** Key files are small; a match further in is not a key file but a file that mentions one. Only this much is read. */
export const PROBE_CHARS = 64 * 1024;

/**
 * Google Cloud key files: a service account's (`"type": "service_account"`, with its private key) and the
 * user credentials gcloud writes for Application Default Credentials (`"type": "authorized_user"`, with a
 * refresh token and client secret).
 */
const KEY_FILE_TYPE = /"type"\s*:\s*"(?:service_account|authorized_user)"/;

/**
 * Whether `text` is a credentials file by its content, so nothing of it may be sent: a JSON document (it
 * starts with `{`) of a key file's type. Source code that quotes such a file (a test fixture in a string, an
 * example in a comment) is not one: the secret rules redact the key in it instead.
 */
export function holdsCredentials(text: string): boolean {
  const probe = (text.length > PROBE_CHARS ? text.slice(0, PROBE_CHARS) : text).trimStart();
  return probe.startsWith('{') && KEY_FILE_TYPE.test(probe);
}
