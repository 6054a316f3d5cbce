import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { copyStateWithProvider } from "../../bench/support/replay-state";

describe("bench/support/replay-state", () => {
  it("copies a state file and its key with every resource's __provider replaced, and nothing else changed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replay-"));
    try {
      const statePath = path.join(dir, "state.json");
      const record = (name: string) => ({ name, inputs: { __provider: "sdk text", name }, outputs: { __provider: "sdk text", name, id: "x" } });
      const state = { version: 1, resources: [record("a"), record("b")], pendingDeletes: [record("old")], exports: {} };
      fs.writeFileSync(statePath, JSON.stringify(state));
      fs.writeFileSync(`${statePath}.key`, "key");
      const copyPath = path.join(dir, "copy.json");
      copyStateWithProvider(statePath, copyPath, "bare text");
      const copy = JSON.parse(fs.readFileSync(copyPath, "utf8"));
      const swapped = (r: ReturnType<typeof record>) => ({ ...r, inputs: { ...r.inputs, __provider: "bare text" }, outputs: { ...r.outputs, __provider: "bare text" } });
      assert.deepEqual(copy, { ...state, resources: state.resources.map(swapped), pendingDeletes: state.pendingDeletes.map(swapped) });
      assert.equal(fs.readFileSync(`${copyPath}.key`, "utf8"), "key");
      assert.equal(JSON.parse(fs.readFileSync(statePath, "utf8")).resources[0].inputs.__provider, "sdk text", "the original is untouched");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
