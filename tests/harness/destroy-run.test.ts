import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProgramHarness } from "../../harness/program-harness";
import { ProviderHost, startProviderHost } from "../../harness/provider-host";
import { Counter } from "./fixtures/counter";
import { CounterRecord } from "./fixtures/counter-provider";

const urn = (name: string) => `urn:pulumi:dev::counter::pulumi-nodejs:dynamic/counter:Counter::${name}`;

describe("destroy-run", () => {
  let dir: string;
  let storePath: string;
  let host: ProviderHost;
  let harness: ProgramHarness;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "destroy-run-"));
    storePath = path.join(dir, "store.json");
    host = await startProviderHost({ cwd: dir, project: "counter", config: { "counter:storePath": storePath } });
  });
  after(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(function () {
    for (const file of [storePath, `${storePath}.fail-delete`]) fs.rmSync(file, { force: true });
    const statePath = path.join(dir, `${this.currentTest!.title.replace(/\W+/g, "-").slice(0, 80)}.json`);
    harness = new ProgramHarness({ statePath, project: "counter", stack: "dev", cwd: dir, host });
  });

  const store = (): Record<string, CounterRecord> => JSON.parse(fs.readFileSync(storePath, "utf8"));

  it("refuses a protected resource with the CLI's error, and retains a retainOnDelete one without calling Delete", async () => {
    await harness.up(() => {
      new Counter("kept", { name: "kept", count: 1 }, { protect: true });
      new Counter("retained", { name: "retained", count: 1 }, { retainOnDelete: true });
    });
    const result = await harness.destroy();
    assert.deepStrictEqual(result.deleted, [urn("retained")]);
    assert.strictEqual(
      result.failures[0].message,
      `resource "${urn("kept")}" cannot be deleted\nbecause it is protected. To unprotect the resource, either remove the \`protect\` flag ` +
        `from the resource in your Pulumi program and run \`pulumi up\`, or use the command:\n\`pulumi state unprotect '${urn("kept")}'\``,
    );
    assert.deepStrictEqual(Object.values(store()).map((r) => r.name).sort(), ["kept", "retained"], "the retained object is still there");
    assert.deepStrictEqual(harness.state().resources.map((r) => r.name), ["kept"]);
  });

  it("deletes pending deletes too", async () => {
    await harness.up(() => {
      new Counter("r", { name: "r1", count: 1 });
    });
    fs.writeFileSync(`${storePath}.fail-delete`, "");
    await harness.up(() => {
      new Counter("r", { name: "r2", count: 1 });
    });
    assert.strictEqual(harness.state().pendingDeletes?.length, 1);
    fs.rmSync(`${storePath}.fail-delete`);
    const result = await harness.destroy();
    assert.deepStrictEqual(result, { deleted: [urn("r")], failures: [] });
    assert.deepStrictEqual(store(), {});
    assert.deepStrictEqual([harness.state().resources, harness.state().pendingDeletes], [[], undefined]);
  });
});
