import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emptyState, loadState, ResourceState, saveState, StackState } from "../../harness/harness-state";
import { SecretBox } from "../../harness/secret-box";

describe("harness-state", () => {
  let dir: string;
  let box: SecretBox;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-state-"));
    box = SecretBox.forKeyFile(path.join(dir, "state.json.key"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const resource: ResourceState = {
    urn: "urn:pulumi:dev::p::t::a",
    type: "t",
    name: "a",
    id: "1",
    inputs: { name: "a", password: "input-secret" },
    outputs: { name: "a", password: "input-secret", clientSecret: "output-secret" },
    secretInputs: ["password"],
    secretOutputs: ["password", "clientSecret"],
    dependencies: [],
    protect: false,
  };

  it("reads a missing file as an empty stack", () => {
    assert.deepStrictEqual(loadState(path.join(dir, "none.json"), box), emptyState());
  });

  it("stores secret inputs, outputs and exports encrypted and reads them back", () => {
    const file = path.join(dir, "state.json");
    const state: StackState = { version: 1, resources: [resource], exports: { s: "export-secret", plain: 1 }, secretExports: ["s"] };
    saveState(file, box, state);
    const text = fs.readFileSync(file, "utf8");
    for (const secret of ["input-secret", "output-secret", "export-secret"]) assert.ok(!text.includes(secret), secret);
    assert.match(text, /"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"/);
    assert.deepStrictEqual(loadState(file, box), state);
  });

  it("stores pending deletes, pending operations and the recorded provider config, secrets encrypted", () => {
    const file = path.join(dir, "state.json");
    const state: StackState = {
      version: 1,
      resources: [],
      exports: {},
      secretExports: [],
      pendingDeletes: [resource],
      pendingOperations: [{ type: "creating", resource }],
      defaultProvider: { urn: "urn:pulumi:dev::p::pulumi:providers:pulumi-nodejs::default", inputs: { "snyk:token": "config-secret", "snyk:orgId": "o" }, secretInputs: ["snyk:token"] },
    };
    saveState(file, box, state);
    const text = fs.readFileSync(file, "utf8");
    for (const secret of ["input-secret", "output-secret", "config-secret"]) assert.ok(!text.includes(secret), secret);
    assert.deepStrictEqual(loadState(file, box), state);
  });
});
