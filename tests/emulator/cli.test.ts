import * as assert from "assert";
import { parseArgs } from "../../emulator/cli";

describe("cli", () => {
  it("parses --port, --state, --latency, --host and --token", () => {
    assert.deepStrictEqual(parseArgs(["--port", "0", "--state", "s.json", "--latency", "25", "--host", "127.0.0.1", "--token", "t"]), {
      port: 0,
      statePath: "s.json",
      latencyMs: 25,
      host: "127.0.0.1",
      token: "t",
    });
  });
  it("rejects unknown flags and missing values", () => {
    assert.throws(() => parseArgs(["--nope", "1"]), /unknown flag/);
    assert.throws(() => parseArgs(["--port"]), /needs a value/);
  });
});
