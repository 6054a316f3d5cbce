import { strict as assert } from "assert";
import { scaledLimit } from "../../bench/support/rate-limit";
import { DEFAULT_REQUESTS_PER_MINUTE } from "../../provider/client";

describe("bench rate-limit", () => {
  it("scales the client's per-minute limit to the same rate over a shorter window, never above it", () => {
    for (const windowMs of [500, 1000, 2000, 7000, 60_000]) {
      const { limit } = scaledLimit(windowMs);
      const perMinute = (limit * 60_000) / windowMs;
      assert.ok(perMinute <= DEFAULT_REQUESTS_PER_MINUTE, `${limit} per ${windowMs} ms is over the limit`);
      assert.ok(perMinute > DEFAULT_REQUESTS_PER_MINUTE - 60_000 / windowMs, `${limit} per ${windowMs} ms is more than one request under it`);
    }
    assert.deepEqual(scaledLimit(60_000), { limit: DEFAULT_REQUESTS_PER_MINUTE, windowMs: 60_000 });
  });

  it("takes another per-minute rate", () => {
    assert.deepEqual(scaledLimit(2000, 600), { limit: 20, windowMs: 2000 });
  });
});
