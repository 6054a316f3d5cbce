/**
 * The retry policy, as data: which methods, statuses and failures retry, which never do, and how
 * long to wait. {@link nextRetry} applies it to one failed attempt.
 */
import type { TransportFailure } from "./errors";
import { exponentialDelayMs } from "./retry-until";

/** The tunable part of the policy; every wait is configurable so tests run in milliseconds. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number;
  /** The backoff base: attempt n waits up to `baseDelayMs * 2^(n-1)` (default 500). */
  baseDelayMs?: number;
  /** The cap on one backoff wait (default 20 000). A server-requested wait is not capped by it. */
  maxDelayMs?: number;
  /** The cap on the time spent on one call, waits included (default 120 000): a wait that would
   * pass it is not taken and the error is thrown instead. */
  maxTotalMs?: number;
}

/** The whole policy. */
export interface RetryPolicy extends Required<RetryOptions> {
  /** Methods safe to repeat even when the first attempt may have been processed. */
  readonly idempotentMethods: readonly string[];
  /** Statuses that retry for idempotent methods. */
  readonly retryStatuses: readonly number[];
  /** Statuses that retry for every method: the request provably was not processed. */
  readonly retryStatusesAnyMethod: readonly number[];
  /** Statuses that never retry. */
  readonly doNotRetry: readonly number[];
  /** Transport failures that retry for idempotent methods. */
  readonly retryFailures: readonly TransportFailure[];
  /** Transport failures that retry for every method: nothing was sent. */
  readonly retryFailuresAnyMethod: readonly TransportFailure[];
}

/** The default policy. POST and PATCH retry only when Snyk cannot have processed them (429, or
 * a connection refused before anything was sent): a retried create would make a second app. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxTotalMs: 120_000,
  idempotentMethods: ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"],
  retryStatuses: [429, 500, 502, 503, 504],
  retryStatusesAnyMethod: [429],
  doNotRetry: [400, 401, 403, 404, 409, 410, 422],
  retryFailures: ["refused", "reset", "timeout", "dns-retryable"],
  retryFailuresAnyMethod: ["refused", "dns-retryable"],
} satisfies RetryPolicy);

/** The default policy with some options replaced. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_RETRY_POLICY, ...defined };
}

/** How one attempt failed: an HTTP status, or no answer at all. */
export type AttemptOutcome = { status: number } | { failure: TransportFailure };

/** Whether the policy allows another attempt after this outcome, ignoring attempt and time limits. */
export function isRetryable(policy: RetryPolicy, method: string, outcome: AttemptOutcome): boolean {
  const idempotent = policy.idempotentMethods.includes(method.toUpperCase());
  if ("status" in outcome) {
    if (policy.doNotRetry.includes(outcome.status)) return false;
    return policy.retryStatusesAnyMethod.includes(outcome.status) ||
      (idempotent && policy.retryStatuses.includes(outcome.status));
  }
  return policy.retryFailuresAnyMethod.includes(outcome.failure) ||
    (idempotent && policy.retryFailures.includes(outcome.failure));
}

/** The backoff before attempt `attempt + 1`: exponential, capped, with full jitter. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * exponentialDelayMs(policy.baseDelayMs, policy.maxDelayMs, attempt));
}

/** What to do after a failed attempt. */
export type RetryDecision = { retry: false; reason: string } | { retry: true; delayMs: number };

/**
 * Whether to try again after attempt number `attempt` failed, and after how long. A wait the
 * server asked for (`serverWaitMs`) replaces the backoff.
 */
export function nextRetry(
  policy: RetryPolicy,
  failed: { method: string; outcome: AttemptOutcome; attempt: number; elapsedMs: number; serverWaitMs?: number },
  random: () => number = Math.random,
): RetryDecision {
  if (!isRetryable(policy, failed.method, failed.outcome)) return { retry: false, reason: "not retryable" };
  if (failed.attempt >= policy.maxAttempts) return { retry: false, reason: "attempts exhausted" };
  const delayMs = failed.serverWaitMs ?? backoffDelayMs(policy, failed.attempt, random);
  if (failed.elapsedMs + delayMs > policy.maxTotalMs) return { retry: false, reason: "time budget exhausted" };
  return { retry: true, delayMs };
}
