/**
 * Files that are credentials whatever they are named: a cloud key file saved as `prod.json` or `key.txt` is
 * still a key. Checked on the text itself where Fathom has it in hand (guardFiles' reads and open documents,
 * the open editor), in addition to the name-based ignore rules.
 */

/** Key files are small; a match further in is not a key file but a file that mentions one. */
const PROBE_CHARS = 64 * 1024;

/**
 * Google Cloud key files: a service account's (`"type": "service_account"`, with its private key) and the
 * user credentials gcloud writes for Application Default Credentials (`"type": "authorized_user"`, with a
 * refresh token and client secret).
 */
const KEY_FILE_TYPE = /"type"\s*:\s*"(?:service_account|authorized_user)"/;

/** Whether `text` is a credentials file by its content, so nothing of it may be sent. */
export function holdsCredentials(text: string): boolean {
  return KEY_FILE_TYPE.test(text.length > PROBE_CHARS ? text.slice(0, PROBE_CHARS) : text);
}
