import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as sinon from "sinon";
import { formatEvent, HarnessEvent, ProgramHarness } from "../../harness/program-harness";
import { ProviderHost, startProviderHost } from "../../harness/provider-host";
import { Counter } from "./fixtures/counter";
import { CounterRecord } from "./fixtures/counter-provider";

const urn = (name: string) => `urn:pulumi:dev::counter::pulumi-nodejs:dynamic/counter:Counter::${name}`;

/** Two counters, b named after a, exporting a's secret token. */
function twoCounters(countA: number, suffix = "-b") {
  return () => {
    const a = new Counter("a", { name: "a", count: countA });
    const b = new Counter("b", { name: pulumi.interpolate`${a.name}${suffix}`, count: 1 });
    return { token: a.token, bName: b.name, greeting: a.greeting };
  };
}

describe("program-harness", () => {
  let dir: string;
  let storePath: string;
  let statePath: string;
  let events: HarnessEvent[];
  let host: ProviderHost;
  let harness: ProgramHarness;
  const config = () => ({ "counter:storePath": storePath, "counter:greeting": "hi" });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-harness-"));
    storePath = path.join(dir, "store.json");
    // One host for the file (the store path is fixed); one test below spawns its own hosts.
    host = await startProviderHost({ cwd: dir, project: "counter", config: config() });
  });

  after(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(function () {
    fs.rmSync(storePath, { force: true });
    statePath = path.join(dir, `${this.currentTest!.title.replace(/\W+/g, "-")}.json`);
    events = [];
    harness = new ProgramHarness({ statePath, project: "counter", stack: "dev", cwd: dir, host, onEvent: (e) => events.push(e) });
  });

  const store = (): Record<string, CounterRecord> => (fs.existsSync(storePath) ? JSON.parse(fs.readFileSync(storePath, "utf8")) : {});
  const stateOf = (name: string) => harness.state().resources.find((r) => r.name === name);

  it("goes through up, up with an update, up with a replacement, refresh with drift and destroy", async () => {
    const first = await harness.up(twoCounters(1));
    assert.deepStrictEqual(first.failures, []);
    assert.deepStrictEqual(first.created, [urn("a"), urn("b")]);
    assert.strictEqual(Object.keys(store()).length, 2);
    const a = stateOf("a")!;
    assert.strictEqual(first.outputs.token, store()[a.id].token, "outputs are fed back into the program");
    assert.strictEqual(first.outputs.bName, "a-b");
    assert.strictEqual(first.outputs.greeting, "hi", "stack config reaches the provider");
    assert.deepStrictEqual(first.secretOutputs, ["token"], "a secret output stays secret in the exports");
    assert.deepStrictEqual(stateOf("b")!.dependencies, [urn("a")]);

    const again = await harness.up(twoCounters(1));
    assert.deepStrictEqual([again.same, again.created, again.updated], [[urn("a"), urn("b")], [], []]);

    const updated = await harness.up(twoCounters(2));
    assert.deepStrictEqual([updated.updated, updated.same], [[urn("a")], [urn("b")]]);
    assert.strictEqual(store()[a.id].count, 2);
    assert.strictEqual(store()[a.id].revision, 2);

    const oldB = stateOf("b")!.id;
    const replaced = await harness.up(twoCounters(2, "-renamed"));
    assert.deepStrictEqual(replaced.replaced, [urn("b")]);
    const newB = stateOf("b")!.id;
    assert.notStrictEqual(newB, oldB);
    assert.strictEqual(store()[oldB], undefined, "the old object was deleted");
    assert.strictEqual(store()[newB].name, "a-renamed");

    const drifted = store();
    drifted[a.id].count = 9;
    delete drifted[newB];
    fs.writeFileSync(storePath, JSON.stringify(drifted));
    const refreshed = await harness.refresh();
    assert.deepStrictEqual(refreshed.failures, []);
    assert.deepStrictEqual(refreshed.changes, [
      { urn: urn("a"), change: "updated" },
      { urn: urn("b"), change: "deleted" },
    ]);
    assert.strictEqual(stateOf("a")!.outputs.count, 9);
    assert.strictEqual(stateOf("a")!.inputs.count, 9, "inputs returned by read replace the old ones");
    assert.strictEqual(stateOf("b"), undefined);

    const destroyed = await harness.destroy();
    assert.deepStrictEqual(destroyed, { deleted: [urn("a")], failures: [] });
    assert.deepStrictEqual(store(), {});
    assert.deepStrictEqual(harness.state().resources, []);
  });

  it("spawns a host per operation with the stack config, and keeps secret outputs out of the state file", async () => {
    const spawning = new ProgramHarness({ statePath, project: "counter", stack: "dev", cwd: dir, config: config() });
    const result = await spawning.up(twoCounters(1));
    assert.deepStrictEqual(result.failures, []);
    const token = String(result.outputs.token);
    const text = fs.readFileSync(statePath, "utf8");
    assert.ok(token.length > 0);
    assert.ok(!text.includes(token), "the token is not in the state file");
    assert.match(text, /"ciphertext": "v1:/);
    assert.strictEqual(stateOf("a")!.outputs.token, token);
    assert.deepStrictEqual(stateOf("a")!.secretOutputs, ["token"]);
  });

  it("previews without creating anything, with unknown inputs reaching check", async () => {
    const preview = await harness.up(
      () => {
        const a = new Counter("a", { name: "a", count: 1 });
        new Counter("b", { name: a.token, count: 1 });
      },
      { preview: true },
    );
    assert.deepStrictEqual(preview.failures, []);
    assert.deepStrictEqual(preview.created, [urn("a"), urn("b")]);
    assert.deepStrictEqual(store(), {});
    assert.ok(!fs.existsSync(statePath));
    assert.deepStrictEqual(events.map((e) => `${e.op}:${e.status}`), ["create:planned", "create:planned"]);

    await harness.up(twoCounters(1));
    const planned = await harness.up(twoCounters(5, "-new"), { preview: true });
    assert.deepStrictEqual([planned.updated, planned.replaced], [[urn("a")], [urn("b")]]);
    assert.strictEqual(Object.values(store()).find((r) => r.name === "a")!.count, 1, "nothing changed");
  });

  it("reports check failures and does not create the resource or its dependents", async () => {
    const result = await harness.up(() => {
      const bad = new Counter("bad", { name: "bad", count: -1 });
      new Counter("dependent", { name: bad.name, count: 1 });
    });
    assert.strictEqual(result.failures.length, 1, JSON.stringify(result.failures));
    assert.deepStrictEqual(result.failures[0].op, "check");
    assert.deepStrictEqual(result.failures[0].reasons, ["count: count must be a number >= 0"]);
    assert.deepStrictEqual(result.created, []);
    assert.deepStrictEqual(store(), {});
  });

  it("records a resource that failed to initialise and updates it on the next up", async () => {
    const failed = await harness.up(() => {
      new Counter("a", { name: "a", count: 1, failInit: true });
    });
    assert.strictEqual(failed.failures.length, 1);
    assert.deepStrictEqual(failed.failures[0].reasons, ["not ready"]);
    const recorded = stateOf("a")!;
    assert.deepStrictEqual(recorded.initErrors, ["not ready"]);
    assert.ok(store()[recorded.id], "the created object is in state, not orphaned");

    const fixed = await harness.up(() => {
      new Counter("a", { name: "a", count: 1 });
    });
    assert.deepStrictEqual([fixed.failures, fixed.updated], [[], [urn("a")]]);
    assert.strictEqual(stateOf("a")!.initErrors, undefined);
    assert.strictEqual(stateOf("a")!.id, recorded.id);
  });

  it("deletes resources the program no longer registers, dependents first", async () => {
    await harness.up(() => {
      const a = new Counter("a", { name: "a", count: 1 });
      const b = new Counter("b", { name: "b", count: 1 }, { dependsOn: [a] });
      new Counter("c", { name: "c", count: 1 }, { dependsOn: [b] });
    });
    events = [];
    const result = await harness.up(() => {
      new Counter("a", { name: "a", count: 1 });
    });
    assert.deepStrictEqual(result.deleted, [urn("c"), urn("b")]);
    assert.deepStrictEqual(Object.values(store()).map((r) => r.name), ["a"]);
    assert.deepStrictEqual(events.map(formatEvent), [
      "    counter:Counter a unchanged",
      " -  counter:Counter c deleting",
      " -  counter:Counter c deleted",
      " -  counter:Counter b deleting",
      " -  counter:Counter b deleted",
    ]);
  });

  it("refuses to delete a protected resource", async () => {
    await harness.up(() => {
      new Counter("kept", { name: "kept", count: 1 }, { protect: true });
    });
    const result = await harness.destroy();
    assert.deepStrictEqual(result.deleted, []);
    assert.match(result.failures[0].message, /protected/);
    assert.strictEqual(Object.keys(store()).length, 1);
  });

  it("replaces create-then-delete by default and delete-then-create when asked", async () => {
    const program = (name: string, deleteFirst: boolean) => () => {
      new Counter("r", { name, count: 1, deleteFirst });
    };
    await harness.up(program("r1", false));
    const create = sinon.spy(host, "create");
    const remove = sinon.spy(host, "delete");
    try {
      await harness.up(program("r2", false));
      assert.ok(create.calledBefore(remove), "the replacement is created first");
      create.resetHistory();
      remove.resetHistory();
      const result = await harness.up(program("r3", true));
      assert.deepStrictEqual(result.replaced, [urn("r")]);
      assert.ok(remove.calledBefore(create), "deleteBeforeReplace deletes the old object first");
      assert.deepStrictEqual(Object.values(store()).map((r) => r.name), ["r3"]);
    } finally {
      create.restore();
      remove.restore();
    }
  });

  it("reports an error of the program itself and then deletes nothing", async () => {
    await harness.up(twoCounters(1));
    const result = await harness.up(() => {
      throw new Error("bug in the program");
    });
    assert.deepStrictEqual(result.failures.map((f) => [f.op, f.message]), [["program", "bug in the program"]]);
    assert.deepStrictEqual(result.deleted, []);
    assert.strictEqual(Object.keys(store()).length, 2);
    assert.strictEqual(harness.state().resources.length, 2);
  });
});
