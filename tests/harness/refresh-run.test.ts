import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as sinon from "sinon";
import { ProgramHarness } from "../../harness/program-harness";
import { ProviderHost, startProviderHost } from "../../harness/provider-host";
import { Counter } from "./fixtures/counter";
import { CounterRecord } from "./fixtures/counter-provider";

const urn = (name: string) => `urn:pulumi:dev::counter::pulumi-nodejs:dynamic/counter:Counter::${name}`;

const twoCounters = () => {
  new Counter("a", { name: "a", count: 1 });
  new Counter("b", { name: "b", count: 1 });
};

describe("refresh-run: refresh as the engine decides it", () => {
  let dir: string;
  let storePath: string;
  let statePath: string;
  let host: ProviderHost;
  let harness: ProgramHarness;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "refresh-run-"));
    storePath = path.join(dir, "store.json");
    host = await startProviderHost({ cwd: dir, project: "counter", config: { "counter:storePath": storePath } });
  });

  after(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(function () {
    fs.rmSync(storePath, { force: true });
    statePath = path.join(dir, `${this.currentTest!.title.replace(/\W+/g, "-").slice(0, 80)}.json`);
    harness = new ProgramHarness({ statePath, project: "counter", stack: "dev", cwd: dir, host });
  });

  afterEach(() => sinon.restore());

  const store = (): Record<string, CounterRecord> => JSON.parse(fs.readFileSync(storePath, "utf8"));
  const idOf = (name: string) => harness.state().resources.find((r) => r.name === name)!.id;
  const drift = (change: (records: Record<string, CounterRecord>) => void) => {
    const records = store();
    change(records);
    fs.writeFileSync(storePath, JSON.stringify(records));
  };

  it("reads, then lets Diff(refreshed outputs, recorded inputs) decide: an outputs-only drift is same, an input drift is updated", async () => {
    await harness.up(twoCounters);
    const [a, b] = [idOf("a"), idOf("b")];
    drift((records) => {
      records[a].revision = 41; // an output Diff does not compare
      records[b].count = 7; // an input
    });
    const diff = sinon.spy(host, "diff");
    const result = await harness.refresh();
    assert.deepStrictEqual(result, { changes: [{ urn: urn("a"), change: "same" }, { urn: urn("b"), change: "updated" }], failures: [] });
    const diffOfA = diff.getCalls().find((c) => c.args[1] === urn("a"))!;
    assert.strictEqual(diffOfA.args[2].revision, 41, "olds are the refreshed outputs");
    assert.strictEqual(diffOfA.args[3].count, 1, "news are the recorded inputs");
    assert.strictEqual(harness.state().resources[0].outputs.revision, 41, "the silent drift is stored");
  });

  it("stores the refreshed resources in the order their reads completed, as the engine's snapshot does", async () => {
    await harness.up(twoCounters);
    const read = host.read.bind(host);
    let bDone!: () => void;
    const bRead = new Promise<void>((resolve) => (bDone = resolve));
    sinon.replace(host, "read", async (...args: Parameters<ProviderHost["read"]>) => {
      if (args[1] === urn("a")) await bRead;
      const answer = await read(...args);
      if (args[1] === urn("b")) bDone();
      return answer;
    });
    const result = await harness.refresh();
    assert.deepStrictEqual(result.changes.map((c) => c.urn), [urn("a"), urn("b")], "changes are reported in the old state order");
    assert.deepStrictEqual(harness.state().resources.map((r) => r.name), ["b", "a"]);
  });

  it("fails with expectNoChanges when a step is not same, saves nothing with previewOnly, and drops a vanished resource", async () => {
    await harness.up(twoCounters);
    const before = fs.readFileSync(statePath, "utf8");
    drift((records) => {
      records[idOf("a")].revision = 41;
    });
    assert.deepStrictEqual((await harness.refresh({ previewOnly: true, expectNoChanges: true })).failures, [], "an outputs-only drift passes");
    drift((records) => {
      delete records[idOf("b")];
    });
    const failed = await harness.refresh({ previewOnly: true, expectNoChanges: true });
    assert.deepStrictEqual(failed.changes.map((c) => c.change), ["same", "deleted"]);
    assert.deepStrictEqual(failed.failures, [{ urn: "", op: "refresh", message: "no changes were expected but changes occurred" }]);
    assert.strictEqual(fs.readFileSync(statePath, "utf8"), before, "previewOnly saves nothing");
    await harness.refresh();
    assert.deepStrictEqual(harness.state().resources.map((r) => r.name), ["a"]);
  });

  it("refreshes first with up({refresh: true})", async () => {
    await harness.up(twoCounters);
    drift((records) => {
      records[idOf("b")].count = 7;
    });
    const read = sinon.spy(host, "read");
    const update = sinon.spy(host, "update");
    const result = await harness.up(twoCounters, { refresh: true });
    assert.deepStrictEqual(result.refresh?.changes.map((c) => c.change), ["same", "updated"]);
    assert.ok(read.lastCall.calledBefore(update.firstCall), "reads come before the update");
    assert.deepStrictEqual([result.same, result.updated], [[urn("a")], [urn("b")]], "the refreshed count 7 is set back to 1");
    assert.strictEqual(store()[idOf("b")].count, 1);
  });
});
