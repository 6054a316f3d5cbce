import { strict as assert } from "assert";
import { exponentialDelayMs, retryUntil } from "../../../provider/client/retry-until";
import { ManualClock } from "./support/manual-clock";
import { until } from "./support/test-server";

describe("retry-until", () => {
  it("doubles the wait from the base up to the cap", () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => exponentialDelayMs(250, 1000, n)), [250, 500, 1000, 1000, 1000]);
  });

  it("tries again on the clock until the value is accepted, telling each wait", async () => {
    const clock = new ManualClock({ autoAdvance: true });
    const answers = ["no", "no", "no", "yes"];
    const waits: number[] = [];
    const result = await retryUntil(clock, async () => answers.shift()!, (v) => v === "yes",
      { timeoutMs: 60_000, baseDelayMs: 250, maxDelayMs: 600 }, ({ delayMs }) => waits.push(delayMs));
    assert.deepEqual(result, { value: "yes", done: true, attempts: 4 });
    assert.deepEqual(clock.sleeps, [250, 500, 600]);
    assert.deepEqual(waits, clock.sleeps);
  });

  it("makes its last attempt at the bound itself, not a backoff step before it, then stops with the last value", async () => {
    const clock = new ManualClock({ autoAdvance: true, start: 1_700_000_000_000 });
    let tries = 0;
    const result = await retryUntil(clock, async () => ++tries, () => false, { timeoutMs: 1000, baseDelayMs: 250, maxDelayMs: 5000 });
    // Tries at 0, 250, 750 and 1000 ms: the third wait (1000 ms) is cut to the 250 ms left.
    assert.deepEqual(result, { value: 4, done: false, attempts: 4 });
    assert.deepEqual(clock.sleeps, [250, 500, 250]);
    assert.equal(clock.now(), 1_700_000_001_000);
  });

  it("waits only as the clock moves", async () => {
    const clock = new ManualClock();
    let tries = 0;
    const running = retryUntil(clock, async () => ++tries, (n) => n === 2, { timeoutMs: 10_000, baseDelayMs: 300, maxDelayMs: 300 });
    await until(() => clock.pending === 1);
    clock.advance(299);
    await new Promise((r) => setImmediate(r));
    assert.equal(tries, 1, "no second try before the wait ends");
    clock.advance(1);
    assert.deepEqual(await running, { value: 2, done: true, attempts: 2 });
  });

  it("lets a failing attempt's error through", async () => {
    await assert.rejects(retryUntil(new ManualClock(), async () => { throw new TypeError("boom"); }, () => true,
      { timeoutMs: 1, baseDelayMs: 1, maxDelayMs: 1 }), /boom/);
  });
});
