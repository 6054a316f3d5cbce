import { strict as assert } from "assert";
import { timedPhase } from "../../bench/support/timed-phase";
import type { PhaseRun } from "../../bench/support/deployment-phases";

const run = (wallMs: number, requests: number): PhaseRun => ({
  phase: "refresh", resources: 800, wallMs, failures: [], hostStartToFirstCheckMs: 600,
  tally: { requests, rateLimited: 0, failed: 0, byRoute: {}, spanMs: 0 },
});
const bounds = { scenario: "N=200", concurrency: 8, latencyMs: 100, minimum: 8, chain: 4, targets: { requests: 1.05, wall: 1.3 } };

describe("bench/support/timed-phase: wall time against the larger floor", () => {
  it("takes the request floor (rounds, or the chain of pages) when the engine alone is faster", () => {
    const t = timedPhase(run(500, 8), { ...bounds, engineFloorMs: 300 });
    assert.equal(t.requestFloorMs, 400, "four pages one after another");
    assert.equal(t.floorMs, 400);
    assert.equal(t.ratio, 500 / 400);
    assert.equal(t.verdict, "PASS");
  });

  it("takes the engine floor when the do-nothing provider's phase is slower than the requests allow", () => {
    const t = timedPhase(run(2_100, 8), { ...bounds, engineFloorMs: 1_500 });
    assert.equal(t.engineFloorMs, 1_600, "the do-nothing run, plus one round trip: a real step cannot answer sooner");
    assert.equal(t.floorMs, 1_600);
    assert.equal(t.verdict, "FAIL", "2100 / 1600 is past 1.3x");
  });

  it("fails a phase that sends more than the minimum allows, whatever its time", () => {
    const t = timedPhase(run(400, 204), { ...bounds, engineFloorMs: 300 });
    assert.equal(t.requestRatio, 204 / 8);
    assert.equal(t.verdict, "FAIL");
  });

  it("bounds a phase of more requests than a window allows by the client's default limit, Snyk's 1620 a minute", () => {
    const big = { ...run(147_000, 4010), phase: "deploy" as const };
    const t = timedPhase(big, { ...bounds, minimum: 4010, chain: 12, clientRateLimit: { limit: 1620, windowMs: 60_000 }, engineFloorMs: 27_000 });
    assert.equal(t.requestFloorMs, 2 * 60_000 + Math.ceil(770 / 8) * 100, "two full windows, then the last 770 in rounds of 8");
    assert.equal(t.rateLimit, undefined, "the scenario itself set no limit");
    const small = timedPhase(run(500, 8), { ...bounds, clientRateLimit: { limit: 1620, windowMs: 60_000 } });
    assert.equal(small.requestFloorMs, 400, "within one window the limit does not bind");
  });

  it("counts the request floor from the engine's lead: no request goes before the first step", () => {
    const t = timedPhase({ ...run(13_000, 802), phase: "deploy" }, { ...bounds, minimum: 802, chain: 4, engineFloorMs: 3_500, engineLeadMs: 1_400 });
    assert.equal(t.engineLeadMs, 1_400);
    assert.equal(t.requestFloorMs, 1_400 + 10_100);
    assert.equal(t.floorMs, 11_500);
  });
});
