/**
 * The short form of `npm run faults`: each kind of fault at least once, the whole bad-input
 * corpus and the secret-hygiene sweep; every row must pass. Also tests `ProviderHost.kill()`,
 * which the host-kill scenarios use.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { FaultLab } from "../../bench/faults/lab";
import { faultScenarios } from "../../bench/faults/scenarios";
import { runScenario } from "../../bench/faults/scenario";
import { runBadInputs } from "../../bench/faults/bad-input";
import { BAD_INPUTS } from "../../bench/faults/bad-input-corpus";
import { countHits, runHygieneSweep } from "../../bench/faults/hygiene";
import { captureOutput, OutputCapture } from "../../bench/faults/output-capture";
import { startProviderHost } from "../../harness/provider-host";

describe("faults (short form of npm run faults)", function () {
  this.timeout(120_000);
  let lab: FaultLab;
  let capture: OutputCapture;

  before(async () => {
    capture = captureOutput();
    lab = await FaultLab.start();
  });
  after(async () => {
    capture?.stop();
    await lab?.close();
  });

  const scenarios = faultScenarios({ short: true });

  it("covers every kind of fault", () => {
    const kinds = new Set(scenarios.map((s) => s.kind));
    for (const kind of ["429", "5xx", "reset", "timeout", "lost answer", "host killed", "out-of-band delete", "revoked secret", "hostile server", "hostile input"] as const) {
      assert.ok(kinds.has(kind), `no ${kind} scenario in the short run`);
    }
  });

  for (const scenario of scenarios) {
    it(`${scenario.name} loses nothing`, async () => {
      const row = await runScenario(lab, scenario);
      assert.equal(row.verdict, "PASS", `${row.problems.join("; ")} (user saw: ${row.userSaw}; emulator holds ${row.holds})`);
    });
  }

  it(`rejects all ${BAD_INPUTS.length} bad inputs at check, naming the property, with no HTTP request`, async () => {
    assert.ok(BAD_INPUTS.length >= 40);
    const { rows, requests } = await runBadInputs(lab);
    assert.deepEqual(rows.filter((r) => r.verdict === "FAIL"), []);
    assert.equal(requests, 0);
  });

  it("finds no token or client secret anywhere after a faulty up, rotate, refresh and destroy", async () => {
    const result = await runHygieneSweep(lab, capture);
    assert.deepEqual(result.problems, []);
    assert.ok(result.secrets > 10, `only ${result.secrets} secrets were searched for`);
    assert.deepEqual(result.rows.filter((r) => r.hits > 0), []);
    assert.ok(result.rows.every((r) => r.place.includes("provider host") || r.bytes > 0), "a place searched was empty");
  });

  it("the sweep would see a secret that leaked", () => {
    const secret = [...lab.secretsSeen][0];
    assert.equal(countHits(`error: bad secret ${secret} and again ${secret}`, [secret]), 2);
  });
});

describe("ProviderHost.kill()", function () {
  this.timeout(30_000);

  it("ends the host at once: later calls reject", async () => {
    const host = await startProviderHost({ cwd: path.resolve(__dirname, "..", "..", ".."), project: "kill-test" });
    await host.getPluginInfo();
    await host.kill();
    await host.kill();
    await assert.rejects(host.getPluginInfo());
  });
});
