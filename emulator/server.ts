/**
 * The HTTP server: `/rest/...` (REST Apps API), `/oauth2/...` (OAuth2), `/_emulator/...` (admin).
 * Latency, scripted faults and the request log apply to REST and OAuth2; the rate limit to REST.
 */
import { randomUUID } from "crypto";
import * as http from "http";
import { AddressInfo } from "net";
import { EmulatorAdmin, EmulatorSettings } from "./admin";
import { handleAdmin } from "./admin-http";
import { credentialOf } from "./auth";
import { ApiError, errorDocument, errorObject } from "./errors";
import { FaultInjector } from "./faults";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { handleOAuth } from "./routes/oauth2";
import { HttpAnswer, RestApi } from "./rest-api";
import { Fault, RequestLogEntry } from "./types";

/** What the server needs from the emulator. */
export interface ServerParts {
  rest: RestApi;
  admin: EmulatorAdmin;
  faults: FaultInjector;
  limiter: RateLimiter;
  log: RequestLog;
  settings: EmulatorSettings;
  state: import("./state").State;
  /** What GET /_emulator/info answers. */
  info: () => object;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts listening; resolves with the origin URL and a close function. */
export async function listen(parts: ServerParts, port: number, host: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      serve(parts, req, res, Buffer.concat(chunks).toString("utf8")).catch(() => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify(errorDocument([errorObject(500, "internal emulator error")])));
      });
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

async function serve(parts: ServerParts, req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://emulator");
  const pathname = url.pathname;
  if (pathname.startsWith("/_emulator/")) {
    return write(res, handleAdmin(parts.admin, parts.info(), method, pathname.slice("/_emulator".length), url.searchParams, body));
  }
  const isRest = pathname.startsWith("/rest/");
  const path = isRest ? pathname.slice("/rest".length) : pathname;
  const requestId = randomUUID();
  const query = Object.fromEntries(url.searchParams);
  const entry: RequestLogEntry = { requestId, method, path, query, status: 0, at: Date.now() };
  if (isRest) entry.operationId = parts.rest.operationOf(method, path)?.operationId;
  parts.log.add(entry);

  if (parts.settings.latencyMs > 0) await sleep(parts.settings.latencyMs);
  const fault = parts.faults.take(method, path);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.untilClientGone && !req.socket.destroyed) await new Promise((resolve) => res.once("close", resolve));
  if (fault && !fault.afterProcessing && (fault.reset || fault.status !== undefined)) {
    if (fault.reset) return void req.socket.destroy();
    return write(res, faultAnswer(fault, requestId, isRest), entry);
  }

  let answer: HttpAnswer;
  if (isRest) {
    const verdict = parts.limiter.check(credentialOf(req.headers.authorization));
    answer = verdict.limited
      ? rateLimited(verdict.resetSeconds, requestId)
      : parts.rest.handle({ method, restPath: path, query, headers: req.headers, body, requestId });
  } else if (pathname.startsWith("/oauth2/")) {
    const oauth = handleOAuth(parts.state, method, pathname.slice("/oauth2".length), url.searchParams, req.headers, body);
    answer = { ...oauth, headers: { ...oauth.headers, "snyk-request-id": requestId } };
  } else {
    answer = jsonApiError(404, `no endpoint at ${pathname}; REST is under /rest, OAuth2 under /oauth2`, requestId);
  }
  if (fault?.afterProcessing) return void req.socket.destroy();
  write(res, answer, entry);
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
