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
  transportCode?: string;
  cause: SanitizedCause;
}

/**
 * Raised when no answer came back from Snyk: the connection was refused or reset, the socket
 * hung up, or the host name did not resolve. `transportCode` keeps the original error's code.
 */
export class SnykConnectionError extends SnykError {
  static override readonly code: string = "SNYK_CONNECTION_FAILED";
  /** The HTTP method. */
  readonly method: string;
  /** The path as requested, without the query string. */
  readonly path: string;
  /** The original error's code, e.g. `ECONNREFUSED`. */
  readonly transportCode?: string;
  /** The original error, sanitized: code and message only. */
  override readonly cause: SanitizedCause;

  /** @param init the failed request and the sanitized cause */
  constructor(init: SnykTransportErrorInit) {
    super(`Could not reach the Snyk API on ${init.method} ${init.path}: ${init.cause.message}` +
      (init.transportCode && !init.cause.message.includes(init.transportCode) ? ` (${init.transportCode})` : ""), { cause: init.cause });
    this.method = init.method;
    this.path = init.path;
    if (init.transportCode !== undefined) this.transportCode = init.transportCode;
    this.cause = init.cause;
  }
}

/** Raised when Snyk did not answer within the client's `timeoutMs`. */
export class SnykTimeoutError extends SnykError {
  static override readonly code: string = "SNYK_TIMEOUT";
  /** The HTTP method. */
  readonly method: string;
  /** The path as requested, without the query string. */
  readonly path: string;
  /** The original error's code, e.g. `ECONNABORTED` or `ETIMEDOUT`. */
  readonly transportCode?: string;
  /** The per-request timeout that elapsed. */
  readonly timeoutMs: number;
  /** The original error, sanitized: code and message only. */
  override readonly cause: SanitizedCause;

  /** @param init the failed request, the timeout and the sanitized cause */
  constructor(init: SnykTransportErrorInit & { timeoutMs: number }) {
    super(`The Snyk API did not answer ${init.method} ${init.path} within ${init.timeoutMs} ms`, { cause: init.cause });
    this.method = init.method;
    this.path = init.path;
    if (init.transportCode !== undefined) this.transportCode = init.transportCode;
    this.timeoutMs = init.timeoutMs;
    this.cause = init.cause;
  }
}
