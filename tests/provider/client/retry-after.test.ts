import { strict as assert } from "assert";
import { parseReset, parseRetryAfter, serverRequestedWaitMs } from "../../../provider/client/retry-after";

describe("retry-after", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");

  it("reads Retry-After as seconds (whole or fractional) or as an HTTP date", () => {
    assert.equal(parseRetryAfter("2", now), 2000);
    assert.equal(parseRetryAfter("0.25", now), 250);
    assert.equal(parseRetryAfter("Sun, 01 Jun 2025 12:00:30 GMT", now), 30_000);
    assert.equal(parseRetryAfter("Sun, 01 Jun 2025 11:00:00 GMT", now), 0);
    assert.equal(parseRetryAfter("soon", now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it("reads X-RateLimit-Reset as seconds to wait, or as epoch seconds or ms", () => {
    assert.equal(parseReset("42", now), 42_000);
    assert.equal(parseReset(String(now / 1000 + 7), now), 7000);
    assert.equal(parseReset(String(now + 1500), now), 1500);
    assert.equal(parseReset(String(now / 1000 - 7), now), 0);
    assert.equal(parseReset("x", now), undefined);
  });

  it("takes the longest wait among the headers present, and none without them", () => {
    assert.equal(serverRequestedWaitMs({ "retry-after": "1", "x-ratelimit-reset": "5" }, now), 5000);
    assert.equal(serverRequestedWaitMs({ "ratelimit-reset": "3" }, now), 3000);
    assert.equal(serverRequestedWaitMs({ "content-type": "x" }, now), undefined);
  });
});
