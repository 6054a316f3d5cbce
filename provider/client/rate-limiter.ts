import type { Clock } from "./clock";

/** A request-rate cap: at most `requests` requests in any `windowMs` window. */
export interface RateLimit {
  requests: number;
  windowMs: number;
}

/**
 * A sliding-window request-rate cap, owned by one client, that the whole client can be paused
 * on: after a 429 Snyk refuses every request until its window ends
 * (https://docs.snyk.io/snyk-api/rest-api/about-the-rest-api#rate-limiting), so sending more
 * before then only burns attempts.
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #clock: Clock;
  /** Send times within the current window, oldest first. */
  readonly #sent: number[] = [];
  #pausedUntil = 0;

  /** @param limit the cap; `requests: Infinity` disables it */
  constructor(limit: RateLimit, clock: Clock) {
    this.#limit = limit;
    this.#clock = clock;
  }

  /** The epoch ms until which the client is paused (0 when it never was). */
  get pausedUntil(): number {
    return this.#pausedUntil;
  }

  /** Holds every request until `epochMs` (a later pause wins over an earlier one). */
  pauseUntil(epochMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, epochMs);
  }

  /** Resolves when one more request may be sent now, and counts it as sent. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      if (this.#pausedUntil > now) {
        await this.#clock.sleep(this.#pausedUntil - now);
        continue;
      }
      if (!Number.isFinite(this.#limit.requests)) return;
      while (this.#sent.length > 0 && this.#sent[0] <= now - this.#limit.windowMs) this.#sent.shift();
      if (this.#sent.length < this.#limit.requests) {
        this.#sent.push(now);
        return;
      }
      await this.#clock.sleep(Math.max(1, this.#sent[0] + this.#limit.windowMs - now));
    }
  }
}
