/**
 * A small HTTP server on 127.0.0.1, port 0, for client tests that need exact control over each
 * answer: it records every request and counts requests in flight.
 */
import * as http from "http";
import type { AddressInfo } from "net";

/** One request as the server received it. */
export interface ReceivedRequest {
  method: string;
  /** Path without query. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Answers one request; `index` counts from 0 over the server's life. */
export type Handler = (req: ReceivedRequest, res: http.ServerResponse, index: number) => void | Promise<void>;

/** A running test server. */
export interface TestServer {
  /** The origin, e.g. `http://127.0.0.1:54321`. */
  url: string;
  requests: ReceivedRequest[];
  /** Requests received and not yet answered. */
  readonly inFlight: number;
  /** The most requests in flight at once so far. */
  readonly maxInFlight: number;
  /** Replaces the handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** Starts a server; the default handler answers 200 `{data: []}`. */
export async function startTestServer(handler: Handler = (_req, res) => json(res, 200, { data: [] })): Promise<TestServer> {
  let current = handler;
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on("data", (c: Buffer) => chunks.push(c));
    raw.on("end", () => {
      const url = new URL(raw.url ?? "/", "http://localhost");
      const req: ReceivedRequest = {
        method: raw.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: raw.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const index = requests.push(req) - 1;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on("close", () => inFlight--);
      Promise.resolve(current(req, res, index)).catch((e) => {
        if (!res.headersSent) json(res, 500, { errors: [{ status: "500", detail: String(e) }] });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get inFlight() { return inFlight; },
    get maxInFlight() { return maxInFlight; },
    handle(next) { current = next; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Writes a JSON (JSON:API) answer. */
export function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { "content-type": "application/vnd.api+json", ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** A JSON:API error document. */
export function errorDocument(status: number, detail: string, extra: Record<string, unknown> = {}): unknown {
  return { jsonapi: { version: "1.0" }, errors: [{ status: String(status), detail, ...extra }] };
}

/** Drops the connection without answering (the client sees ECONNRESET / socket hang up). */
export function dropConnection(res: http.ServerResponse): void {
  res.socket?.destroy();
}

/** An origin on which nothing listens: connecting to it is refused. */
export async function refusedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Resolves once `condition` holds, polling every few ms (rejects after `timeoutMs`). */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 2));
  }
}
