import { strict as assert } from "assert";
import { targetsOf } from "../../bench/support/targets";
import type { BenchResults } from "../../bench/support/results";
import type { TimedPhase } from "../../bench/support/timed-phase";
import { formatMarkdown, formatText } from "../../bench/support/text-table";

const targets = { requests: 1.05, wall: 1.3 };
const phase = (over: Partial<TimedPhase>): TimedPhase => ({
  scenario: "N=200", phase: "deploy", resources: 800, requests: 802, minimum: 802, requestRatio: 1, concurrency: 8, latencyMs: 100,
  wallMs: 11_000, floorMs: 10_100, requestFloorMs: 10_100, ratio: 11_000 / 10_100, targets, failures: 0, rateLimitedSeen: 0, rateLimitedToUser: 0,
  requestsByRoute: {}, hostStartToFirstCheckMs: 1000, ...over,
});

function results(timed: TimedPhase[], providerBytes = 4000, registrationRatio = 1.1): Omit<BenchResults, "targets"> {
  return {
    date: "2026-01-01T00:00:00.000Z", command: "npm run bench", machine: { cpus: 2, node: "v20", platform: "linux x64", loadAverage: 0 },
    settings: { parallel: 8, clientConcurrency: 8, latencyMs: 100 },
    definitions: { minimum: "", concurrencyFloor: "", rateLimitFloor: "", wallTime: "" },
    timed,
    registration: { count: 10, snykAppMsPerResource: registrationRatio, bareMsPerResource: 1, ratio: registrationRatio, target: 1.5 },
    footprint: {
      serializedProviderBytes: { SnykApp: providerBytes },
      serializedProviderTargetBytes: 8192,
      statePerResource: { fileBytes: 0, resources: 0, bytesPerResource: 0, byKind: {} },
      hostStartToFirstCheckMs: { median: 1, max: 1, samples: 1 },
    },
  };
}

describe("bench targets", () => {
  it("checks each target: requests against the minimum, wall against the floor, failures, the program side, provider size", () => {
    const rated = { limit: 54, windowMs: 2000 };
    const found = targetsOf(results([
      phase({}),
      phase({ phase: "refresh", requests: 300, minimum: 202, requestRatio: 300 / 202, ratio: 1.31 }),
      phase({ scenario: "N=50", phase: "destroy", targets: undefined, ratio: 9 }),
      phase({ scenario: "rate", rateLimit: rated, targets: { requests: 1.05, wall: 1.15 }, ratio: 1.1, failures: 1, rateLimitedToUser: 1 }),
    ]));
    const verdict = (name: string) => found.find((t) => t.name === name)?.verdict;
    assert.equal(verdict("N=200 deploy: requests / minimum"), "PASS");
    assert.equal(verdict("N=200 deploy: wall / floor"), "PASS");
    assert.equal(verdict("N=200 deploy: failures"), "PASS");
    assert.equal(verdict("N=200 refresh: requests / minimum"), "FAIL", "1.49x of the minimum");
    assert.equal(verdict("N=200 refresh: wall / floor"), "FAIL", "1.31x against 1.3x");
    assert.equal(found.some((t) => t.name.startsWith("N=50 destroy")), false, "no target, no verdict");
    assert.equal(verdict("rate deploy: failures, 429s reaching the user"), "FAIL");
    assert.equal(verdict("rate deploy: wall / floor"), "PASS");
    assert.equal(verdict("program side: SnykApp / bare dynamic resource"), "PASS");
    assert.equal(targetsOf(results([], 4000, 1.6)).find((t) => t.name.startsWith("program side"))?.verdict, "FAIL");
    assert.equal(verdict("serialized provider, SnykApp"), "PASS");
    assert.equal(targetsOf(results([], 8192)).find((t) => t.name === "serialized provider, SnykApp")?.verdict, "FAIL");
  });

  it("formats tables as aligned text and as markdown", () => {
    const table = { header: ["name", "n"], rows: [["a|b", "10"], ["long name", "2"]] };
    assert.equal(formatText(table), "name        n\n---------  --\na|b        10\nlong name   2");
    assert.equal(formatMarkdown(table), "| name | n |\n|---|---|\n| a\\|b | 10 |\n| long name | 2 |");
  });
});
