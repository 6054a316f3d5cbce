/**
 * The client against a hostile server on port 0: 2xx answers that are not what the spec says,
 * bodies without end, bodies that drip, and headers that reflect the token. Every one is a typed
 * error naming the request; none holds the token.
 */
import { strict as assert } from "assert";
import type * as http from "http";
import { inspect } from "util";
import {
  SnykError, SnykMalformedResponseError, SnykNotFoundError, SnykTimeoutError,
} from "../../../provider/client";
import { caught, fastClient, TEST_TOKEN } from "./support/fast-client";
import { TimerClock } from "./support/timer-clock";
import { errorDocument, json, startTestServer, until, type TestServer } from "./support/test-server";

function assertNoToken(error: unknown): void {
  for (const text of [String((error as Error).message), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
    assert.ok(!text.includes(TEST_TOKEN), `token leaked: ${text.slice(0, 300)}`);
  }
}

/** Answers 200 with headers and one byte, then one more byte every few ms, never ending. */
function drip(res: http.ServerResponse, dripped: { bytes: number }): void {
  res.writeHead(200, { "content-type": "application/vnd.api+json" });
  res.write("{");
  dripped.bytes = 1;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(" ");
    dripped.bytes++;
  }, 5);
  res.on("close", () => clearInterval(timer));
}

describe("SnykClient against hostile answers", () => {
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  afterEach(async () => { await server.close(); });

  const garbage: Record<string, (res: http.ServerResponse) => void> = {
    "an HTML page from a proxy": (res) => { res.writeHead(200, { "content-type": "text/html" }); res.end("<html><body>Sign in</body></html>"); },
    "truncated JSON": (res) => { res.writeHead(200, { "content-type": "application/vnd.api+json" }); res.end('{"data": {"id": "a'); },
    "a JSON null": (res) => json(res, 200, null),
    "a JSON array": (res) => json(res, 201, [1, 2]),
  };
  for (const [name, answer] of Object.entries(garbage)) {
    it(`a 2xx with ${name} is a SnykMalformedResponseError naming the request`, async () => {
      server.handle((_req, res) => answer(res));
      const error = await caught(() => fastClient(server.url).request("POST", "/orgs/o1/apps/creations", { body: { data: {} } }));
      assert.ok(error instanceof SnykMalformedResponseError, String(error));
      assert.ok(error instanceof SnykError);
      assert.equal(error.method, "POST");
      assert.equal(error.path, "/orgs/o1/apps/creations");
      assert.match(error.message, /POST \/orgs\/o1\/apps\/creations .*not what the Snyk API specifies/);
      assert.equal(server.requests.length, 1, "a malformed answer to a POST is not retried");
    });
  }

  it("timeoutMs is a deadline over headers and body: a dripping body fails at the deadline", async () => {
    const clock = new TimerClock();
    const dripped = { bytes: 0 };
    server.handle((_req, res) => drip(res, dripped));
    const pending = caught(() => fastClient(server.url, { clock, timeoutMs: 3000, retry: { maxAttempts: 1 } }).request("GET", "/orgs/o1/apps/creations/a1"));
    await until(() => dripped.bytes >= 3); // headers and body bytes are flowing: an idle timeout would never fire
    clock.advance(2999);
    await until(() => dripped.bytes >= 6);
    assert.equal(server.inFlight, 1, "still reading just before the deadline");
    clock.advance(1);
    const error = await pending;
    assert.ok(error instanceof SnykTimeoutError, String(error));
    assert.equal(error.timeoutMs, 3000);
    assert.match(error.message, /GET \/orgs\/o1\/apps\/creations\/a1 within 3000 ms/);
    await until(() => server.inFlight === 0);
    assert.equal(clock.timers, 0);
  });

  it("a deadline's timer is cancelled once the answer is in", async () => {
    const clock = new TimerClock();
    await fastClient(server.url, { clock }).request("GET", "/orgs/o1/apps/creations");
    assert.equal(clock.timers, 0);
  });

  it("a body past the size cap is a typed error, read no further (the server never ends it)", async () => {
    let written = 0;
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/vnd.api+json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    });
    const error = await caught(() => fastClient(server.url, { maxResponseBytes: 1024 * 1024 }).request("GET", "/orgs/o1/apps/creations"));
    assert.ok(error instanceof SnykMalformedResponseError, String(error));
    assert.match(error.message, /larger than 1048576 bytes/);
    assert.equal(server.requests.length, 1);
    assert.ok(written < 64 * 1024 * 1024, `read stopped early (${written} bytes written)`);
  });

  it("a request id header that reflects the token never reaches an error or a response", async () => {
    server.handle((req, res, i) => {
      const headers = { "snyk-request-id": `rid-${TEST_TOKEN}` };
      if (i === 0) return json(res, 404, errorDocument(404, "no such app"), headers);
      if (i === 1) return json(res, 200, "<html>", headers);
      return json(res, 200, { data: { id: "a" }, meta: { echo: String(req.headers.authorization) } }, headers);
    });
    const snyk = fastClient(server.url);
    const notFound = await caught(() => snyk.request("GET", "/orgs/o1/apps/creations/a1"));
    assert.ok(notFound instanceof SnykNotFoundError);
    assert.equal(notFound.requestId, "rid-[REDACTED]");
    assertNoToken(notFound);
    const malformed = await caught(() => snyk.request("GET", "/orgs/o1/apps/creations/a1"));
    assert.ok(malformed instanceof SnykMalformedResponseError);
    assertNoToken(malformed);
    const ok = await snyk.request("GET", "/orgs/o1/apps/creations/a1");
    assert.ok(!JSON.stringify(ok).includes(TEST_TOKEN), "headers and body of a success are scrubbed too");
    assert.equal(ok.requestId, "rid-[REDACTED]");
  });
});
