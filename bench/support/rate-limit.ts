/** Snyk's request-rate limit, scaled to a short window so the bench can run several windows. */
import { DEFAULT_REQUESTS_PER_MINUTE } from "../../provider/client";

/** A rate limit: at most `limit` requests per `windowMs`. */
export interface RateLimitWindow {
  limit: number;
  windowMs: number;
}

/** Snyk's per-minute limit scaled to a window of `windowMs`: the same rate or just under it, e.g. 54 per 2 000 ms. */
export function scaledLimit(windowMs: number, perMinute = DEFAULT_REQUESTS_PER_MINUTE): RateLimitWindow {
  return { limit: Math.floor((perMinute * windowMs) / 60_000), windowMs };
}
