import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as sinon from "sinon";
import { ProgramHarness } from "../../harness/program-harness";
import { UpRun } from "../../harness/up-run";
import { ProviderHost, startProviderHost } from "../../harness/provider-host";
import { Counter } from "./fixtures/counter";

const urn = (name: string) => `urn:pulumi:dev::counter::pulumi-nodejs:dynamic/counter:Counter::${name}`;

type Method = "create" | "read" | "delete" | "check" | "diff";

/**
 * Watches one host method: counts calls in flight and, with `meet`, holds each call until `meet`
 * calls are in flight at once (or `giveUpMs` passed, so a serial caller ends and fails the test).
 */
function watch(host: ProviderHost, method: Method, meet = 0, giveUpMs = 5_000) {
  const original = (host[method] as unknown as (...args: unknown[]) => Promise<unknown>).bind(host);
  const seen = { inFlight: 0, most: 0, started: [] as string[], finished: [] as string[] };
  let release: () => void = () => undefined;
  const met = new Promise<void>((resolve) => (release = resolve));
  const timer = setTimeout(release, giveUpMs);
  const stub = sinon.stub(host, method).callsFake((async (...args: unknown[]) => {
    const name = String(args[method === "create" || method === "check" ? 0 : 1]).split("::").pop()!;
    seen.started.push(name);
    seen.most = Math.max(seen.most, ++seen.inFlight);
    if (seen.inFlight >= meet) release();
    try {
      if (meet > 0) await met;
      return await original(...args);
    } finally {
      seen.inFlight--;
      seen.finished.push(name);
    }
  }) as never);
  return Object.assign(seen, {
    restore: () => {
      clearTimeout(timer);
      stub.restore();
    },
  });
}

const threeCounters = () => {
  for (const name of ["a", "b", "c"]) new Counter(name, { name, count: 1 });
};

describe("program-harness: parallel steps", () => {
  let dir: string;
  let storePath: string;
  let host: ProviderHost;
  let statePath: string;
  const watched: { restore(): void }[] = [];
  const harness = (parallel?: number) => new ProgramHarness({ statePath, project: "counter", stack: "dev", cwd: dir, host, parallel });
  const track = (...args: Parameters<typeof watch>) => {
    const seen = watch(...args);
    watched.push(seen);
    return seen;
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-harness-parallel-"));
    storePath = path.join(dir, "store.json");
    host = await startProviderHost({ cwd: dir, project: "counter", config: { "counter:storePath": storePath } });
  });

  after(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(function () {
    fs.rmSync(storePath, { force: true });
    statePath = path.join(dir, `${this.currentTest!.title.replace(/\W+/g, "-")}.json`);
  });

  afterEach(() => {
    watched.splice(0).forEach((w) => w.restore());
    sinon.restore();
  });

  it("up creates independent resources at once", async () => {
    const creates = track(host, "create", 3);
    const result = await harness().up(threeCounters);
    assert.deepStrictEqual(result.failures, []);
    assert.strictEqual(creates.most, 3);
    assert.deepStrictEqual([...result.created].sort(), [urn("a"), urn("b"), urn("c")]);
  });

  it("up runs Check and Diff one at a time, as the engine's step generator does", async () => {
    await harness().up(threeCounters);
    // Hold every Check until all three registrations reached the harness: a parallel step
    // generator would then have all three Checks in flight at once.
    const register = UpRun.prototype.register;
    let arrived = 0;
    let allArrived: () => void = () => undefined;
    const registered = new Promise<void>((resolve) => (allArrived = resolve));
    sinon.stub(UpRun.prototype, "register").callsFake(function (this: UpRun, reg) {
      if (++arrived === 3) allArrived();
      return register.call(this, reg);
    });
    const check = host.check.bind(host);
    const seen = { inFlight: 0, most: 0 };
    sinon.stub(host, "check").callsFake(async (...args) => {
      seen.most = Math.max(seen.most, ++seen.inFlight);
      try {
        await registered;
        return await check(...args);
      } finally {
        seen.inFlight--;
      }
    });
    const diffs = track(host, "diff");
    const result = await harness().up(threeCounters);
    assert.deepStrictEqual([result.same.length, arrived, diffs.started.length], [3, 3, 3]);
    assert.deepStrictEqual([seen.most, diffs.most], [1, 1]);
  });

  it("up runs at most `parallel` steps at once", async () => {
    const creates = track(host, "create");
    const result = await harness(1).up(threeCounters);
    assert.deepStrictEqual(result.failures, []);
    assert.strictEqual(creates.most, 1);
    assert.strictEqual(result.created.length, 3);
  });

  it("refresh reads every resource at once and reports in state order", async () => {
    await harness().up(threeCounters);
    const reads = track(host, "read", 3);
    const result = await harness().refresh();
    assert.strictEqual(reads.most, 3);
    assert.deepStrictEqual(result.changes.map((c) => c.urn), [urn("a"), urn("b"), urn("c")]);
  });

  it("destroy deletes independent resources at once, and a resource only after its dependents", async () => {
    await harness().up(() => {
      const a = new Counter("a", { name: "a", count: 1 });
      new Counter("b", { name: "b", count: 1 }, { dependsOn: [a] });
      new Counter("c", { name: "c", count: 1 });
      new Counter("d", { name: "d", count: 1 });
    });
    const deletes = track(host, "delete", 3);
    const result = await harness().destroy();
    assert.deepStrictEqual(result.failures, []);
    assert.strictEqual(deletes.most, 3);
    // b registers last: the SDK sends it only once a, which it depends on, exists.
    assert.deepStrictEqual(deletes.started.slice(0, 3), ["b", "d", "c"], "the ready ones, last registered first");
    assert.ok(deletes.finished.indexOf("b") < deletes.started.indexOf("a"), "a is deleted after b, which depends on it");
    assert.deepStrictEqual(harness().state().resources, []);
  });

  it("destroy starts no deletion after one failed, and keeps what it did not delete", async () => {
    await harness().up(() => {
      const a = new Counter("a", { name: "a", count: 1 });
      new Counter("b", { name: "b", count: 1 }, { dependsOn: [a] });
      new Counter("kept", { name: "kept", count: 1 }, { protect: true });
    });
    const deletes = track(host, "delete");
    const result = await harness().destroy();
    assert.deepStrictEqual(result.failures.map((f) => f.urn), [urn("kept")]);
    assert.deepStrictEqual(result.deleted, [urn("b")]);
    assert.deepStrictEqual(deletes.started, ["b"], "a became ready only after the failure");
    assert.deepStrictEqual(harness().state().resources.map((r) => r.name), ["a", "kept"]);
  });
});
