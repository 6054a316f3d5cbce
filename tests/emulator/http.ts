/** Helpers for the emulator's tests: REST and OAuth2 calls over real HTTP, and an OAuth consent. */
import { createHash, randomBytes } from "crypto";
import * as http from "http";
import type { RunningEmulator } from "../../emulator";

/** An answer with its parsed body. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** Options of {@link rest}. */
export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** Authorization header; default `token <emu.token>`; null: none. */
  auth?: string | null;
  contentType?: string;
  /** Default "2025-11-05"; null: leave out. */
  version?: string | null;
}

/** Calls `${emu.url}/rest${path}`. */
export async function rest(emu: RunningEmulator, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const query = new URLSearchParams(options.query);
  const version = options.version === undefined ? "2025-11-05" : options.version;
  if (version !== null && !query.has("version")) query.set("version", version);
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? `token ${emu.token}` : options.auth;
  if (auth !== null) headers.authorization = auth;
  if (options.body !== undefined) headers["content-type"] = options.contentType ?? "application/vnd.api+json";
  const search = query.toString();
  const response = await fetch(`${emu.url}/rest${path}${search ? `?${search}` : ""}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** POSTs a form to `${emu.url}/oauth2${path}`. */
export async function oauth(emu: RunningEmulator, path: string, form: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${emu.url}/oauth2${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** A PKCE pair (S256). */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** Calls /oauth2/authorize without following the redirect; returns status and the Location URL. */
export async function authorize(emu: RunningEmulator, params: Record<string, string>): Promise<{ status: number; location?: URL; body?: any }> {
  const response = await fetch(`${emu.url}/oauth2/authorize?${new URLSearchParams(params)}`, { redirect: "manual" });
  const location = response.headers.get("location");
  const text = await response.text();
  return { status: response.status, location: location ? new URL(location) : undefined, body: text ? JSON.parse(text) : undefined };
}

/** An interactive app, authorized by the emulator's user: the app, its secret, the code and verifier. */
export async function consent(
  emu: RunningEmulator,
  attributes: { context?: "tenant" | "user"; scopes?: string[] } = {},
): Promise<{ appId: string; clientId: string; clientSecret: string; code: string; verifier: string; redirectUri: string }> {
  const redirectUri = "https://app.example.test/callback";
  const created = await rest(emu, "POST", `/orgs/${emu.orgId}/apps/creations`, {
    body: {
      data: {
        type: "app",
        attributes: { name: "Interactive", redirect_uris: [redirectUri], scopes: attributes.scopes ?? ["org.read"], context: attributes.context ?? "tenant" },
      },
    },
  });
  const { id: appId, attributes: app } = created.body.data;
  const { verifier, challenge } = pkce();
  const answer = await authorize(emu, {
    response_type: "code",
    client_id: app.client_id,
    redirect_uri: redirectUri,
    state: "s1",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const code = answer.location?.searchParams.get("code");
  if (!code) throw new Error(`authorize did not give a code (${answer.status})`);
  return { appId, clientId: app.client_id, clientSecret: app.client_secret, code, verifier, redirectUri };
}

/** A create-app body. */
export function appBody(attributes: Record<string, unknown> = {}): object {
  return {
    data: {
      type: "app",
      attributes: { name: "My App", redirect_uris: ["https://app.example.test/callback"], scopes: ["org.read"], context: "tenant", ...attributes },
    },
  };
}

/** An install body for `appId`. */
export function installBody(appId: string): object {
  return { data: { type: "app_install" }, relationships: { app: { data: { id: appId, type: "app" } } } };
}

/** A secrets body. */
export function secretsBody(mode: string, secret?: string): object {
  return { data: { type: "app", attributes: secret === undefined ? { mode } : { mode, secret } } };
}

/** Options of {@link adminCall}. */
export interface AdminCallOptions {
  body?: unknown;
  /** Default `application/json`; null: no Content-Type header. */
  contentType?: string | null;
}

/** Calls `${emu.url}/_emulator${path}`, sending `body` as JSON (and, by default, saying so). */
export async function adminCall(emu: RunningEmulator, method: string, path: string, options: AdminCallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  const contentType = options.contentType === undefined ? "application/json" : options.contentType;
  if (contentType !== null && method !== "GET") headers["content-type"] = contentType;
  const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const response = await fetch(`${emu.url}/_emulator${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** An answer of {@link rawRequest}, body as text. */
export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * Sends one request with `path` exactly as given: fetch would resolve `..` and `%2e%2e` on the
 * client side, so paths meant to test the server's own checks go through node:http.
 */
export function rawRequest(
  emu: RunningEmulator,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${emu.url}/`, { method: options.method, path: options.path, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}
