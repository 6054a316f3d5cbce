/**
 * The authorization URL of Snyk's OAuth2 authorization-code flow with PKCE (seeds 001 and 004,
 * RFC 6749 §4.1.1, RFC 7636 §4.3). `/oauth2/authorize` is served on the web host
 * (`https://app.snyk.io`), not the API host.
 */
import { SNYK_REGIONS, snykWebUrl } from "../provider/client/regions";
import { ArgumentError } from "./argument-error";

/** The arguments of {@link authorizeUrl}. Give at most one of `webUrl`, `apiUrl` and `region`. */
export interface AuthorizeUrlArgs {
  /** The app's OAuth client id. */
  clientId: string;
  /** An absolute URI, exactly one of the app's redirect URIs. */
  redirectUri: string;
  /** The scopes to request, e.g. `["org.read"]`; at least one, each one of the app's. */
  scopes: readonly string[];
  /** An unguessable value the callback must check (CSRF protection); required. */
  state: string;
  /** `codeChallenge` of {@link createPkcePair}: BASE64URL(SHA-256(code verifier)). */
  codeChallenge: string;
  /** Only `S256` is supported by Snyk (the default). */
  codeChallengeMethod?: "S256";
  /** A Snyk region name such as `SNYK-EU-01` (default `SNYK-US-01`). */
  region?: string;
  /**
   * The API origin the provider uses (`snyk:apiUrl`): a region's API host maps to its web host
   * (api.eu.snyk.io → app.eu.snyk.io); any other origin (an emulator) serves authorize itself.
   */
  apiUrl?: string;
  /** The web origin that serves `/oauth2/authorize`, used as is (e.g. an emulator's URL). */
  webUrl?: string;
}

/** Raised when an OAuth helper's argument is missing or malformed (`INVALID_ARGUMENT`). */
export class OAuthArgumentError extends ArgumentError {}

// RFC 7636 §4.2: S256 gives BASE64URL of a 32-byte digest, without padding: 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The URL to send a user to so they authorize the app: `{web host}/oauth2/authorize?
 * response_type=code&client_id&redirect_uri&scope&state&code_challenge&code_challenge_method=S256`.
 *
 * @throws OAuthArgumentError naming the argument that is missing or malformed
 * @example
 * const pkce = createPkcePair();
 * const url = authorizeUrl({ clientId, redirectUri, scopes: ["org.read"], state, codeChallenge: pkce.codeChallenge });
 */
export function authorizeUrl(args: AuthorizeUrlArgs): string {
  if (typeof args !== "object" || args === null) throw new OAuthArgumentError("args", "authorizeUrl: args must be an object.");
  const clientId = requireText(args, "clientId");
  const redirectUri = requireRedirectUri(args.redirectUri);
  const scope = requireScopes(args.scopes);
  const state = requireText(args, "state");
  const method = args.codeChallengeMethod ?? "S256";
  if (method !== "S256") {
    throw new OAuthArgumentError("codeChallengeMethod", `authorizeUrl: codeChallengeMethod must be "S256" (the only method Snyk supports), not ${JSON.stringify(method)}.`);
  }
  const codeChallenge = requireText(args, "codeChallenge");
  if (!S256_CHALLENGE.test(codeChallenge)) {
    throw new OAuthArgumentError("codeChallenge",
      "authorizeUrl: codeChallenge must be BASE64URL(SHA-256(code verifier)), 43 characters; use createPkcePair().");
  }
  const params: [string, string][] = [
    ["response_type", "code"],
    ["client_id", clientId],
    ["redirect_uri", redirectUri],
    ["scope", scope],
    ["state", state],
    ["code_challenge", codeChallenge],
    ["code_challenge_method", method],
  ];
  // encodeURIComponent, not URLSearchParams: it writes spaces in `scope` as %20, never `+`.
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  return `${authorizeWebUrl(args)}/oauth2/authorize?${query}`;
}

/**
 * The web origin that serves `/oauth2/authorize` for these arguments (no trailing slash).
 *
 * @throws OAuthArgumentError for more than one of webUrl/apiUrl/region, a non-http(s) URL or an unknown region
 */
export function authorizeWebUrl(args: Pick<AuthorizeUrlArgs, "region" | "apiUrl" | "webUrl">): string {
  const given = (["webUrl", "apiUrl", "region"] as const).filter((key) => args[key] !== undefined);
  if (given.length > 1) {
    throw new OAuthArgumentError(given.join("|"), `authorizeUrl: give at most one of webUrl, apiUrl and region, not ${given.join(" and ")}.`);
  }
  if (args.webUrl !== undefined) return httpOrigin("webUrl", args.webUrl);
  if (args.apiUrl !== undefined) {
    const origin = httpOrigin("apiUrl", args.apiUrl).replace(/\/rest$/, "");
    const region = Object.values(SNYK_REGIONS).find((r) => r.apiUrl === origin);
    return region ? region.webUrl : origin;
  }
  try {
    return snykWebUrl(args.region);
  } catch (error) {
    throw new OAuthArgumentError("region", `authorizeUrl: ${(error as Error).message}`);
  }
}

function requireText(args: object, argument: string): string {
  const value = (args as Record<string, unknown>)[argument];
  if (typeof value !== "string" || value.trim() === "") {
    throw new OAuthArgumentError(argument, `authorizeUrl: ${argument} is required and must be a non-empty string.`);
  }
  return value;
}

function requireRedirectUri(value: unknown): string {
  const uri = requireText({ redirectUri: value }, "redirectUri");
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new OAuthArgumentError("redirectUri", `authorizeUrl: redirectUri must be an absolute URI, not ${JSON.stringify(uri)}.`);
  }
  // RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment.
  if (url.hash !== "" || uri.includes("#")) {
    throw new OAuthArgumentError("redirectUri", "authorizeUrl: redirectUri must not include a fragment (#...).");
  }
  return uri;
}

function requireScopes(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) {
    throw new OAuthArgumentError("scopes", "authorizeUrl: scopes must be a non-empty array of scope names, e.g. [\"org.read\"].");
  }
  for (const scope of value) {
    if (typeof scope !== "string" || !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope)) {
      throw new OAuthArgumentError("scopes", `authorizeUrl: every entry of scopes must be a non-empty scope name without spaces or quotes, not ${JSON.stringify(scope)}.`);
    }
  }
  return value.join(" ");
}

function httpOrigin(argument: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OAuthArgumentError(argument, `authorizeUrl: ${argument} must be an absolute http(s) URL, not ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new OAuthArgumentError(argument, `authorizeUrl: ${argument} must use http or https.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
