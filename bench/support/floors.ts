/**
 * The least time a phase can take, given what bounds it: the client's concurrency cap with the
 * API's latency, or a request-rate limit. Wall times are reported as a ratio to these floors.
 */

/** How a phase ran: the requests the emulator logged and the bounds they went through. */
export interface ConcurrencyBound {
  /** Requests the emulator logged for the phase. */
  requests: number;
  /** The client's cap on requests in flight (`snyk:maxConcurrency`). */
  concurrency: number;
  /** Latency the emulator adds to every answer, in ms. */
  latencyMs: number;
  /** The longest run of those requests that must go one after another (a list's pages); 0 when unknown. */
  chain?: number;
}

/** A request-rate limit: at most `limit` requests per `windowMs`. */
export interface RateBound extends ConcurrencyBound {
  limit: number;
  windowMs: number;
}

/** The text printed with the figures. */
export const CONCURRENCY_FLOOR_DEFINITION =
  "floor = max(ceil(requests / concurrency), chain) x latency: the requests in rounds of `concurrency`, each round one latency " +
  "long, and no fewer rounds than the chain of requests that must go one after another";

/** The text printed with the figures. */
export const RATE_FLOOR_DEFINITION =
  "floor = max(floor((requests - 1) / limit) x window + ceil(last / concurrency) x latency, ceil(requests / concurrency) x latency), " +
  "where last = requests - floor((requests - 1) / limit) x limit: request k (from 0) cannot be sent before window floor(k / limit) " +
  "opens (counting from the first request), and the last window's requests still take their latency";

/** `max(ceil(requests / concurrency), chain) x latency` (0 for no requests). */
export function concurrencyFloorMs(bound: ConcurrencyBound): number {
  assertBound(bound);
  if (bound.requests === 0) return 0;
  return Math.max(Math.ceil(bound.requests / bound.concurrency), bound.chain ?? 0) * bound.latencyMs;
}

/** The floor under a rate limit; see {@link RATE_FLOOR_DEFINITION}. */
export function rateLimitFloorMs(bound: RateBound): number {
  assertBound(bound);
  if (!(bound.limit >= 1) || !(bound.windowMs > 0)) throw new RangeError("limit must be >= 1 and windowMs > 0");
  if (bound.requests === 0) return 0;
  const fullWindows = Math.floor((bound.requests - 1) / bound.limit);
  const last = bound.requests - fullWindows * bound.limit;
  const lastWindowOpens = fullWindows * bound.windowMs;
  return Math.max(lastWindowOpens + Math.ceil(last / bound.concurrency) * bound.latencyMs, concurrencyFloorMs(bound));
}

/** Measured time over floor; Infinity when the floor is 0 but time was spent. */
export function ratio(measuredMs: number, floorMs: number): number {
  if (floorMs > 0) return measuredMs / floorMs;
  return measuredMs > 0 ? Infinity : 1;
}

/** A figure against its target. */
export type Verdict = "PASS" | "FAIL";

/** PASS when `value <= target`. */
export function atMost(value: number, target: number): Verdict {
  return value <= target ? "PASS" : "FAIL";
}

function assertBound(bound: ConcurrencyBound): void {
  if (!Number.isInteger(bound.requests) || bound.requests < 0) throw new RangeError("requests must be a whole number >= 0");
  if (!Number.isInteger(bound.concurrency) || bound.concurrency < 1) throw new RangeError("concurrency must be a whole number >= 1");
  if (!(bound.latencyMs >= 0)) throw new RangeError("latencyMs must be >= 0");
  if (bound.chain !== undefined && (!Number.isInteger(bound.chain) || bound.chain < 0 || bound.chain > bound.requests)) {
    throw new RangeError("chain must be a whole number between 0 and requests");
  }
}
