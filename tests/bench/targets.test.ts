import { strict as assert } from "assert";
import { targetsOf } from "../../bench/support/targets";
import type { BenchResults } from "../../bench/support/results";
import type { TimedPhase } from "../../bench/support/timed-phase";
import { formatMarkdown, formatText } from "../../bench/support/text-table";

const phase = (over: Partial<TimedPhase>): TimedPhase => ({
  scenario: "N=50", phase: "deploy", resources: 100, requests: 100, concurrency: 8, latencyMs: 100, wallMs: 1400, floorMs: 1300,
  ratio: 1400 / 1300, target: 1.25, failures: 0, rateLimitedSeen: 0, rateLimitedToUser: 0, requestsByRoute: {}, hostStartToFirstCheckMs: 1000, ...over,
});

function results(timed: TimedPhase[], providerBytes = 4000): Omit<BenchResults, "targets"> {
  return {
    date: "2026-01-01T00:00:00.000Z", command: "npm run bench", machine: { cpus: 2, node: "v20", platform: "linux x64", loadAverage: 0 },
    definitions: { concurrencyFloor: "", rateLimitFloor: "", wallTime: "" },
    operations: [
      { resource: "SnykApp", operation: "create", requests: 1, minimum: 1, verdict: "PASS" },
      { resource: "SnykAppInstall", operation: "create", requests: 2, minimum: 1, verdict: "FAIL" },
    ],
    timed,
    footprint: {
      serializedProviderBytes: { SnykApp: providerBytes },
      serializedProviderTargetBytes: 8192,
      statePerResource: { fileBytes: 0, resources: 0, bytesPerResource: 0, byKind: {} },
      hostStartToFirstCheckMs: { median: 1, max: 1, samples: 1 },
    },
  };
}

describe("bench targets", () => {
  it("checks each target: operations at the minimum, ratios, failures under the rate limit, provider size", () => {
    const rated = { limit: 54, windowMs: 2000 };
    const targets = targetsOf(results([
      phase({}),
      phase({ phase: "destroy", target: undefined }),
      phase({ scenario: "rate", rateLimit: rated, target: 1.15, ratio: 1.1, failures: 1, rateLimitedToUser: 1 }),
    ]));
    const verdict = (name: string) => targets.find((t) => t.name === name)?.verdict;
    assert.equal(verdict("requests per operation at the minimum"), "FAIL");
    assert.equal(verdict("  SnykAppInstall create"), "FAIL");
    assert.equal(verdict("N=50 deploy: wall / floor"), "PASS");
    assert.equal(targets.some((t) => t.name.startsWith("N=50 destroy")), false, "no target, no verdict");
    assert.equal(verdict("rate deploy: failures, 429s reaching the user"), "FAIL");
    assert.equal(verdict("rate deploy: wall / floor"), "PASS");
    assert.equal(verdict("serialized provider, SnykApp"), "PASS");
    assert.equal(targetsOf(results([], 8192)).find((t) => t.name === "serialized provider, SnykApp")?.verdict, "FAIL");
  });

  it("formats tables as aligned text and as markdown", () => {
    const table = { header: ["name", "n"], rows: [["a|b", "10"], ["long name", "2"]] };
    assert.equal(formatText(table), "name        n\n---------  --\na|b        10\nlong name   2");
    assert.equal(formatMarkdown(table), "| name | n |\n|---|---|\n| a\\|b | 10 |\n| long name | 2 |");
  });
});
