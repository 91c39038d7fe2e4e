/**
 * Whether an endpoint is on this machine. Only the address decides, never DNS: a name other than
 * `localhost` could resolve anywhere, so local-only mode treats it as remote.
 */

/** True for http(s) URLs whose host is localhost, 127.0.0.0/8 or ::1 (also as an IPv4-mapped address). */
export function isLoopback(baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  // WHATWG URL already normalises 127.1, 0x7f.0.0.1 and [0:0::1]; a trailing dot is still the same host.
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(host)) return true;
  // IPv4-mapped loopback (::ffff:127.x.y.z) is normalised to hex: ::ffff:7fxx:xxxx.
  return host === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}
