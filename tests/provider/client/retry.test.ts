import { strict as assert } from "assert";
import {
  SnykConnectionError, SnykRateLimitError, SnykServerError, SnykTimeoutError,
} from "../../../provider/client";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryable, nextRetry, retryPolicy } from "../../../provider/client/retry";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { caught, fastClient } from "./support/fast-client";
import { ManualClock } from "./support/manual-clock";
import { dropConnection, errorDocument, json, refusedUrl, startTestServer, until, type TestServer } from "./support/test-server";

describe("retry", () => {
  describe("policy", () => {
    const policy = DEFAULT_RETRY_POLICY;

    it("retries GET and DELETE on 429, 5xx, timeouts and resets; never on the doNotRetry statuses", () => {
      for (const method of ["GET", "DELETE"]) {
        for (const status of [429, 500, 502, 503, 504]) assert.ok(isRetryable(policy, method, { status }), `${method} ${status}`);
        for (const status of [400, 401, 403, 404, 409, 410, 422, 501]) assert.ok(!isRetryable(policy, method, { status }), `${method} ${status}`);
        for (const failure of ["refused", "reset", "timeout", "dns-retryable"] as const) assert.ok(isRetryable(policy, method, { failure }));
        assert.ok(!isRetryable(policy, method, { failure: "unreachable" }));
      }
    });

    it("retries POST and PATCH only when the request provably was not processed", () => {
      for (const method of ["POST", "PATCH"]) {
        assert.ok(isRetryable(policy, method, { status: 429 }));
        assert.ok(isRetryable(policy, method, { failure: "refused" }));
        for (const status of [500, 502, 503, 504]) assert.ok(!isRetryable(policy, method, { status }), `${method} ${status}`);
        assert.ok(!isRetryable(policy, method, { failure: "reset" }));
        assert.ok(!isRetryable(policy, method, { failure: "timeout" }));
      }
    });

    it("backs off exponentially with full jitter under the cap", () => {
      const p = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
      assert.deepEqual([1, 2, 3, 4, 5, 6].map((a) => backoffDelayMs(p, a, () => 0.999999)), [99, 199, 399, 799, 999, 999]);
      assert.equal(backoffDelayMs(p, 3, () => 0), 0);
    });

    it("bounds attempts and total time, and lets the server's wait replace the backoff", () => {
      const p = retryPolicy({ maxAttempts: 3, maxTotalMs: 1000, baseDelayMs: 10 });
      const failed = { method: "GET", outcome: { status: 503 }, elapsedMs: 0 };
      assert.deepEqual(nextRetry(p, { ...failed, attempt: 1, serverWaitMs: 700 }), { retry: true, delayMs: 700 });
      assert.equal(nextRetry(p, { ...failed, attempt: 3 }).retry, false);
      assert.equal(nextRetry(p, { ...failed, attempt: 1, serverWaitMs: 1500 }).retry, false);
      assert.equal(nextRetry(p, { ...failed, attempt: 1, elapsedMs: 995 }, () => 0.9).retry, false);
      assert.equal(nextRetry(p, { ...failed, outcome: { status: 404 }, attempt: 1 }).retry, false);
    });

    it("keeps defaults for options left undefined", () => {
      assert.equal(retryPolicy({ maxAttempts: undefined }).maxAttempts, DEFAULT_RETRY_POLICY.maxAttempts);
    });
  });

  describe("against a server", () => {
    let server: TestServer;
    beforeEach(async () => { server = await startTestServer(); });
    afterEach(async () => { await server.close(); });

    const ok = (res: any) => json(res, 200, { data: { id: "a1" } });

    it("waits for Retry-After (seconds) on 429, then succeeds", async () => {
      server.handle((_req, res, i) => (i === 0 ? json(res, 429, errorDocument(429, "slow down"), { "retry-after": "3" }) : ok(res)));
      const clock = new ManualClock({ autoAdvance: true });
      const snyk = fastClient(server.url, { clock });
      assert.equal((await snyk.request("GET", "/orgs/o1")).status, 200);
      assert.deepEqual(clock.sleeps, [3000]);
      assert.deepEqual(snyk.stats, { requests: 2, retries: 1 });
    });

    it("waits for Retry-After given as an HTTP date", async () => {
      const clock = new ManualClock({ autoAdvance: true, start: Date.parse("2025-01-01T00:00:00Z") });
      server.handle((_req, res, i) => (i === 0 ? json(res, 429, {}, { "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" }) : ok(res)));
      await fastClient(server.url, { clock }).request("GET", "/orgs/o1");
      assert.deepEqual(clock.sleeps, [5000]);
    });

    it("waits for X-RateLimit-Reset, read as seconds to wait or as an epoch time", async () => {
      const clock = new ManualClock({ autoAdvance: true });
      const epochReset = String(Math.floor(clock.now() / 1000) + 4);
      server.handle((_req, res, i) => {
        if (i === 0) return json(res, 429, {}, { "x-ratelimit-reset": "2" });
        if (i === 2) return json(res, 429, {}, { "x-ratelimit-reset": epochReset });
        ok(res);
      });
      const snyk = fastClient(server.url, { clock });
      await snyk.request("GET", "/a");
      await snyk.request("GET", "/b");
      assert.equal(clock.sleeps[0], 2000);
      assert.ok(clock.sleeps[1] > 1000 && clock.sleeps[1] <= 4000, String(clock.sleeps[1]));
      assert.equal(server.requests.length, 4);
    });

    it("gives up on 429 when the requested wait passes the time budget", async () => {
      server.handle((_req, res) => json(res, 429, {}, { "retry-after": "3600" }));
      const clock = new ManualClock({ autoAdvance: true });
      const error = await caught(() => fastClient(server.url, { clock, retry: { maxTotalMs: 60_000 } }).request("GET", "/a"));
      assert.ok(error instanceof SnykRateLimitError);
      assert.equal(error.retryAfterMs, 3_600_000);
      assert.deepEqual(clock.sleeps, []);
      assert.equal(server.requests.length, 1);
    });

    it("retries a GET after 503 and succeeds", async () => {
      server.handle((_req, res, i) => (i < 2 ? json(res, 503, errorDocument(503, "unavailable")) : ok(res)));
      const snyk = fastClient(server.url);
      assert.equal((await snyk.request("GET", "/orgs/o1")).status, 200);
      assert.deepEqual(snyk.stats, { requests: 3, retries: 2 });
    });

    it("retries a GET whose connection was reset, and succeeds", async () => {
      server.handle((_req, res, i) => (i === 0 ? dropConnection(res) : ok(res)));
      assert.equal((await fastClient(server.url).request("GET", "/orgs/o1")).status, 200);
      assert.equal(server.requests.length, 2);
    });

    it("retries a DELETE after a timeout, and succeeds", async () => {
      const clock = new ManualClock();
      server.handle((_req, res, i) => (i === 0 ? undefined : ok(res)));
      const call = fastClient(server.url, { clock, timeoutMs: 50 }).request("DELETE", "/orgs/o1/apps/creations/a1");
      await until(() => server.requests.length === 1 && clock.timeouts === 1);
      clock.advance(50); // the first attempt times out on the client's clock
      await until(() => clock.pending === 1); // the backoff
      clock.advance(5);
      assert.equal((await call).status, 200);
      assert.equal(server.requests.length, 2);
    });

    it("does not retry a POST whose connection was reset after it was processed", async () => {
      server.handle((_req, res) => dropConnection(res));
      const error = await caught(() => fastClient(server.url).request("POST", "/orgs/o1/apps/creations", { body: { data: {} } }));
      assert.ok(error instanceof SnykConnectionError);
      assert.equal(server.requests.length, 1);
    });

    it("does not retry a POST or PATCH answered 503 or timing out", async () => {
      server.handle((req, res) => (req.method === "PATCH" ? undefined : json(res, 503, errorDocument(503, "down"))));
      const clock = new ManualClock();
      const snyk = fastClient(server.url, { clock, timeoutMs: 50 });
      assert.ok(await caught(() => snyk.request("POST", "/orgs/o1/apps/creations", { body: {} })) instanceof SnykServerError);
      const patch = caught(() => snyk.request("PATCH", "/orgs/o1/apps/creations/a1", { body: {} }));
      await until(() => server.requests.length === 2 && clock.timeouts === 1);
      clock.advance(50);
      assert.ok(await patch instanceof SnykTimeoutError);
      assert.equal(server.requests.length, 2);
      assert.equal(snyk.stats.retries, 0);
    });

    it("retries a POST answered 429 (Snyk did not process it)", async () => {
      server.handle((_req, res, i) => (i === 0 ? json(res, 429, {}, { "retry-after": "0" }) : json(res, 201, { data: { id: "a1" } })));
      const res = await fastClient(server.url).request("POST", "/orgs/o1/apps/creations", { body: { data: {} } });
      assert.equal(res.status, 201);
      assert.equal(server.requests.length, 2);
    });

    it("retries a POST whose connection was refused (nothing was sent)", async () => {
      const snyk = fastClient(await refusedUrl());
      assert.ok(await caught(() => snyk.request("POST", "/orgs/o1/apps/creations", { body: {} })) instanceof SnykConnectionError);
      assert.deepEqual(snyk.stats, { requests: 3, retries: 2 });
    });

    it("never retries the doNotRetry statuses", async () => {
      for (const status of [400, 401, 403, 404, 409, 410, 422]) {
        server.handle((_req, res) => json(res, status, errorDocument(status, "no")));
        const snyk = fastClient(server.url);
        await caught(() => snyk.request("GET", "/a"));
        assert.equal(snyk.stats.requests, 1, String(status));
      }
    });
  });

  describe("against the emulator", () => {
    let emulator: RunningEmulator;
    before(async () => { emulator = await startEmulator(); });
    after(async () => { await emulator.close(); });
    beforeEach(() => { emulator.admin.clearFaults(); emulator.admin.clearLog(); });
    const creations = () => `/orgs/${emulator.orgId}/apps/creations`;
    const create = (name: string) => ({ data: { type: "app", attributes: { name, redirect_uris: ["https://example.com/cb"], scopes: ["apps:beta"], context: "tenant" } } });
    const named = (name: string) => emulator.admin.listApps(emulator.orgId).filter((a) => a.name === name);

    it("retries a GET through a reset and two 503s", async () => {
      emulator.admin.injectFault({ method: "GET", path: creations(), reset: true });
      emulator.admin.injectFault({ method: "GET", path: creations(), status: 503, times: 2 });
      const snyk = fastClient(emulator.url, { token: emulator.token, retry: { maxAttempts: 4 } });
      assert.equal((await snyk.request("GET", creations())).status, 200);
      assert.deepEqual(emulator.admin.requestLog.map((e) => e.status), [0, 503, 503, 200]);
    });

    it("does not repeat a create whose answer was lost after Snyk processed it", async () => {
      emulator.admin.injectFault({ method: "POST", path: creations(), afterProcessing: true });
      const snyk = fastClient(emulator.url, { token: emulator.token });
      const error = await caught(() => snyk.request("POST", creations(), { body: create("lost-answer") }));
      assert.ok(error instanceof SnykConnectionError);
      assert.equal(named("lost-answer").length, 1);
      assert.equal(emulator.admin.requestLog.length, 1);
    });

    it("repeats a create refused with 429, making exactly one app", async () => {
      emulator.admin.injectFault({ method: "POST", path: creations(), status: 429, headers: { "retry-after": "0" } });
      const snyk = fastClient(emulator.url, { token: emulator.token });
      assert.equal((await snyk.request("POST", creations(), { body: create("after-429") })).status, 201);
      assert.equal(named("after-429").length, 1);
      assert.deepEqual(emulator.admin.requestLog.map((e) => e.status), [429, 201]);
    });
  });
});
