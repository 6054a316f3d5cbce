import { strict as assert } from "assert";
import type { ServerResponse } from "http";
import { fastClient } from "./support/fast-client";
import { json, startTestServer, until, type TestServer } from "./support/test-server";

describe("concurrency-limiter", () => {
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  afterEach(async () => { await server.close(); });

  /** Holds requests until `cap` are in flight (or all `total` have come), then answers them after a pause. */
  function holdUntilFull(cap: number, total: number): void {
    const held: ServerResponse[] = [];
    server.handle((_req, res) => {
      held.push(res);
      if (held.length === cap || server.requests.length === total) {
        const batch = held.splice(0);
        // The pause leaves time for a request past the cap to arrive, were the cap broken.
        setTimeout(() => batch.forEach((r) => json(r, 200, { data: [] })), 20);
      }
    });
  }

  it("keeps at most maxConcurrency requests in flight at the server", async () => {
    holdUntilFull(3, 20);
    const snyk = fastClient(server.url, { maxConcurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => snyk.request("GET", `/r/${i}`)));
    assert.equal(server.requests.length, 20);
    assert.equal(server.maxInFlight, 3);
  });

  it("defaults to 8 in flight", async () => {
    holdUntilFull(8, 30);
    const snyk = fastClient(server.url);
    await Promise.all(Array.from({ length: 30 }, () => snyk.request("GET", "/r")));
    assert.equal(server.maxInFlight, 8);
  });

  it("frees a slot when a request fails", async () => {
    server.handle(() => undefined);
    const snyk = fastClient(server.url, { maxConcurrency: 1, timeoutMs: 20, retry: { maxAttempts: 1 } });
    await assert.rejects(snyk.request("GET", "/hang"));
    server.handle((_req, res) => json(res, 200, {}));
    await until(() => server.inFlight === 0);
    assert.equal((await snyk.request("GET", "/ok")).status, 200);
  });
});
