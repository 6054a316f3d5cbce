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

  it("stops with the last value when the next wait would pass the bound, without taking it", async () => {
    const clock = new ManualClock({ autoAdvance: true });
    let tries = 0;
    const result = await retryUntil(clock, async () => ++tries, () => false, { timeoutMs: 1000, baseDelayMs: 250, maxDelayMs: 5000 });
    // Tries at 0, 250 and 750 ms; a third wait (1000 ms) would end past the 1000 ms bound.
    assert.deepEqual(result, { value: 3, done: false, attempts: 3 });
    assert.deepEqual(clock.sleeps, [250, 500]);
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
