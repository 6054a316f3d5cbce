/**
 * The transport rule for redirect URIs (OAuth 2.0 Security Best Current Practice, RFC 9700,
 * section 2.6 with RFC 8252, section 7.3): authorization codes travel in the redirect, so a redirect URI must
 * use `https`, except on the loopback interface, where `http` never leaves the machine. A plain
 * `http://` URI to any other host fails `check`.
 */
import type { CheckFailure } from "./check-failure";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether `hostname` (as `URL` gives it) is the loopback interface: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || host.endsWith(".localhost") || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * One failure per `http://` redirect URI whose host is not loopback. URIs the schema rejects
 * (relative, malformed) and other schemes (custom schemes of native apps) are left alone.
 *
 * @param redirectUris the `redirectUris` input, when known
 */
export function insecureRedirectUris(redirectUris: unknown): CheckFailure[] {
  if (!Array.isArray(redirectUris)) return [];
  const failures: CheckFailure[] = [];
  redirectUris.forEach((uri, i) => {
    if (typeof uri !== "string") return;
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return;
    }
    if (url.protocol !== "http:" || isLoopbackHost(url.hostname)) return;
    failures.push({
      property: "redirectUris",
      reason: `redirectUris[${i}] ${JSON.stringify(uri)} must use https: authorization codes sent over plain http can be read on the way (RFC 9700); http is allowed only for loopback hosts (localhost, 127.0.0.1, [::1])`,
    });
  });
  return failures;
}
