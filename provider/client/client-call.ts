/**
 * One call as the client sends it, built once before its attempts: the URL, the headers, the body,
 * and the secrets no message or log may show.
 */
import type { ErrorResponse } from "./errors";
import type { HttpMethod, RequestOptions, SnykClientOptions } from "./client-options";
import { buildUrl, pathWithoutQuery, type QueryParams } from "./query";
import { redact, secretsIn } from "./redact";
import { SnykConfigurationError } from "./snyk-error";

const JSON_API = "application/vnd.api+json";

/** One call: what each of its attempts sends, and what its errors and logs may name. */
export interface Call {
  api: ErrorResponse["api"];
  method: string;
  /** The path for errors and logs: no query, no origin. */
  path: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  secrets: string[];
}

/** What every call of one client carries. */
export interface CallContext {
  restUrl: string;
  oauthUrl: string;
  apiVersion: string;
  token: string;
  /** The `Authorization` header's value. */
  authorization: string;
  userAgent: string;
}

/**
 * The trimmed token and the auth scheme of `options`.
 *
 * @throws SnykConfigurationError for a missing token or an unknown scheme
 */
export function checkedAuth(options: SnykClientOptions): { token: string; scheme: "token" | "bearer" } {
  if (typeof options?.token !== "string" || options.token.trim() === "") {
    throw new SnykConfigurationError("A Snyk token is required to call the Snyk API.", { code: "CONFIG_MISSING_TOKEN" });
  }
  const scheme = options.authScheme ?? "token";
  if (scheme !== "token" && scheme !== "bearer") {
    throw new SnykConfigurationError(`Unknown authScheme "${String(scheme)}": use "token" or "bearer".`);
  }
  return { token: options.token.trim(), scheme };
}

/** A JSON:API call to the REST base; `version` is added unless `options.query` sets it. */
export function restCall(context: CallContext, method: HttpMethod, path: string, options: RequestOptions): Call {
  const restPath = path.replace(/^\/rest(?=\/)/, "");
  const headers: Record<string, string> = {
    Authorization: context.authorization,
    Accept: JSON_API,
    "User-Agent": context.userAgent,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = JSON_API;
    body = JSON.stringify(options.body);
  }
  return {
    api: "rest",
    method,
    // Next links come from the server: never let one carry the token into a message.
    path: redact(pathWithoutQuery(restPath), [context.token]),
    url: buildUrl(context.restUrl, restPath, { version: context.apiVersion, ...options.query }),
    headers,
    body,
    secrets: [context.token, ...secretsIn(options.body)],
  };
}

/** A form-urlencoded POST to the OAuth2 base, without the client's token; undefined fields are left out. */
export function oauthCall(context: CallContext, path: "/token" | "/revoke", form: Readonly<Record<string, string | undefined>>): Call {
  const fields = Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined);
  return {
    api: "oauth",
    method: "POST",
    path: `/oauth2${path}`,
    url: `${context.oauthUrl}${path}`,
    headers: {
      Accept: "application/json",
      "Content-Type": "application/x-www-form-urlencoded",
      "User-Agent": context.userAgent,
    },
    body: new URLSearchParams(fields).toString(),
    secrets: [context.token, ...secretsIn(Object.fromEntries(fields))],
  };
}

/** The query as pagination carries it: values as strings, arrays copied, undefined ones left out. */
export function stringQuery(query: QueryParams = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? [...value] : String(value);
  }
  return out;
}
