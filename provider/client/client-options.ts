/**
 * How a {@link SnykClient} is built and what it answers: its options with their defaults, the
 * answer of a call, the per-call options and the client's counters.
 */
import type { Clock } from "./clock";
import type { ClientHooks } from "./hooks";
import type { QueryParams } from "./query";
import type { RateLimit } from "./rate-limiter";
import type { RetryOptions } from "./retry";

/** The REST `version` the client pins unless told otherwise. */
export const DEFAULT_API_VERSION = "2025-11-05";
/** Snyk's documented limit per API key. */
export const DEFAULT_REQUESTS_PER_MINUTE = 1620;
/** Requests one client has in flight at most, by default. */
export const DEFAULT_MAX_CONCURRENCY = 8;
/** The per-attempt timeout, by default. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** How a client is built; the hooks ({@link ClientHooks}) report retries, rate-limit waits and deprecations. */
export interface SnykClientOptions extends ClientHooks {
  /** A Snyk API or service-account token, or an OAuth access token (with `authScheme: "bearer"`). */
  token: string;
  /** `token` (default) sends `Authorization: token <t>`; `bearer` sends `Authorization: bearer <t>`. */
  authScheme?: "token" | "bearer";
  /** The API origin (default `https://api.snyk.io`); a URL ending in `/rest` is accepted too. Wins over `region`. */
  apiUrl?: string;
  /** A Snyk region name: SNYK-US-01 (default), SNYK-US-02, SNYK-EU-01, SNYK-AU-01. */
  region?: string;
  /** The REST `version` query parameter (default `2025-11-05`). */
  apiVersion?: string;
  /** How long one attempt may take, from connecting to the last byte of the body (default 30 000 ms). */
  timeoutMs?: number;
  /** The cap on an answer's body in bytes (default 16 MiB); a larger answer is an error. */
  maxResponseBytes?: number;
  /** Pages one listing may fetch (default 1000); more is an error, never a silent truncation. */
  maxPages?: number;
  /** How long one listing may take, waits included (default 10 minutes). */
  paginationBudgetMs?: number;
  /** Retry limits and waits; see {@link RetryOptions}. */
  retry?: RetryOptions;
  /** Requests in flight at once (default 8). */
  maxConcurrency?: number;
  /** The request-rate cap per minute (default 1620, Snyk's limit per API key). */
  requestsPerMinute?: number;
  /** The request-rate cap with its window; replaces `requestsPerMinute` (tests use short windows). */
  rateLimit?: RateLimit;
  /** Receives one debug line per attempt and wait: method, path, status, attempt, wait. Never headers or bodies. */
  logger?: (line: string) => void;
  /** Appended to the User-Agent, e.g. `pulumi/3.270.0`. */
  userAgent?: string;
  /** The clock for waits and rate limiting (tests may pass one that skips waits). */
  clock?: Clock;
  /** The jitter source, in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/** HTTP methods the client sends. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** A successful answer. */
export interface SnykResponse<T> {
  status: number;
  /** The parsed JSON body (undefined for an empty body, e.g. 204). */
  data: T;
  /** Response headers, lower-cased. */
  headers: Record<string, string>;
  /** The `snyk-request-id` header, when present. */
  requestId?: string;
}

/** The per-call options of {@link SnykClient.request}. */
export interface RequestOptions {
  query?: QueryParams;
  /** The JSON:API document to send; serialized as `application/vnd.api+json`. */
  body?: unknown;
}

/** Counters since the client was made. */
export interface SnykClientStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Attempts that were retries. */
  retries: number;
}
