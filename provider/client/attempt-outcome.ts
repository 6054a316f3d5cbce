/**
 * What one attempt's transport result means for the call: the answer to return, or the error to
 * throw, with what the retry policy needs to decide whether to try again.
 */
import { errorFromResponse, errorFromTransport } from "./errors";
import { SnykMalformedResponseError } from "./answer-errors";
import { describeValue } from "./paginate";
import { redactDeep } from "./redact";
import type { AttemptOutcome } from "./retry";
import { serverRequestedWaitMs } from "./retry-after";
import type { TransportResult } from "./transport";
import type { Call } from "./client-call";
import type { SnykResponse } from "./client-options";

/** The error for an answer larger than the client's cap. */
export function tooLargeError(call: Call, limitBytes: number): SnykMalformedResponseError {
  return new SnykMalformedResponseError({
    method: call.method, path: call.path, reason: `the answer is larger than ${limitBytes} bytes, the client's cap`,
  });
}

/**
 * The answer of a 2xx `result`, the token redacted from its body.
 *
 * @throws SnykMalformedResponseError when the body is not a JSON object (nor empty)
 */
export function successfulAnswer<T>(call: Call, result: Extract<TransportResult, { kind: "response" }>, token: string): SnykResponse<T> {
  const requestId = result.headers["snyk-request-id"];
  if (!isJsonObjectOrEmpty(result.body)) {
    throw new SnykMalformedResponseError({
      method: call.method, path: call.path, status: result.status, requestId,
      reason: `the body must be a JSON object, got ${describeValue(result.body)}`,
    });
  }
  return {
    status: result.status,
    data: redactDeep(result.body, [token]) as T,
    headers: result.headers,
    ...(requestId ? { requestId } : {}),
  };
}

/** The error of a failed attempt, its outcome for the retry policy, the wait the server asked for, and a label for logs. */
export function failedAttempt(call: Call, result: Exclude<TransportResult, { kind: "too-large" }>, now: number, timeoutMs: number) {
  if (result.kind === "failure") {
    const { error, failure } = errorFromTransport(result.error, { ...call, timeoutMs }, call.secrets);
    const outcome: AttemptOutcome = { failure };
    return { error, outcome, serverWaitMs: undefined, label: error.transportCode ?? failure };
  }
  const serverWaitMs = serverRequestedWaitMs(result.headers, now);
  const error = errorFromResponse({
    api: call.api,
    status: result.status,
    method: call.method,
    path: call.path,
    body: result.body,
    requestId: result.headers["snyk-request-id"],
    retryAfterMs: result.status === 429 || result.status === 503 ? serverWaitMs : undefined,
  }, call.secrets);
  const outcome: AttemptOutcome = { status: result.status };
  return { error, outcome, serverWaitMs, label: String(result.status) };
}

/** What a request that passed its deadline reports, for the retry policy and the error. */
export function deadlineFailure(timeoutMs: number): TransportResult {
  return { kind: "failure", error: { code: "ETIMEDOUT", message: `no complete answer within ${timeoutMs} ms` } };
}

/** A 2xx answer is a JSON object (JSON:API, or OAuth2's JSON), or empty (204). */
function isJsonObjectOrEmpty(body: unknown): boolean {
  return body === undefined || (body !== null && typeof body === "object" && !Array.isArray(body));
}
