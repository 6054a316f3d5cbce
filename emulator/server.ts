/**
 * The HTTP server: `/rest/...` (REST Apps API), `/oauth2/...` (OAuth2), `/_emulator/...` (admin).
 * Every request first passes the path check (400) and the body bound (413). Latency, scripted
 * faults and the request log apply to REST and OAuth2; the rate limit to REST.
 */
import { randomUUID } from "crypto";
import * as http from "http";
import { AddressInfo } from "net";
import { EmulatorAdmin, EmulatorSettings } from "./admin";
import { adminError, handleAdmin } from "./admin-http";
import { credentialOf } from "./auth";
import { readBody } from "./body";
import { ApiError, errorDocument, errorObject } from "./errors";
import { FaultInjector } from "./faults";
import { MAX_BODY_BYTES } from "./limits";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { Area, parseRequestTarget } from "./request-target";
import { handleOAuth, oauthError } from "./routes/oauth2";
import { HttpAnswer, RestApi } from "./rest-api";
import { EmulatorClock, Fault, RequestLogEntry } from "./types";

/** What the server needs from the emulator. */
export interface ServerParts {
  rest: RestApi;
  admin: EmulatorAdmin;
  faults: FaultInjector;
  limiter: RateLimiter;
  log: RequestLog;
  settings: EmulatorSettings;
  state: import("./state").State;
  clock: EmulatorClock;
  /** What GET /_emulator/info answers. */
  info: () => object;
}

/** Starts listening; resolves with the origin URL and a close function. */
export async function listen(parts: ServerParts, port: number, host: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    serve(parts, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify(errorDocument([errorObject(500, "internal emulator error")])));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return { url, close };
}

async function serve(parts: ServerParts, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const target = parseRequestTarget(req.url ?? "/");
  const { area, pathname, query: searchParams } = target;
  const requestId = randomUUID();
  const path = area === "rest" ? pathname.slice("/rest".length) : pathname;
  const query = Object.fromEntries(searchParams);
  let entry: RequestLogEntry | undefined;
  if (area !== "admin") {
    entry = { requestId, method, path, query, status: 0, at: Date.now() };
    if (area === "rest" && !target.problem) entry.operationId = parts.rest.operationOf(method, path)?.operationId;
    parts.log.add(entry);
  }
  // Refused before anything reads the path: `/rest/%2E%2E/_emulator/reset` must not reach the admin.
  if (target.problem) return write(res, refusal(area, 400, target.problem, requestId), entry);
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body.kind === "aborted") return;
  if (body.kind === "too-large") {
    // Answered at once; the rest of the body is read and dropped (closing now would reset the
    // connection under the client's feet and could lose the answer).
    return write(res, refusal(area, 413, `the request body is too large: at most ${MAX_BODY_BYTES} bytes are accepted`, requestId), entry);
  }
  if (area === "admin") {
    const contentType = req.headers["content-type"];
    return write(res, handleAdmin(parts.admin, parts.info(), method, pathname.slice("/_emulator".length), searchParams, contentType, body.text));
  }

  if (parts.settings.latencyMs > 0) await parts.clock.sleep(parts.settings.latencyMs);
  const fault = parts.faults.take(method, path);
  if (fault?.delayMs) await parts.clock.sleep(fault.delayMs);
  if (fault?.untilClientGone && !req.socket.destroyed) await new Promise((resolve) => res.once("close", resolve));
  if (fault && !fault.afterProcessing && (fault.reset || fault.status !== undefined)) {
    if (fault.reset) return void req.socket.destroy();
    return write(res, faultAnswer(fault, requestId, area === "rest"), entry);
  }

  let answer: HttpAnswer;
  if (area === "rest") {
    const verdict = parts.limiter.check(credentialOf(req.headers.authorization));
    answer = verdict.limited
      ? rateLimited(verdict.resetSeconds, requestId)
      : parts.rest.handle({ method, restPath: path, query, headers: req.headers, body: body.text, requestId });
  } else if (area === "oauth2") {
    const oauth = handleOAuth(parts.state, method, pathname.slice("/oauth2".length), searchParams, req.headers, body.text);
    answer = { ...oauth, headers: { ...oauth.headers, "snyk-request-id": requestId } };
  } else {
    answer = jsonApiError(404, `no endpoint at ${pathname}; REST is under /rest, OAuth2 under /oauth2`, requestId);
  }
  if (fault?.afterProcessing) return void req.socket.destroy();
  write(res, answer, entry);
}

/** A request refused before routing, in the error shape of its area. */
function refusal(area: Area, status: number, detail: string, requestId: string): HttpAnswer {
  if (area === "admin") return adminError(status, detail);
  if (area === "oauth2") {
    const answer = oauthError(status, "invalid_request", detail);
    return { ...answer, headers: { ...answer.headers, "snyk-request-id": requestId } };
  }
  return jsonApiError(status, detail, requestId);
}

function write(res: http.ServerResponse, answer: { status: number; headers: Record<string, string>; body?: string }, entry?: RequestLogEntry): void {
  if (entry) entry.status = answer.status;
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function jsonApiError(status: number, detail: string, requestId: string, headers: Record<string, string> = {}): HttpAnswer {
  return {
    status,
    headers: { "content-type": "application/vnd.api+json", "snyk-request-id": requestId, ...headers },
    body: JSON.stringify(errorDocument(new ApiError(status, [errorObject(status, detail)]).errors)),
  };
}

function rateLimited(resetSeconds: number, requestId: string): HttpAnswer {
  const wait = String(resetSeconds);
  return jsonApiError(429, "too many requests; retry after the rate-limit window resets", requestId, {
    "x-ratelimit-reset": wait,
    "retry-after": wait,
  });
}

function faultAnswer(fault: Fault, requestId: string, isRest: boolean): HttpAnswer {
  const status = fault.status ?? 500;
  if (fault.body !== undefined) {
    const body = typeof fault.body === "string" ? fault.body : JSON.stringify(fault.body);
    const type = typeof fault.body === "string" ? "text/plain" : isRest ? "application/vnd.api+json" : "application/json";
    return { status, headers: { "content-type": type, "snyk-request-id": requestId, ...fault.headers }, body };
  }
  if (!isRest) {
    return {
      status,
      headers: { "content-type": "application/json", "snyk-request-id": requestId, ...fault.headers },
      body: JSON.stringify({ error: status >= 500 ? "server_error" : "invalid_request", error_description: `injected fault ${status}` }),
    };
  }
  return jsonApiError(status, `injected fault ${status}`, requestId, fault.headers);
}
