import { SnykError } from "./snyk-error";

/** A transport error reduced to what is safe to keep: its code and message, no request config. */
export interface SanitizedCause {
  code?: string;
  message: string;
}

/** What a transport error is built from. */
export interface SnykTransportErrorInit {
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  /** The system or library error code, e.g. `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`. */
  code?: string;
  cause: SanitizedCause;
}

/**
 * Raised when no answer came back from Snyk: the connection was refused or reset, the socket
 * hung up, or the host name did not resolve. `code` keeps the original error's code.
 */
export class SnykConnectionError extends SnykError {
  /** The HTTP method. */
  readonly method: string;
  /** The path as requested, without the query string. */
  readonly path: string;
  /** The original error's code, e.g. `ECONNREFUSED`. */
  readonly code?: string;
  /** The original error, sanitized: code and message only. */
  override readonly cause: SanitizedCause;

  /** @param init the failed request and the sanitized cause */
  constructor(init: SnykTransportErrorInit) {
    super(`Could not reach the Snyk API on ${init.method} ${init.path}: ${init.cause.message}` +
      (init.code && !init.cause.message.includes(init.code) ? ` (${init.code})` : ""));
    this.method = init.method;
    this.path = init.path;
    if (init.code !== undefined) this.code = init.code;
    this.cause = init.cause;
  }
}

/** Raised when Snyk did not answer within the client's `timeoutMs`. */
export class SnykTimeoutError extends SnykError {
  /** The HTTP method. */
  readonly method: string;
  /** The path as requested, without the query string. */
  readonly path: string;
  /** The original error's code, e.g. `ECONNABORTED` or `ETIMEDOUT`. */
  readonly code?: string;
  /** The per-request timeout that elapsed. */
  readonly timeoutMs: number;
  /** The original error, sanitized: code and message only. */
  override readonly cause: SanitizedCause;

  /** @param init the failed request, the timeout and the sanitized cause */
  constructor(init: SnykTransportErrorInit & { timeoutMs: number }) {
    super(`The Snyk API did not answer ${init.method} ${init.path} within ${init.timeoutMs} ms`);
    this.method = init.method;
    this.path = init.path;
    if (init.code !== undefined) this.code = init.code;
    this.timeoutMs = init.timeoutMs;
    this.cause = init.cause;
  }
}
