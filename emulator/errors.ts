/** Errors the emulator's handlers throw; the server turns them into Snyk-shaped answers. */

/** One JSON:API error object, as in the spec's `Error` schema. */
export interface JsonApiErrorObject {
  id?: string;
  status: string;
  title?: string;
  detail: string;
  code?: string;
  source?: { pointer?: string; parameter?: string };
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Raised by REST handlers for any 4xx/5xx; carries the JSON:API `errors[]`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: JsonApiErrorObject[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => e.detail).join("; "));
    this.name = "ApiError";
  }

  /** One error with an optional `source` (pointer into the body or query parameter). */
  static of(status: number, detail: string, source?: JsonApiErrorObject["source"]): ApiError {
    return new ApiError(status, [errorObject(status, detail, source)]);
  }
}

/** A JSON:API error object for `status` with its standard title. */
export function errorObject(status: number, detail: string, source?: JsonApiErrorObject["source"]): JsonApiErrorObject {
  const error: JsonApiErrorObject = { status: String(status), title: TITLES[status] ?? "Error", detail };
  if (source) error.source = source;
  return error;
}

/** The full JSON:API error document. */
export function errorDocument(errors: JsonApiErrorObject[]): object {
  return { jsonapi: { version: "1.0" }, errors };
}

/** Raised by OAuth2 handlers: RFC 6749 `{error, error_description}`. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    /** The `WWW-Authenticate` challenge to send with it, if any. */
    readonly challenge?: string,
  ) {
    super(`${error}: ${description}`);
    this.name = "OAuthError";
  }
}

/** Raised by admin operations on an unknown id or with a bad argument. */
export class EmulatorAdminError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = "EmulatorAdminError";
  }
}
