import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as sinon from "sinon";
import { HarnessEvent, ProgramHarness } from "../../harness/program-harness";
import { startProviderHost } from "../../harness/provider-host";
import { Counter } from "./fixtures/counter";

const urn = (name: string) => `urn:pulumi:dev::counter::pulumi-nodejs:dynamic/counter:Counter::${name}`;

describe("operation-journal: runs killed during a provider call", () => {
  let dir: string;
  let statePath: string;
  let config: Record<string, string>;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "operation-journal-"));
    statePath = path.join(dir, "state.json");
    config = { "counter:storePath": path.join(dir, "store.json") };
  });
  afterEach(() => {
    sinon.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const program = (hangCreate: boolean) => () => {
    const done = new Counter("done", { name: "done", count: 1 });
    new Counter("slow", { name: "slow", count: 1, hangCreate }, { dependsOn: [done] });
  };

  it("leaves a pending CREATE that every later up warns about until refresh --clear-pending-creates; the next up creates again", async () => {
    const host = await startProviderHost({ cwd: dir, project: "counter", config });
    const slowCreateStarted = new Promise<void>((resolve) => {
      const create = host.create.bind(host);
      sinon.stub(host, "create").callsFake((u, props) => {
        if (u === urn("slow")) resolve();
        return create(u, props);
      });
    });
    const killed = new ProgramHarness({ statePath, project: "counter", stack: "dev", cwd: dir, host });
    const running = killed.up(program(true));
    await slowCreateStarted;
    assert.deepStrictEqual(killed.state().pendingOperations?.map((op) => [op.type, op.resource.urn]), [["creating", urn("slow")]], "journalled before the call");
    await host.kill();
    const result = await running;
    assert.deepStrictEqual(result.failures.map((f) => [f.urn, f.op]), [[urn("slow"), "create"]]);
    assert.deepStrictEqual(killed.state().pendingOperations?.map((op) => [op.type, op.resource.urn]), [["creating", urn("slow")]]);

    const events: HarnessEvent[] = [];
    const next = await startProviderHost({ cwd: dir, project: "counter", config });
    try {
    const harness = new ProgramHarness({ statePath, project: "counter", stack: "dev", cwd: dir, host: next, onEvent: (e) => events.push(e) });
    const again = await harness.up(program(false));
    assert.deepStrictEqual(again.failures, []);
    assert.deepStrictEqual(again.created, [urn("slow")], "the engine runs Create again; it does not retry by itself");
    assert.match(again.warnings[0], /^Attempting to deploy or update resources with 1 pending operations from previous deployment\.\n {2}\* urn:\S+::slow, interrupted while creating\n/);
    assert.ok(events.some((e) => e.op === "warning" && e.detail === again.warnings[0]));

    assert.strictEqual((await harness.up(program(false))).warnings.length, 1, "still warns");
    await harness.refresh();
    assert.strictEqual((await harness.up(program(false))).warnings.length, 1, "a plain refresh keeps a pending CREATE");
    await harness.refresh({ clearPendingCreates: true });
    assert.deepStrictEqual((await harness.up(program(false))).warnings, []);
    assert.strictEqual(harness.state().pendingOperations, undefined);
    } finally {
      await next.stop();
    }
  });
  it("with checkpoints: \"throttled\" (the bench's) writes the journal with the other writes, and still keeps it when the host is killed", async () => {
    const host = await startProviderHost({ cwd: dir, project: "counter", config });
    const slowCreateStarted = new Promise<void>((resolve) => {
      const create = host.create.bind(host);
      sinon.stub(host, "create").callsFake((u, props) => {
        if (u === urn("slow")) resolve();
        return create(u, props);
      });
    });
    const harness = new ProgramHarness({ statePath, project: "counter", stack: "dev", cwd: dir, host, checkpoints: "throttled", saveIntervalMs: 3_600_000 });
    const running = harness.up(program(true));
    await slowCreateStarted;
    const slowJournalled = () => (harness.state().pendingOperations ?? []).some((op) => op.resource.urn === urn("slow"));
    assert.ok(!slowJournalled(), "not written before the call: the write waits for the interval");
    await host.kill();
    await running;
    assert.deepStrictEqual(harness.state().pendingOperations?.map((op) => [op.type, op.resource.urn]), [["creating", urn("slow")]], "written at the end");
  });
});
