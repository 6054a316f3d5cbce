import { strict as assert } from "assert";
import type { ClientNotice, RateLimitEvent, RetryEvent } from "../../../provider/client";
import { fastClient, TEST_TOKEN } from "./support/fast-client";
import { ManualClock } from "./support/manual-clock";
import { errorDocument, json, startTestServer, type TestServer } from "./support/test-server";

describe("hooks: what the client tells while it works", () => {
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  afterEach(async () => { await server.close(); });

  function recorder() {
    const seen = { retries: [] as RetryEvent[], limits: [] as RateLimitEvent[], notices: [] as ClientNotice[] };
    return Object.assign(seen, {
      hooks: {
        onRetry: (e: RetryEvent) => seen.retries.push(e),
        onRateLimit: (e: RateLimitEvent) => seen.limits.push(e),
        onNotice: (n: ClientNotice) => seen.notices.push(n),
      },
    });
  }

  it("calls onRetry before each retry wait; a short wait makes no notice", async () => {
    server.handle((_req, res, i) => (i === 0 ? json(res, 503, errorDocument(503, "down")) : json(res, 200, {})));
    const seen = recorder();
    await fastClient(server.url, { ...seen.hooks, clock: new ManualClock({ autoAdvance: true }), random: () => 0.5 }).request("GET", "/orgs/o1");
    assert.deepEqual(seen.retries, [{ method: "GET", path: "/orgs/o1", attempt: 1, reason: "503", delayMs: 0 }]);
    assert.deepEqual(seen.notices, []);
  });

  it("announces a 429 wait: onRetry, onRateLimit and a notice a person can read", async () => {
    server.handle((_req, res, i) => (i === 0 ? json(res, 429, {}, { "retry-after": "2" }) : json(res, 200, {})));
    const seen = recorder();
    await fastClient(server.url, { ...seen.hooks, clock: new ManualClock({ autoAdvance: true }) }).request("GET", "/orgs/o1");
    assert.deepEqual(seen.retries.map((e) => [e.reason, e.delayMs]), [["429", 2000]]);
    assert.deepEqual(seen.limits, [{ source: "429", delayMs: 2000, method: "GET", path: "/orgs/o1" }]);
    assert.deepEqual(seen.notices.map((n) => n.level), ["info", "info"]);
    assert.match(seen.notices[0].message, /GET \/orgs\/o1 failed \(429\); retrying in 2 s/);
    assert.match(seen.notices[1].message, /rate limit was reached \(429\); holding requests for 2 s/);
  });

  it("announces a wait for the client's own request-rate cap", async () => {
    const seen = recorder();
    const clock = new ManualClock({ autoAdvance: true });
    const snyk = fastClient(server.url, { ...seen.hooks, clock, rateLimit: { requests: 1, windowMs: 5000 } });
    await snyk.request("GET", "/a");
    await snyk.request("GET", "/b");
    assert.deepEqual(seen.limits, [{ source: "cap", delayMs: 5000 }]);
    assert.match(seen.notices[0].message, /request-rate cap was reached; holding requests for 5 s/);
  });

  it("warns once when Snyk marks the pinned version deprecated, naming the version and the sunset", async () => {
    const sunset = "Wed, 01 Jul 2026 00:00:00 GMT";
    server.handle((_req, res) => json(res, 200, {}, { deprecation: "true", sunset }));
    const seen = recorder();
    const snyk = fastClient(server.url, { ...seen.hooks, apiVersion: "2024-10-15" });
    await snyk.request("GET", "/orgs/o1");
    await snyk.request("GET", "/orgs/o1/apps/creations");
    assert.equal(seen.notices.length, 1);
    assert.equal(seen.notices[0].level, "warn");
    assert.match(seen.notices[0].message, /REST version 2024-10-15 as deprecated, to be removed on Wed, 01 Jul 2026/);
    assert.match(seen.notices[0].message, /snyk:apiVersion/);
  });

  it("stays silent without deprecation headers", async () => {
    const seen = recorder();
    await fastClient(server.url, seen.hooks).request("GET", "/orgs/o1");
    assert.deepEqual([seen.retries, seen.limits, seen.notices], [[], [], []]);
  });

  it("a hook that throws breaks nothing, and no event or notice holds the token", async () => {
    server.handle((_req, res, i) => (i === 0 ? json(res, 429, {}, { "retry-after": "1" }) : json(res, 200, {}, { deprecation: "true" })));
    const seen: unknown[] = [];
    const boom = (e: unknown) => {
      seen.push(e);
      throw new Error("hook failed");
    };
    const snyk = fastClient(server.url, { clock: new ManualClock({ autoAdvance: true }), onRetry: boom, onRateLimit: boom, onNotice: boom });
    assert.equal((await snyk.request("GET", "/orgs/o1")).status, 200);
    assert.equal(seen.length, 5, "retry, rate limit, two wait notices, the deprecation");
    assert.ok(!JSON.stringify(seen).includes(TEST_TOKEN));
  });
});
