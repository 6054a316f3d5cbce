import { strict as assert } from "assert";
import { startEmulator } from "../../../emulator";
import { fastClient } from "./support/fast-client";
import { ManualClock } from "./support/manual-clock";
import { json, startTestServer, until, type TestServer } from "./support/test-server";

/** Starts the calls and counts those the client has finished (answer processed, slot counted). */
function tracked<T>(calls: Array<Promise<T>>): { calls: Array<Promise<T>>; readonly settled: number } {
  let settled = 0;
  calls.forEach((call) => call.then(() => settled++, () => settled++));
  return { calls, get settled() { return settled; } };
}

describe("rate-limiter", () => {
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  afterEach(async () => { await server.close(); });

  it("sends no more than `requests` requests in any window", async () => {
    const clock = new ManualClock();
    const snyk = fastClient(server.url, { clock, rateLimit: { requests: 5, windowMs: 1000 } });
    const batch = tracked(Array.from({ length: 12 }, (_, i) => snyk.request("GET", `/r/${i}`)));
    // Wait on what the client processed: a window runs from each answer, so all 5 must be in.
    await until(() => batch.settled === 5 && clock.pending === 7);
    clock.advance(999);
    await new Promise((r) => setImmediate(r));
    assert.equal(server.requests.length, 5, "nothing more before the window ends");
    clock.advance(1);
    await until(() => batch.settled === 10 && clock.pending === 2);
    assert.equal(server.requests.length, 10);
    clock.advance(1000);
    await Promise.all(batch.calls);
    assert.equal(server.requests.length, 12);
  });

  it("defaults to Snyk's 1620 requests per minute and takes requestsPerMinute", async () => {
    const clock = new ManualClock();
    const snyk = fastClient(server.url, { clock, requestsPerMinute: 3, maxConcurrency: 50 });
    const batch = tracked(Array.from({ length: 4 }, () => snyk.request("GET", "/r")));
    await until(() => batch.settled === 3 && clock.pending === 1);
    assert.equal(server.requests.length, 3);
    clock.advance(60_000);
    await Promise.all(batch.calls);
    assert.equal(server.requests.length, 4);
  });

  it("pauses the whole client after a 429 until the reset, not just the request that got it", async () => {
    const clock = new ManualClock();
    server.handle((req, res, i) => (i === 0 ? json(res, 429, {}, { "x-ratelimit-reset": "2" }) : json(res, 200, { data: req.path })));
    const snyk = fastClient(server.url, { clock });
    const first = snyk.request("GET", "/first");
    await until(() => clock.pending === 1); // the first request waits out the 429
    const second = snyk.request("GET", "/second");
    await until(() => clock.pending === 2); // the second waits for the pause to end
    assert.equal(server.requests.length, 1, "nothing is sent while paused");
    clock.advance(2000);
    assert.deepEqual([((await first).data as any).data, ((await second).data as any).data], ["/rest/first", "/rest/second"]);
    assert.equal(server.requests.length, 3);
  });

  it("keeps a burst under the emulator's rate limit, so no request gets a 429", async () => {
    const emulator = await startEmulator({ rateLimit: { limit: 5, windowMs: 100 } });
    try {
      // A margin over the server's window absorbs the time between sending and arrival.
      const snyk = fastClient(emulator.url, { token: emulator.token, rateLimit: { requests: 5, windowMs: 160 }, retry: { maxAttempts: 1 } });
      await Promise.all(Array.from({ length: 15 }, () => snyk.request("GET", `/orgs/${emulator.orgId}/apps/creations`)));
      assert.equal(emulator.admin.requestLog.length, 15);
      assert.ok(emulator.admin.requestLog.every((e) => e.status === 200));
    } finally {
      await emulator.close();
    }
  });
});
