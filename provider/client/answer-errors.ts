import { SnykError } from "./snyk-error";

/** What a malformed-answer error is built from. */
export interface SnykMalformedResponseInit {
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  /** The HTTP status of the answer, when one arrived. */
  status?: number;
  /** The `snyk-request-id` header, already redacted. */
  requestId?: string;
  /** What is wrong with the answer, in words (never the body itself). */
  reason: string;
}

/**
 * Raised when Snyk (or something between here and Snyk, such as a proxy) answered with a success
 * status but a body that is not what the API specifies: not JSON, an HTML page, `data: null`, a
 * resource without an id, or a body past the size cap. Nothing is concluded from such an answer:
 * a list that cannot be read is never taken as "the object is gone".
 */
export class SnykMalformedResponseError extends SnykError {
  static override readonly code: string = "SNYK_MALFORMED_RESPONSE";

  /** The HTTP method. */
  readonly method: string;
  /** The path as requested, without the query string. */
  readonly path: string;
  /** The HTTP status of the answer, when one arrived. */
  readonly status?: number;
  /** The `snyk-request-id` header, when present. */
  readonly requestId?: string;
  /** What is wrong with the answer. */
  readonly reason: string;

  /** @param init the request and what is wrong with its answer */
  constructor(init: SnykMalformedResponseInit) {
    super(
      `The answer to ${init.method} ${init.path}${init.status !== undefined ? ` (HTTP ${init.status})` : ""} is not what ` +
        `the Snyk API specifies: ${init.reason}. Nothing was concluded from it. If this persists, check any proxy ` +
        `between here and Snyk${init.requestId ? ` (request id ${init.requestId})` : ""}.`,
    );
    this.method = init.method;
    this.path = init.path;
    if (init.status !== undefined) this.status = init.status;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    this.reason = init.reason;
  }
}

/** What a pagination error is built from. */
export interface SnykPaginationErrorInit {
  /** The list's path, without the query string. */
  path: string;
  /** Pages fetched before giving up. */
  pages: number;
  /** Why the listing stopped. */
  reason: string;
}

/**
 * Raised when a listing cannot be completed: a `next` link that repeats a page already fetched
 * (a loop), or more pages or more time than the client's pagination budget allows. A listing cut
 * short is never taken as complete.
 */
export class SnykPaginationError extends SnykError {
  static override readonly code: string = "SNYK_PAGINATION_FAILED";

  /** The list's path, without the query string. */
  readonly path: string;
  /** Pages fetched before giving up. */
  readonly pages: number;
  /** Why the listing stopped. */
  readonly reason: string;

  /** @param init the listing and why it stopped */
  constructor(init: SnykPaginationErrorInit) {
    super(`Listing GET ${init.path} stopped after ${init.pages} page${init.pages === 1 ? "" : "s"}: ${init.reason}. ` +
      "The list is incomplete, so nothing was concluded from it.");
    this.path = init.path;
    this.pages = init.pages;
    this.reason = init.reason;
  }
}
