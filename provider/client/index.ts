/**
 * The one Snyk REST client used by every provider: {@link SnykClient} with its errors, retry
 * policy, pagination, regions and JSON:API types.
 */
export * from "./snyk-client";
export * from "./errors";
export * from "./jsonapi";
export * from "./regions";
export { resolveBaseUrls, type SnykBaseUrls } from "./base-urls";
export { DEFAULT_RETRY_POLICY, retryPolicy, type RetryOptions, type RetryPolicy } from "./retry";
export { type RateLimit } from "./rate-limiter";
export { type Clock, systemClock } from "./clock";
export { NOTICE_WAIT_MS, type ClientHooks, type ClientNotice, type RateLimitEvent, type RetryEvent } from "./hooks";
export { exponentialDelayMs, retryUntil, type RetryUntilOptions, type RetryUntilResult } from "./retry-until";
export { type QueryParams } from "./query";
export { PAGE_LIMIT, DEFAULT_MAX_PAGES, DEFAULT_PAGINATION_BUDGET_MS } from "./paginate";
export { DEFAULT_MAX_RESPONSE_BYTES } from "./transport";
export { REDACTED } from "./redact";
