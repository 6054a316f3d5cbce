/**
 * Polling until a condition holds: try, and while the answer is not yet the one wanted, wait with
 * exponential backoff on the client's clock, within a time bound. Used for Snyk's eventual
 * consistency (a new secret that is not accepted yet, a timed-out create that may still land);
 * failed requests are retried by the client itself ({@link nextRetry}).
 */
import type { Clock } from "./clock";

/** How long and how often to try again. */
export interface RetryUntilOptions {
  /** Stop once the next wait would pass this long since the first try. */
  timeoutMs: number;
  /** The first wait; doubled after each try. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
}

/** How a {@link retryUntil} loop ended. */
export interface RetryUntilResult<T> {
  /** The last value `attempt` gave. */
  value: T;
  /** Whether `done(value)` held; false when the time bound passed first. */
  done: boolean;
  /** How many times `attempt` ran. */
  attempts: number;
}

/** Told before each wait: which try just ended, and how long the wait is. */
export type OnWait = (wait: { attempt: number; delayMs: number }) => void;

/** The wait after try `attempt` (from 1): `baseDelayMs * 2^(attempt-1)`, capped at `maxDelayMs`. */
export function exponentialDelayMs(baseDelayMs: number, maxDelayMs: number, attempt: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Runs `attempt` until `done` accepts its value or the time bound passes, waiting on `clock`
 * between tries. Errors `attempt` throws are not caught.
 */
export async function retryUntil<T>(
  clock: Clock,
  attempt: () => Promise<T>,
  done: (value: T) => boolean,
  options: RetryUntilOptions,
  onWait?: OnWait,
): Promise<RetryUntilResult<T>> {
  const deadline = clock.now() + options.timeoutMs;
  for (let attempts = 1; ; attempts++) {
    const value = await attempt();
    if (done(value)) return { value, done: true, attempts };
    // The last attempt comes at the deadline itself, not a backoff step before it.
    const remainingMs = deadline - clock.now();
    if (remainingMs <= 0) return { value, done: false, attempts };
    const delayMs = Math.min(exponentialDelayMs(options.baseDelayMs, options.maxDelayMs, attempts), remainingMs);
    onWait?.({ attempt: attempts, delayMs });
    await clock.sleep(delayMs);
  }
}
