import { strict as assert } from "assert";
import { oneRunPerPhase, PhaseRun } from "../../bench/support/deployment-phases";

const run = (phase: PhaseRun["phase"], wallMs: number, failed = false): PhaseRun => ({
  phase, resources: 8, wallMs, hostStartToFirstCheckMs: 500,
  failures: failed ? [{ op: "read", urn: "u", message: "boom" }] as PhaseRun["failures"] : [],
  tally: { requests: 1, rateLimited: 0, failed: 0, byRoute: {}, spanMs: 0 },
});

describe("bench/support/deployment-phases", () => {
  it("keeps one run per phase in order: the median wall time of a repeated phase", () => {
    const kept = oneRunPerPhase([run("deploy", 10), run("refresh", 30), run("refresh", 10), run("refresh", 20), run("destroy", 5)]);
    assert.deepEqual(kept.map((r) => [r.phase, r.wallMs]), [["deploy", 10], ["refresh", 20], ["destroy", 5]]);
  });

  it("reports a failed run of a phase rather than a median that hides it", () => {
    const kept = oneRunPerPhase([run("refresh", 10), run("refresh", 50, true), run("refresh", 20)]);
    assert.equal(kept[0].failures.length, 1);
  });
});
