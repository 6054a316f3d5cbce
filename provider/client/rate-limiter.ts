import type { Clock } from "./clock";

/** A request-rate cap: at most `requests` requests in any `windowMs` window. */
export interface RateLimit {
  requests: number;
  windowMs: number;
}

/** Call when the request's answer (or failure) came back. */
export type Answered = () => void;

/**
 * A sliding-window request-rate cap, owned by one client, that the whole client can be paused
 * on: after a 429 Snyk refuses every request until its window ends
 * (https://docs.snyk.io/snyk-api/rest-api/about-the-rest-api#rate-limiting), so sending more
 * before then only burns attempts.
 *
 * A request counts from the moment its answer comes back, not from when it was sent: the server
 * counts it somewhere in between (on arrival, after network jitter), so a window measured from
 * the send can end before the server's does, and the request sent then is refused. Measured
 * against the emulator's fixed window (54 per 2 s, 100 ms latency), counting from the send let 5
 * to 8 requests a phase get a 429, each pausing the client for a second or more (Retry-After is
 * in whole seconds); counting from the answer let none, for one round trip per window.
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #clock: Clock;
  /** Requests counted in the current window: when each was answered, Infinity while in flight. */
  #counted: { answeredAt: number }[] = [];
  /** Waiters woken when an in-flight request is answered. */
  #waiting: Array<() => void> = [];
  #pausedUntil = 0;
  readonly #onCapWait?: (delayMs: number) => void;

  /**
   * @param limit the cap; `requests: Infinity` disables it
   * @param onCapWait told each time a request waits on the clock for the cap (not for a pause)
   */
  constructor(limit: RateLimit, clock: Clock, onCapWait?: (delayMs: number) => void) {
    this.#limit = limit;
    this.#clock = clock;
    this.#onCapWait = onCapWait;
  }

  /** The epoch ms until which the client is paused (0 when it never was). */
  get pausedUntil(): number {
    return this.#pausedUntil;
  }

  /** Holds every request until `epochMs` (a later pause wins over an earlier one). */
  pauseUntil(epochMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, epochMs);
  }

  /**
   * Resolves when one more request may be sent now, and counts it; call the returned function when
   * its answer (or failure) comes back: the request's window runs from then.
   */
  async acquire(): Promise<Answered> {
    for (;;) {
      const now = this.#clock.now();
      if (this.#pausedUntil > now) {
        await this.#clock.sleep(this.#pausedUntil - now);
        continue;
      }
      if (!Number.isFinite(this.#limit.requests)) return () => undefined;
      this.#counted = this.#counted.filter((c) => c.answeredAt > now - this.#limit.windowMs);
      if (this.#counted.length < this.#limit.requests) {
        const entry = { answeredAt: Infinity };
        this.#counted.push(entry);
        return () => {
          entry.answeredAt = Math.min(entry.answeredAt, this.#clock.now());
          this.#waiting.splice(0).forEach((wake) => wake());
        };
      }
      const oldest = Math.min(...this.#counted.map((c) => c.answeredAt));
      if (Number.isFinite(oldest)) {
        const delayMs = Math.max(1, oldest + this.#limit.windowMs - now);
        this.#onCapWait?.(delayMs);
        await this.#clock.sleep(delayMs);
      } else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }
}
