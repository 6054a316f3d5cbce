/**
 * OAuth2 under `/oauth2` (Snyk's OAuth2 API, spec/snyk-oauth2.openapi.yaml):
 * - GET `/authorize`: PKCE (S256 only), exact redirect-URI match and `state` are required. There
 *   is no browser, so the request counts as approved by the emulator's user for `org_id` (alias
 *   `install`, default the seeded org); it installs the app there, opens a session and redirects
 *   (302) to `redirect_uri` with `code` and `state`.
 * - POST `/token`: `authorization_code` (with `code_verifier`), `refresh_token` (single use) and
 *   `client_credentials` (client-credentials apps and installs). Secrets younger than the
 *   activation delay are refused with `invalid_client`.
 * - POST `/revoke`: revokes a refresh (or access) token of the client.
 */
import { createHash, randomBytes } from "crypto";
import { IncomingHttpHeaders } from "http";
import { OAuthError } from "../errors";
import { newId } from "../ids";
import { ClientRef, State } from "../state";
import { AppRecord, InstallRecord, SecretRecord, TokenRecord } from "../types";

/** A form or query, as parsed. */
type Params = URLSearchParams;

/** An answer of the OAuth2 endpoints. */
export interface OAuthAnswer {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/** How long refresh tokens live, as Snyk's docs show (180 days). */
export const REFRESH_EXPIRES_IN = 15552000;
const CODE_TTL_MS = 10 * 60 * 1000;

/** Serves `/oauth2/{authorize,token,revoke}`; `path` is what follows `/oauth2`. */
export function handleOAuth(state: State, method: string, path: string, query: Params, headers: IncomingHttpHeaders, body: string): OAuthAnswer {
  try {
    if (path === "/authorize" && method === "GET") return authorize(state, query);
    if (path === "/token" || path === "/revoke") {
      if (method !== "POST") throw new OAuthError(405, "invalid_request", `${path} accepts POST only`);
      const form = readForm(headers, body);
      return path === "/token" ? token(state, form) : revoke(state, form);
    }
    throw new OAuthError(404, "invalid_request", `no OAuth2 endpoint at ${path}`);
  } catch (error) {
    const failure = error instanceof OAuthError ? error : new OAuthError(500, "server_error", "internal emulator error");
    const answer = oauthError(failure.status, failure.error, failure.description);
    if (failure.challenge) answer.headers["www-authenticate"] = failure.challenge;
    return answer;
  }
}

/** An RFC 6749 error answer: `{error, error_description}`. */
export function oauthError(status: number, error: string, description: string): OAuthAnswer {
  return json(status, { error, error_description: description });
}

function json(status: number, body: object | undefined): OAuthAnswer {
  const headers: Record<string, string> = { "cache-control": "no-store", pragma: "no-cache" };
  if (body === undefined) return { status, headers };
  return { status, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) };
}

function readForm(headers: IncomingHttpHeaders, body: string): Params {
  const type = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(body);
  // RFC 6749 2.3.1: client credentials may come as HTTP Basic instead of form fields.
  const basic = basicCredential(headers.authorization);
  if (basic) {
    if (!form.has("client_id")) form.set("client_id", basic.id);
    if (!form.has("client_secret")) form.set("client_secret", basic.secret);
  }
  return form;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The client id and secret of a `Basic` Authorization header (each form-urlencoded, RFC 6749
 * 2.3.1); undefined for another scheme. A malformed one is a failed client authentication:
 * 401 `invalid_client` with a Basic challenge (RFC 6749 5.2), never a crash.
 */
function basicCredential(header: string | undefined): { id: string; secret: string } | undefined {
  const [scheme, credential, ...extra] = (header ?? "").trim().split(/\s+/);
  if (scheme.toLowerCase() !== "basic") return undefined;
  const malformed = () => new OAuthError(401, "invalid_client", "the Basic credential is malformed: send base64(client_id:client_secret)", 'Basic realm="oauth2"');
  if (!credential || extra.length > 0 || !BASE64.test(credential)) throw malformed();
  const decoded = Buffer.from(credential, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw malformed();
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw malformed();
  }
}

function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

function required(form: Params, ...names: string[]): string[] {
  return names.map((name) => {
    const value = form.get(name);
    if (!value) throw new OAuthError(400, "invalid_request", `${name} is required`);
    return value;
  });
}

function isActive(secrets: SecretRecord[], value: string): boolean {
  const now = Date.now();
  return secrets.some((secret) => secret.value === value && secret.activeAt <= now);
}

/** The client `clientId` if `secret` is one of its active secrets; `invalid_client` (401) otherwise. */
function authenticateClient(state: State, clientId: string, secret: string): ClientRef {
  const client = state.client(clientId);
  const secrets = client?.kind === "install" ? client.install.secrets : client?.app.secrets;
  if (!client || !secrets || !isActive(secrets, secret)) throw new OAuthError(401, "invalid_client", "client authentication failed");
  return client;
}

function authorize(state: State, query: Params): OAuthAnswer {
  const [clientId, redirectUri] = required(query, "client_id", "redirect_uri");
  const client = state.client(clientId);
  if (client?.kind !== "app") throw new OAuthError(400, "invalid_client", "unknown client_id");
  const app = client.app;
  // RFC 6749 4.1.2.1: never redirect to a URI that is not registered.
  if (!app.redirectUris.includes(redirectUri)) {
    throw new OAuthError(400, "invalid_request", "redirect_uri does not match any of the app's redirect URIs exactly");
  }
  const callback = new URL(redirectUri);
  const stateParam = query.get("state");
  const fail = (error: string, description: string): OAuthAnswer => {
    callback.searchParams.set("error", error);
    callback.searchParams.set("error_description", description);
    if (stateParam) callback.searchParams.set("state", stateParam);
    return { status: 302, headers: { location: callback.toString() } };
  };
  if (query.get("response_type") !== "code") return fail("unsupported_response_type", "response_type must be code");
  if (!stateParam) return fail("invalid_request", "state is required");
  const challenge = query.get("code_challenge");
  if (!challenge) return fail("invalid_request", "code_challenge is required (PKCE)");
  if (query.get("code_challenge_method") !== "S256") return fail("invalid_request", "code_challenge_method must be S256");
  if (app.grantType !== "authorization_code") return fail("unauthorized_client", "this app uses client credentials");
  const requested = (query.get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
  if (requested.some((scope) => !app.scopes.includes(scope))) return fail("invalid_scope", "a requested scope is not one of the app's");
  const orgId = query.get("org_id") ?? query.get("install") ?? state.seed.orgId;
  const org = state.orgs.get(orgId);
  if (!org || (orgId !== state.seed.orgId && org.groupId !== state.seed.groupId)) {
    return fail("access_denied", "the user cannot authorize apps for this org");
  }
  const install = interactiveInstall(state, app, orgId);
  const sessionId = newId();
  state.sessions.set(sessionId, { seq: state.nextSeq(), id: sessionId, appId: app.id, installId: install.id, userId: state.seed.userId, createdAt: new Date().toISOString() });
  const code = randomBytes(24).toString("base64url");
  state.codes.set(code, {
    clientId,
    redirectUri,
    codeChallenge: challenge,
    scope: (requested.length > 0 ? requested : app.scopes).join(" "),
    orgId,
    installId: install.id,
    sessionId,
    expiresAt: Date.now() + CODE_TTL_MS,
  });
  state.changed();
  callback.searchParams.set("code", code);
  callback.searchParams.set("state", stateParam);
  return { status: 302, headers: { location: callback.toString() } };
}

/** The install an authorization lands in: the org for `tenant` apps, the user for `user` apps. */
function interactiveInstall(state: State, app: AppRecord, orgId: string): InstallRecord {
  const targetKind = app.context === "user" ? "user" : "org";
  const targetId = targetKind === "user" ? state.seed.userId : orgId;
  for (const install of state.installs.values()) {
    if (install.appId === app.id && install.targetKind === targetKind && install.targetId === targetId) return install;
  }
  const install: InstallRecord = {
    seq: state.nextSeq(),
    id: newId(),
    appId: app.id,
    targetKind,
    targetId,
    secrets: [],
    botId: newId(),
    installedAt: new Date().toISOString(),
  };
  state.addInstall(install);
  return install;
}

function token(state: State, form: Params): OAuthAnswer {
  const grantType = form.get("grant_type");
  if (grantType === "authorization_code") return exchangeCode(state, form);
  if (grantType === "refresh_token") return refresh(state, form);
  if (grantType === "client_credentials") return clientCredentials(state, form);
  throw new OAuthError(400, "unsupported_grant_type", "grant_type must be authorization_code, refresh_token or client_credentials");
}

function exchangeCode(state: State, form: Params): OAuthAnswer {
  const [code, clientId, secret, verifier] = required(form, "code", "client_id", "client_secret", "code_verifier");
  const client = authenticateClient(state, clientId, secret);
  const grant = state.codes.get(code);
  state.codes.delete(code);
  if (!grant || grant.expiresAt <= Date.now() || grant.clientId !== clientId) {
    throw new OAuthError(400, "invalid_grant", "the code is invalid, expired or already used");
  }
  if (form.has("redirect_uri") && form.get("redirect_uri") !== grant.redirectUri) {
    throw new OAuthError(400, "invalid_grant", "redirect_uri differs from the authorization request");
  }
  if (createHash("sha256").update(verifier).digest("base64url") !== grant.codeChallenge) {
    throw new OAuthError(400, "invalid_grant", "code_verifier does not match the code_challenge");
  }
  const install = state.installs.get(grant.installId);
  if (!install) throw new OAuthError(400, "invalid_grant", "the authorization was revoked");
  return issue(state, client.app, {
    clientId,
    appId: client.app.id,
    installId: install.id,
    sessionId: grant.sessionId,
    scope: grant.scope,
    orgIds: [grant.orgId],
    groupIds: [],
    botId: install.botId,
  }, true);
}

function refresh(state: State, form: Params): OAuthAnswer {
  const [secret, value] = required(form, "client_secret", "refresh_token");
  const old = state.tokens.get(value);
  if (!old || old.kind !== "refresh" || old.expiresAt <= Date.now()) {
    throw new OAuthError(400, "invalid_grant", "the refresh token is invalid, expired or already used");
  }
  if (form.has("client_id") && form.get("client_id") !== old.clientId) {
    throw new OAuthError(400, "invalid_grant", "the refresh token was issued to another client");
  }
  const client = authenticateClient(state, old.clientId, secret);
  state.tokens.delete(value);
  return issue(state, client.app, old, true);
}

function clientCredentials(state: State, form: Params): OAuthAnswer {
  if (form.has("client_assertion")) throw new OAuthError(400, "invalid_request", "client assertions (JWT) are not supported by the emulator");
  const [clientId, secret] = required(form, "client_id", "client_secret");
  const client = authenticateClient(state, clientId, secret);
  if (client.app.grantType !== "client_credentials") {
    throw new OAuthError(400, "unauthorized_client", "this app uses the authorization code flow");
  }
  const install = client.kind === "install" ? client.install : undefined;
  return issue(state, client.app, {
    clientId,
    appId: client.app.id,
    installId: install?.id,
    scope: client.app.scopes.join(" "),
    orgIds: install ? (install.targetKind === "org" ? [install.targetId] : []) : [client.app.orgId],
    groupIds: install?.targetKind === "group" ? [install.targetId] : [],
    botId: install?.botId ?? client.app.id,
  }, false);
}

/** Issues an access token (and a refresh token) for `grant`; its own `kind`/`expiresAt` are ignored. */
function issue(state: State, app: AppRecord, grant: Omit<TokenRecord, "kind" | "expiresAt">, withRefresh: boolean): OAuthAnswer {
  const now = Date.now();
  const ttl = app.accessTokenTtlSeconds;
  const body: Record<string, unknown> = {
    access_token: state.issueToken({ ...grant, kind: "access", expiresAt: now + ttl * 1000 }),
    expires_in: ttl - 1,
    token_type: "bearer",
    scope: grant.scope,
    bot_id: grant.botId,
  };
  if (withRefresh) {
    body.refresh_token = state.issueToken({ ...grant, kind: "refresh", expiresAt: now + REFRESH_EXPIRES_IN * 1000 });
    body.refresh_expires_in = REFRESH_EXPIRES_IN;
  }
  state.changed();
  return json(200, body);
}

function revoke(state: State, form: Params): OAuthAnswer {
  const [clientId, secret, value] = required(form, "client_id", "client_secret", "token");
  authenticateClient(state, clientId, secret);
  if (state.tokens.get(value)?.clientId === clientId) {
    state.tokens.delete(value);
    state.changed();
  }
  return json(200, undefined);
}
