/**
 * The admin operations as JSON over HTTP under `/_emulator` (no auth), for other processes.
 * Routes are listed in emulator/README.md. Every request but GET must say
 * `Content-Type: application/json` (else 415): a web page can send a cross-site POST as
 * `text/plain` or a form without asking, but not as JSON, so no page a developer visits can
 * drive the emulator of their CI or laptop.
 */
import { EmulatorAdmin } from "./admin";
import { EmulatorAdminError } from "./errors";
import { MAX_FAULT_GLOB_LENGTH } from "./limits";
import { Fault } from "./types";

/** An answer of the admin routes. */
export interface AdminAnswer {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

type AdminRoute = [method: string, pattern: RegExp, run: (args: string[], body: any, query: URLSearchParams) => unknown];

/**
 * Serves `/_emulator/...`; `path` is what follows `/_emulator`; `info` is what GET /info answers;
 * `contentType` is the request's Content-Type header.
 */
export function handleAdmin(
  admin: EmulatorAdmin,
  info: object,
  method: string,
  path: string,
  query: URLSearchParams,
  contentType: string | undefined,
  rawBody: string,
): AdminAnswer {
  if (method !== "GET" && method !== "HEAD" && !isJson(contentType)) {
    return adminError(415, `${method} /_emulator${path} needs Content-Type: application/json, not ${contentType ? JSON.stringify(contentType) : "none"}`);
  }
  const routes: AdminRoute[] = [
    ["GET", /^\/info$/, () => info],
    ["POST", /^\/reset$/, () => admin.reset()],
    ["GET", /^\/apps$/, (_, __, q) => admin.listApps(q.get("orgId") ?? undefined)],
    ["POST", /^\/apps$/, (_, body) => admin.createClientCredentialsApp(body ?? {})],
    ["PATCH", /^\/apps\/([^/]+)$/, ([id], body) => {
      if (body?.name !== undefined) admin.renameApp(id, body.name);
      if (body?.redirectUris !== undefined) admin.setRedirectUris(id, body.redirectUris);
    }],
    ["DELETE", /^\/apps\/([^/]+)$/, ([id]) => admin.deleteApp(id)],
    ["GET", /^\/installs$/, () => admin.listInstalls()],
    ["DELETE", /^\/installs\/([^/]+)$/, ([id]) => admin.deleteInstall(id)],
    ["GET", /^\/secrets\/([^/]+)$/, ([id]) => admin.activeSecrets(id)],
    ["PUT", /^\/latency$/, (_, body) => admin.setLatency(number(body?.ms, "ms"))],
    ["PUT", /^\/rate-limit$/, (_, body) => admin.setRateLimit(body ?? null)],
    ["PUT", /^\/secret-activation-delay$/, (_, body) => admin.setSecretActivationDelay(number(body?.ms, "ms"))],
    ["POST", /^\/activate-pending-secrets$/, () => admin.activatePendingSecrets()],
    ["PUT", /^\/next-link-style$/, (_, body) => admin.setNextLinkStyle(body?.style)],
    ["POST", /^\/faults$/, (_, body) => admin.injectFault(toFault(body))],
    ["DELETE", /^\/faults$/, () => admin.clearFaults()],
    ["GET", /^\/log$/, () => admin.requestLog],
    ["DELETE", /^\/log$/, () => admin.clearLog()],
  ];
  try {
    for (const [routeMethod, pattern, run] of routes) {
      const match = pattern.exec(path);
      if (!match || routeMethod !== method) continue;
      const result = run(match.slice(1).map(decodeURIComponent), parse(rawBody), query);
      return result === undefined ? { status: 204, headers: {} } : json(200, result);
    }
    return adminError(404, `no admin route ${method} /_emulator${path}`);
  } catch (error) {
    const status = error instanceof EmulatorAdminError ? error.status : 400;
    return adminError(status, error instanceof Error ? error.message : String(error));
  }
}

/** An admin error answer: `{"error": message}`. */
export function adminError(status: number, message: string): AdminAnswer {
  return json(status, { error: message });
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0].trim().toLowerCase() === "application/json";
}

function json(status: number, body: unknown): AdminAnswer {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function parse(rawBody: string): any {
  if (rawBody.trim() === "") return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new EmulatorAdminError(400, "the body is not valid JSON");
  }
}

function number(value: unknown, name: string): number {
  if (typeof value !== "number" || value < 0) throw new EmulatorAdminError(400, `${name} must be a number >= 0`);
  return value;
}

/**
 * A fault from JSON: `path` (equal) or `pathGlob` (see glob.ts). No RegExp: a pattern such as
 * `(a|a)+$` would block the event loop for every request it is tried on.
 */
function toFault(body: any): Fault {
  if (body?.pathPattern !== undefined) {
    throw new EmulatorAdminError(400, "pathPattern (a RegExp) is not accepted over HTTP, as a slow one blocks the server; use pathGlob (* within a segment, ** across)");
  }
  const { pathGlob, ...rest } = body ?? {};
  if (pathGlob !== undefined) {
    if (typeof pathGlob !== "string" || pathGlob.length > MAX_FAULT_GLOB_LENGTH) {
      throw new EmulatorAdminError(400, `pathGlob must be a string of at most ${MAX_FAULT_GLOB_LENGTH} characters`);
    }
    return { ...rest, path: { glob: pathGlob } };
  }
  if (typeof body?.path !== "string") throw new EmulatorAdminError(400, "a fault needs path (a string) or pathGlob");
  return body;
}
