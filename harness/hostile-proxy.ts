/**
 * A hostile proxy on 127.0.0.1, port 0, in front of the emulator: it forwards every request, and
 * for requests matching a rule answers something else instead (before forwarding, or after the
 * emulator processed the request, as a proxy that mangles answers would).
 */
import * as http from "http";
import type { AddressInfo } from "net";

/** What the proxy answers in place of the emulator. */
export interface HostileAnswer {
  status: number;
  contentType?: string;
  headers?: Record<string, string>;
  /** The raw body text. */
  body: string;
  /** Send the headers and the body's first byte, then one more byte every 50 ms, never ending. */
  drip?: boolean;
}

/** The request a dynamic answer is made for. */
export interface HostileRequest {
  path: string;
  query: URLSearchParams;
  /** How many requests this rule answered before. */
  index: number;
}

/** A rule: requests matching `method` and `path` (the full path, `/rest` included) get `answer`. */
export interface HostileRule {
  method?: string;
  path: RegExp;
  /** How many matching requests it applies to (default: all). */
  times?: number;
  /** Forward the request to the emulator first (so it is processed), then answer `answer`. */
  afterProcessing?: boolean;
  answer: HostileAnswer | ((request: HostileRequest) => HostileAnswer);
}

/** A running proxy. */
export interface HostileProxy {
  url: string;
  /** Where requests go (the emulator's origin); set after the emulator starts. */
  target: string;
  /** Requests seen, as `METHOD /path`. */
  seen: string[];
  /** Arms a rule. */
  add(rule: HostileRule): void;
  /** Disarms every rule. */
  clear(): void;
  close(): Promise<void>;
}

/** An HTML login page, as a captive or corporate proxy answers. */
export const HTML_LOGIN: HostileAnswer = { status: 200, contentType: "text/html", body: "<html><body><form>Sign in</form></body></html>" };
/** A JSON:API document whose data is null. */
export const DATA_NULL: HostileAnswer = { status: 200, contentType: "application/vnd.api+json", body: '{"data": null}' };
/** A JSON body without data at all. */
export const NO_DATA: HostileAnswer = { status: 200, contentType: "application/vnd.api+json", body: '{"jsonapi": {"version": "1.0"}}' };
/** A body cut off in the middle. */
export const TRUNCATED: HostileAnswer = { status: 201, contentType: "application/vnd.api+json", body: '{"data": {"type": "app", "id": "' };

/** Starts a proxy; set `target` before sending requests through it. */
export async function startHostileProxy(): Promise<HostileProxy> {
  let rules: Array<HostileRule & { left: number; used: number }> = [];
  const seen: string[] = [];
  const proxy: HostileProxy = {
    url: "",
    target: "",
    seen,
    add(rule) { rules.push({ ...rule, left: rule.times ?? Number.POSITIVE_INFINITY, used: 0 }); },
    clear() { rules = []; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = req.method ?? "GET";
      const url = new URL(req.url ?? "/", "http://x");
      const path = url.pathname;
      seen.push(`${method} ${path}`);
      const rule = rules.find((r) => r.left > 0 && (!r.method || r.method === method) && r.path.test(path));
      let answer: HostileAnswer | undefined;
      if (rule) {
        rule.left--;
        answer = typeof rule.answer === "function" ? rule.answer({ path, query: url.searchParams, index: rule.used }) : rule.answer;
        rule.used++;
      }
      const hostile = () => {
        res.writeHead(answer!.status, { "content-type": answer!.contentType ?? "text/plain", ...answer!.headers });
        if (!answer!.drip) return void res.end(answer!.body);
        res.write(answer!.body.slice(0, 1));
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 50);
        res.on("close", () => clearInterval(timer));
      };
      if (rule && !rule.afterProcessing) return hostile();
      const upstream = http.request(`${proxy.target}${req.url}`, { method, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on("data", (c: Buffer) => body.push(c));
        answer.on("end", () => {
          if (rule) return hostile();
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(body));
        });
      });
      upstream.on("error", () => res.socket?.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
