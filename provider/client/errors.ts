/**
 * The one place Snyk client errors are made: from an HTTP answer ({@link errorFromResponse}) or
 * from a failed transport ({@link errorFromTransport}). Both take the secrets of the request and
 * scrub them from everything they keep.
 */
import { apiErrorClassFor, SnykApiError } from "./api-errors";
import type { JsonApiErrorObject } from "./jsonapi";
import { SnykOAuthError } from "./oauth-error";
import { redact, redactDeep } from "./redact";
import { SnykConnectionError, SnykTimeoutError } from "./transport-errors";

export * from "./snyk-error";
export * from "./api-errors";
export * from "./transport-errors";
export * from "./oauth-error";
export * from "./answer-errors";

/** An HTTP answer with an error status, as the client saw it. */
export interface ErrorResponse {
  status: number;
  method: string;
  path: string;
  /** The parsed body (JSON when it was JSON, else the text). */
  body: unknown;
  requestId?: string;
  retryAfterMs?: number;
  /** `oauth` answers carry `{error, error_description}` rather than JSON:API `errors[]`. */
  api: "rest" | "oauth";
}

/** The typed error for an HTTP answer with an error status. */
export function errorFromResponse(
  response: ErrorResponse,
  secrets: readonly string[],
): SnykApiError | SnykOAuthError {
  const { status, retryAfterMs } = response;
  // Every value that came from the server is scrubbed, headers included, not only the body.
  const method = response.method;
  const path = redact(response.path, secrets);
  const requestId = response.requestId === undefined ? undefined : redact(response.requestId, secrets);
  const body = redactDeep(response.body, secrets);
  if (response.api === "oauth" && isOAuthErrorBody(body)) {
    return new SnykOAuthError({
      status, method, path, requestId,
      error: body.error,
      errorDescription: typeof body.error_description === "string" ? body.error_description : undefined,
    });
  }
  const ErrorClass = apiErrorClassFor(status);
  return new ErrorClass({ status, method, path, requestId, retryAfterMs, errors: jsonApiErrors(body) });
}

/** How a request failed to get any answer. */
export type TransportFailure = "refused" | "reset" | "timeout" | "dns-retryable" | "unreachable";

/** The typed error for a request that got no answer, and how it failed (for the retry policy). */
export function errorFromTransport(
  error: unknown,
  request: { method: string; path: string; timeoutMs: number },
  secrets: readonly string[],
): { error: SnykConnectionError | SnykTimeoutError; failure: TransportFailure } {
  const raw = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof raw.code === "string" ? raw.code : undefined;
  const message = redact(typeof raw.message === "string" ? raw.message : String(error), secrets);
  const cause = code === undefined ? { message } : { code, message };
  const init = { method: request.method, path: request.path, transportCode: code, cause };
  const failure = classifyTransportFailure(code, message);
  if (failure === "timeout") {
    return { error: new SnykTimeoutError({ ...init, timeoutMs: request.timeoutMs }), failure };
  }
  return { error: new SnykConnectionError(init), failure };
}

function classifyTransportFailure(code: string | undefined, message: string): TransportFailure {
  if (code === "ECONNABORTED" || code === "ETIMEDOUT" || /timeout/i.test(message)) return "timeout";
  // Refused, unreachable and "try again" DNS failures happen before the request is sent.
  if (code === "ECONNREFUSED" || code === "EHOSTUNREACH" || code === "ENETUNREACH") return "refused";
  if (code === "EAI_AGAIN") return "dns-retryable";
  if (code === "ENOTFOUND") return "unreachable";
  // ECONNRESET, EPIPE, "socket hang up": the request may have been processed.
  return "reset";
}

function isOAuthErrorBody(body: unknown): body is { error: string; error_description?: unknown } {
  return typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string";
}

function jsonApiErrors(body: unknown): JsonApiErrorObject[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is JsonApiErrorObject => typeof e === "object" && e !== null)
    .map((e) => (e.detail === undefined && typeof e.details === "string" ? { ...e, detail: e.details } : e));
}
