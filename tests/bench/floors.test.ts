import { strict as assert } from "assert";
import { atMost, concurrencyFloorMs, rateLimitFloorMs, ratio } from "../../bench/support/floors";

describe("bench floors", () => {
  it("concurrency floor: requests in rounds of `concurrency`, one latency each", () => {
    assert.equal(concurrencyFloorMs({ requests: 400, concurrency: 8, latencyMs: 100 }), 5000);
    assert.equal(concurrencyFloorMs({ requests: 401, concurrency: 8, latencyMs: 100 }), 5100, "a partial round is a round");
    assert.equal(concurrencyFloorMs({ requests: 0, concurrency: 8, latencyMs: 100 }), 0);
    assert.equal(concurrencyFloorMs({ requests: 8, concurrency: 8, latencyMs: 100, chain: 4 }), 400, "four pages one after another: four rounds");
    assert.equal(concurrencyFloorMs({ requests: 400, concurrency: 8, latencyMs: 100, chain: 3 }), 5000, "a short chain hides in the rounds");
  });

  it("rate floor: the window holding the last request opens, then its requests take their latency", () => {
    const bound = { concurrency: 8, latencyMs: 100, limit: 54, windowMs: 2000 };
    assert.equal(rateLimitFloorMs({ ...bound, requests: 54 }), 700, "one window: only the concurrency bounds it");
    assert.equal(rateLimitFloorMs({ ...bound, requests: 55 }), 2100, "request 55 waits for the second window");
    assert.equal(rateLimitFloorMs({ ...bound, requests: 108 }), 2700);
    assert.equal(rateLimitFloorMs({ ...bound, requests: 400 }), 7 * 2000 + 3 * 100);
  });

  it("rate floor is never below the concurrency floor", () => {
    const requests = 1000;
    const bound = { requests, concurrency: 1, latencyMs: 100, limit: 1000, windowMs: 10 };
    assert.equal(rateLimitFloorMs(bound), concurrencyFloorMs(bound));
  });

  it("refuses nonsense bounds", () => {
    assert.throws(() => concurrencyFloorMs({ requests: 1, concurrency: 0, latencyMs: 100 }), RangeError);
    assert.throws(() => concurrencyFloorMs({ requests: 1.5, concurrency: 8, latencyMs: 100 }), RangeError);
    assert.throws(() => concurrencyFloorMs({ requests: 2, concurrency: 8, latencyMs: 100, chain: 3 }), RangeError);
    assert.throws(() => rateLimitFloorMs({ requests: 1, concurrency: 8, latencyMs: 100, limit: 0, windowMs: 1000 }), RangeError);
  });

  it("ratio and verdict", () => {
    assert.equal(ratio(1250, 1000), 1.25);
    assert.equal(ratio(0, 0), 1);
    assert.equal(ratio(5, 0), Infinity);
    assert.equal(atMost(1.25, 1.25), "PASS");
    assert.equal(atMost(1.26, 1.25), "FAIL");
  });
});
