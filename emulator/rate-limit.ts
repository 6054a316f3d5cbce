/** A fixed-window rate limit per credential, as Snyk applies per API key. */
import { RateLimitConfig } from "./types";

/** The verdict on one request: `resetSeconds` until the window ends when limited. */
export type RateVerdict = { limited: false } | { limited: true; resetSeconds: number };

/** Counts requests per key in fixed windows; once past the limit, every request is limited until the window ends. */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private config: RateLimitConfig | null) {}

  /** Replaces the limit (null: none) and forgets the counts. */
  configure(config: RateLimitConfig | null): void {
    this.config = config;
    this.windows.clear();
  }

  /** Counts one request for `key`. */
  check(key: string, now = Date.now()): RateVerdict {
    if (!this.config) return { limited: false };
    const { limit, windowMs } = this.config;
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count <= limit) return { limited: false };
    return { limited: true, resetSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) };
  }
}
