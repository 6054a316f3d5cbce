import { STATUS_CODES } from "http";
import type { JsonApiErrorObject } from "./jsonapi";
import { SnykError } from "./snyk-error";
import { requiredPermission } from "./required-permission";

/** What an API error is built from: the answer Snyk gave to one request. */
export interface SnykApiErrorInit {
  status: number;
  method: string;
  /** The path as requested, relative to the REST base, without the query string. */
  path: string;
  /** The JSON:API `errors[]` of the answer, with `details` copied into `detail`. */
  errors: JsonApiErrorObject[];
  /** The `snyk-request-id` header, to quote to Snyk support. */
  requestId?: string;
  /** How long Snyk asked the client to wait (429 and 503), when it said so. */
  retryAfterMs?: number;
}

/**
 * Raised when Snyk answers a REST request with an error status. The subclasses below narrow it
 * by status; other statuses (410, 422, …) raise this class itself.
 */
export class SnykApiError extends SnykError {
  static override readonly code: string = "SNYK_API_ERROR";
  /** The HTTP status. */
  readonly status: number;
  /** The HTTP method. */
  readonly method: string;
  /** The path as requested, without the query string. */
  readonly path: string;
  /** The JSON:API error objects Snyk returned (possibly empty). */
  readonly errors: JsonApiErrorObject[];
  /** The `snyk-request-id` header, when present. */
  readonly requestId?: string;
  /** How long Snyk asked the client to wait before trying again, when it said so. */
  readonly retryAfterMs?: number;

  /** @param init the answer this error describes */
  constructor(init: SnykApiErrorInit) {
    super(apiErrorMessage(init));
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.errors = init.errors;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

/** Raised on 400: the request body or query is invalid; `errors[].source.pointer` says where. */
export class SnykBadRequestError extends SnykApiError {
  static override readonly code: string = "SNYK_BAD_REQUEST";
}

/** Raised on 401: the token is missing, wrong, expired or revoked. */
export class SnykAuthenticationError extends SnykApiError {
  static override readonly code: string = "SNYK_UNAUTHENTICATED";
}

/** Raised on 403: the token is valid but may not act on this org, group or app. */
export class SnykPermissionError extends SnykApiError {
  static override readonly code: string = "SNYK_FORBIDDEN";
}

/** Raised on 404: the resource does not exist (or was deleted outside Pulumi). */
export class SnykNotFoundError extends SnykApiError {
  static override readonly code: string = "SNYK_NOT_FOUND";
}

/** Raised on 409: the request conflicts with the resource's state (e.g. a third secret). */
export class SnykConflictError extends SnykApiError {
  static override readonly code: string = "SNYK_CONFLICT";
}

/** Raised on 429 once retries are exhausted: the API key is past its rate limit. */
export class SnykRateLimitError extends SnykApiError {
  static override readonly code: string = "SNYK_RATE_LIMITED";
}

/** Raised on 5xx once retries (if the request was safe to retry) are exhausted. */
export class SnykServerError extends SnykApiError {
  static override readonly code: string = "SNYK_SERVER_ERROR";
}

/** The API error class for a status. */
export function apiErrorClassFor(status: number): typeof SnykApiError {
  switch (status) {
    case 400: return SnykBadRequestError;
    case 401: return SnykAuthenticationError;
    case 403: return SnykPermissionError;
    case 404: return SnykNotFoundError;
    case 409: return SnykConflictError;
    case 429: return SnykRateLimitError;
    default: return status >= 500 && status <= 599 ? SnykServerError : SnykApiError;
  }
}

function apiErrorMessage(init: SnykApiErrorInit): string {
  const statusText = STATUS_CODES[init.status] ?? "Error";
  const details = init.errors.map(describeErrorObject).filter((d) => d.length > 0);
  const detail = details.length > 0 ? `: ${details.join("; ")}` : "";
  const requestId = init.requestId ? ` (request id ${init.requestId})` : "";
  const advice = adviceFor(init);
  return `Snyk API ${init.status} ${statusText} on ${init.method} ${init.path}${detail}${advice ? `. ${advice}.` : ""}${requestId}`;
}

/** What to do about a 401 or a 403, in words a person can follow. */
function adviceFor(init: SnykApiErrorInit): string | undefined {
  if (init.status === 401) {
    return (
      "Snyk did not accept the token: it is wrong, expired or revoked, belongs to another region, or is sent with the wrong scheme. " +
      "Set a current Snyk API token or service-account token with `pulumi config set --secret snyk:token <token>` (or SNYK_TOKEN); " +
      "make snyk:region (or snyk:apiUrl) the region of the account that issued it; " +
      "use snyk:authScheme \"bearer\" only for OAuth access tokens"
    );
  }
  if (init.status === 403) {
    const permission = requiredPermission(init.method, init.path);
    const admin = permission?.level === "group" ? "Group Admin" : "Org Admin";
    const needed = permission
      ? `the "${permission.name}" permission (${permission.key}) in ${permission.level} ${permission.ownerId}`
      : "a permission this call needs";
    return (
      `The token is valid but its account lacks ${needed}. ` +
      `Give the token's user or service account a role there that holds it (${admin}, or a custom role with ${permission ? permission.name : "it"}), ` +
      `use a token of an account that has one, or declare ${permission ? `an ${permission.level}` : "an org or group"} this token can manage`
    );
  }
  return undefined;
}

function describeErrorObject(error: JsonApiErrorObject): string {
  const text = error.detail ?? error.title ?? error.code ?? "";
  const where = error.source?.pointer
    ? ` (at ${error.source.pointer})`
    : error.source?.parameter
      ? ` (query parameter ${error.source.parameter})`
      : "";
  return text ? `${text}${where}` : "";
}
