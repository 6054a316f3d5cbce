import { strict as assert } from "assert";
import type { ServerResponse } from "http";
import { ConcurrencyLimiter } from "../../../provider/client/concurrency-limiter";
import { fastClient } from "./support/fast-client";
import { dropConnection, json, startTestServer, until, type TestServer } from "./support/test-server";

describe("concurrency-limiter", () => {
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  afterEach(async () => { await server.close(); });

  /** Holds requests until `cap` are in flight (or all `total` have come), then answers them. */
  function holdUntilFull(cap: number, total: number): void {
    const held: ServerResponse[] = [];
    server.handle((_req, res) => {
      held.push(res);
      if (held.length === cap || server.requests.length === total) {
        held.splice(0).forEach((r) => json(r, 200, { data: [] }));
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
    server.handle((_req, res) => dropConnection(res));
    const snyk = fastClient(server.url, { maxConcurrency: 1, retry: { maxAttempts: 1 } });
    await assert.rejects(snyk.request("GET", "/hang"));
    server.handle((_req, res) => json(res, 200, {}));
    await until(() => server.inFlight === 0);
    assert.equal((await snyk.request("GET", "/ok")).status, 200);
  });

  it("starts a task only when a slot is free, and hands the freed slot to the oldest waiter", async () => {
    const limiter = new ConcurrencyLimiter(2);
    const finish: Array<() => void> = [];
    const started: number[] = [];
    const tasks = [0, 1, 2, 3].map((i) => limiter.run(() => new Promise<void>((resolve) => {
      started.push(i);
      finish[i] = resolve;
    })));
    await until(() => started.length === 2);
    assert.deepEqual(started, [0, 1]);
    assert.equal(limiter.active, 2);
    finish[1]();
    await until(() => started.length === 3);
    assert.deepEqual(started, [0, 1, 2], "one freed slot starts one waiter, the oldest");
    assert.equal(limiter.active, 2);
    finish[0]();
    finish[2]();
    await until(() => started.length === 4);
    finish[3]();
    await Promise.all(tasks);
    assert.equal(limiter.active, 0);
  });
});
