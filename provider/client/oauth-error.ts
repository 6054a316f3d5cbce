import { STATUS_CODES } from "http";
import { SnykError } from "./snyk-error";

/** What an OAuth2 error is built from. */
export interface SnykOAuthErrorInit {
  status: number;
  method: string;
  /** The OAuth2 path, e.g. `/oauth2/token`. */
  path: string;
  /** The OAuth2 error code, e.g. `invalid_grant`, `invalid_client`. */
  error: string;
  errorDescription?: string;
  requestId?: string;
}

/**
 * Raised when Snyk's OAuth2 endpoints (`/oauth2/token`, `/oauth2/revoke`) answer with an OAuth2
 * error body `{error, error_description}` (RFC 6749 §5.2).
 */
export class SnykOAuthError extends SnykError {
  static override readonly code: string = "SNYK_OAUTH_ERROR";
  /** The HTTP status. */
  readonly status: number;
  /** The HTTP method. */
  readonly method: string;
  /** The OAuth2 path, e.g. `/oauth2/token`. */
  readonly path: string;
  /** The OAuth2 error code, e.g. `invalid_grant`. */
  readonly error: string;
  /** Snyk's explanation, when given. */
  readonly errorDescription?: string;
  /** The `snyk-request-id` header, when present. */
  readonly requestId?: string;

  /** @param init the OAuth2 error answer */
  constructor(init: SnykOAuthErrorInit) {
    const description = init.errorDescription ? `: ${init.errorDescription}` : "";
    const requestId = init.requestId ? ` (request id ${init.requestId})` : "";
    super(`Snyk OAuth2 ${init.status} ${STATUS_CODES[init.status] ?? "Error"} on ${init.method} ` +
      `${init.path}: ${init.error}${description}${requestId}`);
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.error = init.error;
    if (init.errorDescription !== undefined) this.errorDescription = init.errorDescription;
    if (init.requestId !== undefined) this.requestId = init.requestId;
  }
}
