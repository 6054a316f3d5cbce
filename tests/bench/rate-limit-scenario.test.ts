import { strict as assert } from "assert";
import { scaledLimit, SNYK_REQUESTS_PER_MINUTE } from "../../bench/support/rate-limit-scenario";

describe("bench rate-limit-scenario", () => {
  it("scales Snyk's 1620 a minute to the same rate over a shorter window", () => {
    assert.equal(SNYK_REQUESTS_PER_MINUTE, 1620);
    assert.deepEqual(scaledLimit(2000), { limit: 54, windowMs: 2000 });
    assert.deepEqual(scaledLimit(60_000), { limit: 1620, windowMs: 60_000 });
    assert.deepEqual(scaledLimit(1000), { limit: 27, windowMs: 1000 });
  });
});
