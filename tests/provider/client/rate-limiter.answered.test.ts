import { strict as assert } from "assert";
import { RateLimiter } from "../../../provider/client/rate-limiter";
import { ManualClock } from "./support/manual-clock";

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("rate-limiter: a request counts from its answer", () => {
  it("holds a slot while the request is in flight, and for a window after its answer", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requests: 2, windowMs: 1000 }, clock);
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    let third = false;
    const waiting = limiter.acquire().then((answered) => {
      third = true;
      return answered;
    });
    clock.advance(5000);
    await turn();
    assert.equal(third, false, "both requests are still in flight: no window has started");
    first();
    await until(() => clock.pending === 1);
    clock.advance(999);
    await turn();
    assert.equal(third, false, "the window runs from the answer");
    clock.advance(1);
    (await waiting)();
    second();
    assert.equal(third, true);
  });

  it("lets every request through at once when unlimited, answered or not, without waiting", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requests: Infinity, windowMs: 1000 }, clock);
    const answers = await Promise.all(Array.from({ length: 100 }, () => limiter.acquire()));
    assert.equal(answers.length, 100, "none waited for an earlier one to be answered");
    assert.deepEqual(clock.sleeps, [], "no wait on the clock");
    answers.forEach((answered) => assert.equal(answered(), undefined));
    limiter.pauseUntil(clock.now() + 500);
    const paused = limiter.acquire();
    await until(() => clock.pending === 1);
    clock.advance(500);
    await paused;
    assert.deepEqual(clock.sleeps, [500], "a 429 pause holds even an unlimited client");
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await turn();
  assert.ok(condition(), "condition not reached");
}
