/**
 * Checks that a Snyk answer the providers are about to use has the shape the spec gives it: a
 * resource with an id and the attributes the provider reads. Anything else (an HTML page that got
 * past the client as an empty body, `data: null`, a resource without an id or attributes, a list
 * where a string belongs) is a {@link SnykMalformedResponseError} naming the request, never a raw
 * `TypeError`, and never taken as "the object is gone".
 */
import { SnykMalformedResponseError } from "./client";
import type { SnykResponse } from "./client";

/** The request an answer belongs to, for the error. */
export interface AnsweredRequest {
  method: string;
  path: string;
}

type FieldRule = "string" | "string?" | "strings" | "strings?" | "number?" | "boolean?";

/** The fields of an app's attributes the providers read, by what Snyk's spec guarantees. */
const APP_ATTRIBUTES: Record<string, FieldRule> = {
  name: "string",
  scopes: "strings",
  redirect_uris: "strings?",
  client_id: "string?",
  client_secret: "string?",
  context: "string?",
  access_token_ttl_seconds: "number?",
  grant_type: "string?",
  is_public: "boolean?",
  is_confidential: "boolean?",
  org_public_id: "string?",
};

/** What an app create (or secret rotation) must answer: the credentials it minted. */
const CREATED_APP_ATTRIBUTES: Record<string, FieldRule> = { ...APP_ATTRIBUTES, client_id: "string", client_secret: "string" };

/** What an install create must answer: the install's own credentials. */
const CREATED_INSTALL_ATTRIBUTES: Record<string, FieldRule> = { client_id: "string", client_secret: "string" };

/** The app resource of an answer to a GET or PATCH of an app. */
export function appResource<T>(response: SnykResponse<unknown>, request: AnsweredRequest): T {
  return resource<T>(response, request, APP_ATTRIBUTES);
}

/** The app resource of an answer to the create POST, with its client id and secret. */
export function createdAppResource<T>(response: SnykResponse<unknown>, request: AnsweredRequest): T {
  return resource<T>(response, request, CREATED_APP_ATTRIBUTES);
}

/** The install resource of an answer to the create POST, with its client id and secret. */
export function createdInstallResource<T>(response: SnykResponse<unknown>, request: AnsweredRequest): T {
  return resource<T>(response, request, CREATED_INSTALL_ATTRIBUTES);
}

/** The secret a secrets POST (`create` or `replace`) minted, from its answer. */
export function mintedSecret(response: SnykResponse<unknown>, request: AnsweredRequest): string {
  const attributes = ((response.data as { data?: { attributes?: unknown } } | undefined)?.data?.attributes ?? undefined) as
    | { client_secret?: unknown }
    | undefined;
  const secret = attributes?.client_secret;
  if (typeof secret !== "string" || secret === "") {
    throw malformed(request, response, "the answer holds no data.attributes.client_secret, the secret Snyk minted");
  }
  return secret;
}

/**
 * The attributes of an app from a list page (the client checked the page: id and attributes
 * object), with the fields the duplicate guard compares checked too.
 */
export function listedAppAttributes<T>(item: { id: string; attributes: unknown }, path: string): T {
  const problem = attributeProblem(item.attributes as Record<string, unknown>, APP_ATTRIBUTES);
  if (problem) throw malformed({ method: "GET", path }, undefined, `app ${item.id}: attributes.${problem}`);
  return item.attributes as T;
}

function resource<T>(response: SnykResponse<unknown>, request: AnsweredRequest, rules: Record<string, FieldRule>): T {
  const body = response.data as { data?: unknown } | undefined;
  const data = body?.data as { id?: unknown; attributes?: unknown } | null | undefined;
  const fail = (reason: string) => malformed(request, response, reason);
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw fail(`"data" must be a resource object, got ${data === undefined ? "nothing" : data === null ? "null" : typeof data}`);
  }
  if (typeof data.id !== "string" || data.id === "") throw fail("the resource has no id");
  const attributes = data.attributes;
  if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) {
    throw fail("the resource has no attributes object");
  }
  const problem = attributeProblem(attributes as Record<string, unknown>, rules);
  if (problem) throw fail(`attributes.${problem}`);
  return data as T;
}

function attributeProblem(attributes: Record<string, unknown>, rules: Record<string, FieldRule>): string | undefined {
  for (const [field, rule] of Object.entries(rules)) {
    const value = attributes[field];
    const optional = rule.endsWith("?");
    if (value === undefined || value === null) {
      if (optional) continue;
      return `${field} is missing`;
    }
    const ok =
      rule.startsWith("strings") ? Array.isArray(value) && value.every((v) => typeof v === "string")
        : rule.startsWith("string") ? typeof value === "string"
          : rule.startsWith("number") ? typeof value === "number" && Number.isFinite(value)
            : typeof value === "boolean";
    if (!ok) return `${field} must be ${rule.startsWith("strings") ? "a list of strings" : `a ${rule.replace(/\?$/, "")}`}`;
  }
  return undefined;
}

function malformed(request: AnsweredRequest, response: SnykResponse<unknown> | undefined, reason: string): SnykMalformedResponseError {
  return new SnykMalformedResponseError({
    method: request.method,
    path: request.path,
    status: response?.status,
    requestId: response?.requestId,
    reason,
  });
}
