import * as assert from "assert";
import { parseArgs } from "../../emulator/cli";
import { startEmulator, WELL_KNOWN_IDS } from "../../emulator";

describe("cli", () => {
  it("parses --port, --state, --latency, --host and --token", () => {
    assert.deepStrictEqual(parseArgs(["--port", "0", "--state", "s.json", "--latency", "25", "--host", "127.0.0.1", "--token", "t"]), {
      port: 0,
      statePath: "s.json",
      latencyMs: 25,
      host: "127.0.0.1",
      token: "t",
      wellKnownIds: true,
    });
  });
  it("seeds the well-known ids unless --random-ids is given", () => {
    assert.equal(parseArgs([]).wellKnownIds, true);
    assert.equal(parseArgs(["--random-ids"]).wellKnownIds, false);
  });
  it("rejects unknown flags and missing values", () => {
    assert.throws(() => parseArgs(["--nope", "1"]), /unknown flag/);
    assert.throws(() => parseArgs(["--port"]), /needs a value/);
  });
  it("uses the well-known ids when asked, and random ones by default", async () => {
    const fixed = await startEmulator({ port: 0, wellKnownIds: true });
    const random = await startEmulator({ port: 0 });
    try {
      assert.equal(fixed.orgId, WELL_KNOWN_IDS.orgId);
      assert.equal(fixed.groupId, WELL_KNOWN_IDS.groupId);
      assert.equal(fixed.brokerApp.appId, WELL_KNOWN_IDS.brokerAppId);
      assert.notEqual(random.orgId, WELL_KNOWN_IDS.orgId);
    } finally {
      await fixed.close();
      await random.close();
    }
  });
});
