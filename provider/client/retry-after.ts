/** Values above this are epoch seconds rather than seconds to wait (2001-09-09 as a date). */
const EPOCH_SECONDS_THRESHOLD = 1e9;
/** Values above this are epoch milliseconds. */
const EPOCH_MS_THRESHOLD = 1e12;

/** Headers as a plain lower-cased map. */
export type HeaderMap = Readonly<Record<string, string | string[] | number | undefined>>;

/**
 * How long the server asked the client to wait, in ms, or undefined when it did not say.
 *
 * Reads `Retry-After` (seconds or an HTTP date, RFC 9110 §10.2.3) and `X-RateLimit-Reset` /
 * `RateLimit-Reset` (seconds until the window resets, as Snyk's own tools read it; a value that
 * looks like an epoch time in seconds or ms is read as one). When several are present the
 * longest wait wins, so the client does not wake into another 429.
 */
export function serverRequestedWaitMs(headers: HeaderMap, now: number): number | undefined {
  const waits = [
    parseRetryAfter(header(headers, "retry-after"), now),
    parseReset(header(headers, "x-ratelimit-reset"), now),
    parseReset(header(headers, "ratelimit-reset"), now),
  ].filter((w): w is number => w !== undefined);
  return waits.length === 0 ? undefined : Math.max(...waits);
}

/** `Retry-After`: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** `X-RateLimit-Reset`: seconds until reset, or an epoch time in seconds or ms. */
export function parseReset(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined;
  if (n > EPOCH_MS_THRESHOLD) return Math.max(0, Math.round(n - now));
  if (n > EPOCH_SECONDS_THRESHOLD) return Math.max(0, Math.round(n * 1000 - now));
  return Math.max(0, Math.round(n * 1000));
}

function header(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : String(value);
}
