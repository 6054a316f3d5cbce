import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as sinon from "sinon";
import { HarnessEvent, ProgramHarness } from "../../harness/program-harness";
import { ProviderHost, startProviderHost, UNKNOWN } from "../../harness/provider-host";
import { Counter } from "./fixtures/counter";
import { CounterRecord } from "./fixtures/counter-provider";
import { DiffLess } from "./fixtures/diffless";

const type = "pulumi-nodejs:dynamic/counter:Counter";
const urn = (name: string) => `urn:pulumi:dev::counter::${type}::${name}`;

/** One provider call as the fixture logs it. */
interface Call {
  method: string;
  name: string;
  greeting: string;
}

describe("up-run: the engine's steps for up and preview", () => {
  let dir: string;
  let storePath: string;
  let logPath: string;
  let statePath: string;
  let host: ProviderHost;
  let harness: ProgramHarness;
  let events: HarnessEvent[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "up-run-"));
    storePath = path.join(dir, "store.json");
    logPath = path.join(dir, "calls.jsonl");
    host = await startProviderHost({ cwd: dir, project: "counter", config: { "counter:storePath": storePath, "counter:greeting": "hi", "counter:logPath": logPath } });
  });

  after(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(function () {
    for (const file of [storePath, logPath, `${storePath}.fail-delete`]) fs.rmSync(file, { force: true });
    statePath = path.join(dir, `${this.currentTest!.title.replace(/\W+/g, "-").slice(0, 80)}.json`);
    events = [];
    harness = new ProgramHarness({ statePath, project: "counter", stack: "dev", cwd: dir, host, onEvent: (e) => events.push(e) });
  });

  afterEach(() => sinon.restore());

  const store = (): Record<string, CounterRecord> => (fs.existsSync(storePath) ? JSON.parse(fs.readFileSync(storePath, "utf8")) : {});
  const stateOf = (name: string) => harness.state().resources.find((r) => r.name === name);
  /** The provider calls since the last `clearCalls()`, as `method name`. */
  const calls = (): string[] =>
    fs.existsSync(logPath)
      ? fs.readFileSync(logPath, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Call).map((c) => `${c.method} ${c.name}`)
      : [];
  const clearCalls = () => fs.rmSync(logPath, { force: true });
  const ok = <T extends { failures: unknown[] }>(result: T): T => {
    assert.deepStrictEqual(result.failures, []);
    return result;
  };

  const twoCounters = () => {
    new Counter("a", { name: "a", count: 1 });
    new Counter("b", { name: "b", count: 1 });
  };

  it("writes the resources in the order their steps completed, as the engine's snapshot does", async () => {
    const create = host.create.bind(host);
    let bDone!: () => void;
    const bCreated = new Promise<void>((resolve) => (bDone = resolve));
    sinon.replace(host, "create", async (...args: Parameters<ProviderHost["create"]>) => {
      if (args[0] === urn("a")) await bCreated;
      const answer = await create(...args);
      if (args[0] === urn("b")) bDone();
      return answer;
    });
    ok(await harness.up(twoCounters));
    assert.deepStrictEqual(harness.state().resources.map((r) => r.name), ["b", "a"], "registered a, b; b's step completed first");
  });

  describe("replacements and renames", () => {
    it("creates the replacement from the new inputs alone and deletes the old object at the end, after every create and update", async () => {
      ok(await harness.up(() => {
        new Counter("a", { name: "a", count: 1 });
        new Counter("b", { name: "b", count: 1 });
      }));
      const oldB = stateOf("b")!.id;
      clearCalls();
      const check = sinon.spy(host, "check");
      const result = ok(await harness.up(() => {
        new Counter("a", { name: "a", count: 2 });
        new Counter("b", { name: "b2", count: 1 });
        new Counter("c", { name: "c", count: 1 });
      }));
      assert.deepStrictEqual([result.updated, result.replaced, result.created, result.deletedReplaced, result.deleted], [[urn("a")], [urn("b")], [urn("c")], [urn("b")], []]);
      const checksOfB = check.getCalls().filter((c) => c.args[0] === urn("b"));
      assert.strictEqual(checksOfB.length, 2, "Check with the old inputs, then again for the replacement");
      assert.strictEqual(checksOfB[0].args[1].name, "b");
      assert.deepStrictEqual(checksOfB[1].args[1], {}, "the replacement is checked with the new inputs alone");
      const log = calls();
      assert.strictEqual(log[log.length - 1], "delete b", "the old object is deleted last");
      assert.ok(log.indexOf("create c") < log.indexOf("delete b") && log.indexOf("update a") < log.indexOf("delete b"));
      assert.strictEqual(store()[oldB], undefined);
      assert.deepStrictEqual(harness.state().pendingDeletes ?? [], []);
    });

    it("never compares the ids: a replacement that adopts the old object's id has it deleted at the end", async () => {
      ok(await harness.up(() => {
        new Counter("r", { name: "r1", count: 1 });
      }));
      const id = stateOf("r")!.id;
      const result = ok(await harness.up(() => {
        new Counter("r", { name: "r2", count: 1, adoptId: id });
      }));
      assert.deepStrictEqual([result.replaced, result.deletedReplaced], [[urn("r")], [urn("r")]]);
      assert.strictEqual(stateOf("r")!.id, id, "the state points at the adopted id");
      assert.strictEqual(store()[id], undefined, "which the old resource's Delete removed");
    });

    it("keeps a failed deletion of a replaced object as a pending delete and retries it at the end of the next up", async () => {
      const program = (name: string) => () => {
        new Counter("r", { name, count: 1 });
      };
      ok(await harness.up(program("r1")));
      const oldId = stateOf("r")!.id;
      fs.writeFileSync(`${storePath}.fail-delete`, "");
      const failed = await harness.up(program("r2"));
      assert.deepStrictEqual(failed.replaced, [urn("r")]);
      assert.deepStrictEqual(failed.failures.map((f) => [f.urn, f.op]), [[urn("r"), "delete-replaced"]]);
      assert.deepStrictEqual(harness.state().pendingDeletes?.map((r) => r.id), [oldId], "the old object waits as a pending delete");
      assert.notStrictEqual(stateOf("r")!.id, oldId, "the replacement is the live resource");
      assert.ok(store()[oldId]);

      fs.rmSync(`${storePath}.fail-delete`);
      const retried = ok(await harness.up(program("r2")));
      assert.deepStrictEqual([retried.same, retried.deletedReplaced], [[urn("r")], [urn("r")]]);
      assert.strictEqual(store()[oldId], undefined);
      assert.deepStrictEqual(harness.state().pendingDeletes ?? [], []);
    });

    it("treats a rename without aliases as a new URN: Create, and the old URN deleted at the end", async () => {
      ok(await harness.up(() => {
        new Counter("old", { name: "x", count: 1 });
      }));
      clearCalls();
      const result = ok(await harness.up(() => {
        new Counter("new", { name: "x", count: 1 });
      }));
      assert.deepStrictEqual([result.created, result.deleted], [[urn("new")], [urn("old")]]);
      assert.deepStrictEqual(calls(), ["check x", "create x", "delete x"]);
    });

    it("moves the state of an alias to the new URN with no create or delete", async () => {
      ok(await harness.up(() => {
        new Counter("old", { name: "x", count: 1 });
      }));
      const id = stateOf("old")!.id;
      clearCalls();
      const result = ok(await harness.up(() => {
        new Counter("new", { name: "x", count: 1 }, { aliases: [{ name: "old" }] });
      }));
      assert.deepStrictEqual([result.same, result.created, result.deleted], [[urn("new")], [], []]);
      assert.deepStrictEqual(calls(), ["check x", "diff x"]);
      assert.deepStrictEqual(harness.state().resources.map((r) => [r.urn, r.id]), [[urn("new"), id]]);
    });

    it("replaces a --replace target: Check without old inputs, no Diff, the old object deleted at the end", async () => {
      const program = () => {
        new Counter("r", { name: "r", count: 1 });
      };
      ok(await harness.up(program));
      const oldId = stateOf("r")!.id;
      clearCalls();
      const check = sinon.spy(host, "check");
      const result = ok(await harness.up(program, { replace: [urn("r")] }));
      assert.deepStrictEqual([result.replaced, result.deletedReplaced], [[urn("r")], [urn("r")]]);
      assert.deepStrictEqual(calls(), ["check r", "create r", "delete r"]);
      assert.deepStrictEqual(check.firstCall.args[1], {});
      assert.strictEqual(store()[oldId], undefined);
    });

    it("replaces when the replacementTrigger changes, and not while it stays the same", async () => {
      const program = (trigger: string) => () => {
        new Counter("t", { name: "t", count: 1 }, { replacementTrigger: trigger });
      };
      ok(await harness.up(program("v1")));
      const first = stateOf("t")!.id;
      assert.deepStrictEqual(ok(await harness.up(program("v1"))).same, [urn("t")]);
      clearCalls();
      const result = ok(await harness.up(program("v2")));
      assert.deepStrictEqual(result.replaced, [urn("t")]);
      assert.deepStrictEqual(calls(), ["check t", "check t", "create t", "delete t"], "no Diff: the trigger decides");
      assert.notStrictEqual(stateOf("t")!.id, first);
      assert.strictEqual(stateOf("t")!.replacementTrigger, "v2");
    });
  });

  describe("delete-before-replace", () => {
    it("asks each dependent's Diff with the replaced resource's outputs unknown, and replaces those that must be, deleting them first", async () => {
      const program = (rootName: string) => () => {
        const root = new Counter("root", { name: rootName, count: 1, deleteFirst: true });
        // named after the root: a change of the name replaces it
        new Counter("named", { name: pulumi.interpolate`${root.name}-named`, count: 1 });
        // labelled after the root: a change of the label is an update
        new Counter("labelled", { name: "labelled", count: 1, label: root.name });
      };
      ok(await harness.up(program("r1")));
      clearCalls();
      const diff = sinon.spy(host, "diff");
      const result = ok(await harness.up(program("r2")));
      const dependentDiffs = diff.getCalls().filter((c) => c.args[3].name === UNKNOWN || c.args[3].label === UNKNOWN);
      assert.deepStrictEqual(dependentDiffs.map((c) => c.args[1]).sort(), [urn("labelled"), urn("named")], "both dependents asked with unknown inputs");
      assert.deepStrictEqual([result.replaced, result.updated], [[urn("root"), urn("named")], [urn("labelled")]]);
      assert.deepStrictEqual(result.deletedReplaced, [urn("named"), urn("root")]);
      const log = calls();
      assert.ok(log.indexOf("delete r1-named") < log.indexOf("delete r1"), "the dependent goes first");
      assert.ok(log.indexOf("delete r1") < log.indexOf("create r2"), "the old root is deleted before its replacement is created");
      assert.ok(log.indexOf("create r2") < log.indexOf("create r2-named"));
      assert.deepStrictEqual(Object.values(store()).map((r) => r.name).sort(), ["labelled", "r2", "r2-named"]);
    });
  });

  describe("resource options", () => {
    it("ignoreChanges puts the old value back before Check", async () => {
      ok(await harness.up(() => {
        new Counter("i", { name: "i", count: 1 });
      }));
      const check = sinon.spy(host, "check");
      const result = ok(await harness.up(() => {
        new Counter("i", { name: "i", count: 5 }, { ignoreChanges: ["count"] });
      }));
      assert.strictEqual(check.firstCall.args[2].count, 1);
      assert.deepStrictEqual(result.same, [urn("i")]);
    });

    it("protect refuses a replacement with the CLI's error and changes nothing", async () => {
      ok(await harness.up(() => {
        new Counter("p", { name: "p1", count: 1 }, { protect: true });
      }));
      clearCalls();
      const result = await harness.up(() => {
        new Counter("p", { name: "p2", count: 1 }, { protect: true });
      });
      assert.match(result.failures[0].message, /^unable to replace resource "urn:pulumi:dev::counter::pulumi-nodejs:dynamic\/counter:Counter::p"\nas it is currently marked for protection/);
      assert.ok(!calls().some((c) => c.startsWith("create") || c.startsWith("delete")));
      assert.strictEqual(stateOf("p")!.outputs.name, "p1");
    });

    it("retainOnDelete drops the resource from state without calling Delete", async () => {
      ok(await harness.up(() => {
        new Counter("kept", { name: "kept", count: 1 }, { retainOnDelete: true });
      }));
      clearCalls();
      const result = ok(await harness.up(() => undefined));
      assert.deepStrictEqual(result.deleted, [urn("kept")]);
      assert.deepStrictEqual(calls(), []);
      assert.strictEqual(Object.keys(store()).length, 1, "the object itself is kept");
      assert.deepStrictEqual(harness.state().resources, []);
    });

    it("replaceOnChanges has no effect, as the host forwards no changed keys to the engine", async () => {
      ok(await harness.up(() => {
        new Counter("roc", { name: "roc", count: 1 }, { replaceOnChanges: ["count"] });
      }));
      const id = stateOf("roc")!.id;
      const result = ok(await harness.up(() => {
        new Counter("roc", { name: "roc", count: 2 }, { replaceOnChanges: ["count"] });
      }));
      assert.deepStrictEqual([result.updated, result.replaced], [[urn("roc")], []]);
      assert.strictEqual(stateOf("roc")!.id, id);
    });

    it("replaceOnChanges applies only to a provider without diff, whose changed inputs the engine finds itself", async () => {
      const program = (value: string) => () => {
        new DiffLess("d", { value }, { replaceOnChanges: ["value"] });
        new DiffLess("plain", { value });
      };
      ok(await harness.up(program("1")));
      const result = ok(await harness.up(program("2")));
      const diffLess = (name: string) => `urn:pulumi:dev::counter::pulumi-nodejs:dynamic/fixture:DiffLess::${name}`;
      assert.deepStrictEqual([result.replaced, result.updated], [[diffLess("d")], [diffLess("plain")]]);
    });

    it("import reads with the id alone, and the Node host's failure is reported", async () => {
      const result = await harness.up(() => {
        new Counter("imp", { name: "imp", count: 1 }, { import: "some-id" });
      });
      assert.deepStrictEqual(result.failures.map((f) => [f.urn, f.op]), [[urn("imp"), "import"]]);
      assert.match(result.failures[0].message, /string/);
      assert.deepStrictEqual(harness.state().resources, []);
    });
  });

  describe("init failures", () => {
    it("stores exactly the properties sent as the outputs, then runs Update with them as olds even when Diff finds no change", async () => {
      const failed = await harness.up(() => {
        new Counter("a", { name: "a", count: 1, failInit: true });
      });
      assert.deepStrictEqual(failed.failures.map((f) => f.reasons), [["not ready"]]);
      const recorded = stateOf("a")!;
      assert.deepStrictEqual(recorded.outputs, store()[recorded.id], "the partial outputs, without __provider");
      assert.deepStrictEqual(recorded.initErrors, ["not ready"]);

      const update = sinon.spy(host, "update");
      const diff = sinon.spy(host, "diff");
      const fixed = ok(await harness.up(() => {
        new Counter("a", { name: "a", count: 1 });
      }));
      assert.strictEqual((await diff.firstCall.returnValue).changes, "none", "Diff reports no change");
      assert.deepStrictEqual(fixed.updated, [urn("a")]);
      assert.deepStrictEqual(update.firstCall.args[2], recorded.outputs, "Update gets the partial outputs as olds");
      assert.strictEqual(stateOf("a")!.initErrors, undefined);
    });
  });

  describe("failures", () => {
    it("starts no new step after one failed, and deletes nothing", async () => {
      ok(await harness.up(() => {
        new Counter("gone", { name: "gone", count: 1 });
      }));
      clearCalls();
      const result = await harness.up(() => {
        new Counter("bad", { name: "bad", count: -1 });
        new Counter("late", { name: "late", count: 1 });
      });
      assert.deepStrictEqual(result.failures.map((f) => [f.urn, f.op]), [[urn("bad"), "check"]]);
      assert.deepStrictEqual([result.created, result.deleted], [[], []]);
      assert.ok(!calls().includes("create late") && !calls().includes("delete gone"), calls().join(", "));
    });

    it("keeps starting independent steps with continueOnError, and still deletes nothing", async () => {
      ok(await harness.up(() => {
        new Counter("gone", { name: "gone", count: 1 });
      }));
      const result = await harness.up(
        () => {
          new Counter("bad", { name: "bad", count: -1 });
          new Counter("late", { name: "late", count: 1 });
        },
        { continueOnError: true },
      );
      assert.deepStrictEqual([result.failures.map((f) => f.urn), result.created, result.deleted], [[urn("bad")], [urn("late")], []]);
      assert.deepStrictEqual(harness.state().resources.map((r) => r.name), ["late", "gone"]);
    });
  });

  describe("preview", () => {
    it("calls no Create or Update, and leaves every output that is not an echoed input unknown to dependents, also for an in-place update", async () => {
      const program = (count: number) => () => {
        const a = new Counter("a", { name: "a", count });
        new Counter("b", { name: "b", count: 1, label: a.token });
      };
      ok(await harness.up(program(1)));
      clearCalls();
      const check = sinon.spy(host, "check");
      const preview = ok(await harness.up(program(2), { preview: true }));
      assert.deepStrictEqual(preview.updated, [urn("a"), urn("b")], "b's label is unknown, so Diff sees a change");
      assert.strictEqual(check.getCalls().find((c) => c.args[0] === urn("b"))!.args[2].label, UNKNOWN, "a's token is unknown in the plan");
      assert.ok(!calls().some((c) => c.startsWith("create") || c.startsWith("update") || c.startsWith("delete")), calls().join(", "));
      assert.strictEqual(Object.values(store()).find((r) => r.name === "a")!.count, 1);
    });

    it("plans deletions and the dependents of a delete-before-replace without deleting anything", async () => {
      const program = (rootName: string, withExtra: boolean) => () => {
        const root = new Counter("root", { name: rootName, count: 1, deleteFirst: true });
        new Counter("named", { name: pulumi.interpolate`${root.name}-named`, count: 1 });
        if (withExtra) new Counter("extra", { name: "extra", count: 1 });
      };
      ok(await harness.up(program("r1", true)));
      clearCalls();
      events = [];
      const preview = ok(await harness.up(program("r2", false), { preview: true }));
      assert.deepStrictEqual([preview.replaced, preview.deletedReplaced, preview.deleted], [[urn("root"), urn("named")], [urn("named"), urn("root")], [urn("extra")]]);
      assert.ok(events.every((e) => e.status === "planned"));
      assert.ok(!calls().some((c) => /^(create|update|delete)/.test(c)), calls().join(", "));
      assert.strictEqual(Object.keys(store()).length, 3);
    });

    it("keeps a resource's id known in a preview of an in-place update and unknown for a replacement", async () => {
      const program = (name: string, count: number) => () => {
        const a = new Counter("a", { name, count });
        new Counter("b", { name: "b", count: 1, label: a.id });
      };
      ok(await harness.up(program("a", 1)));
      const id = stateOf("a")!.id;
      const check = sinon.spy(host, "check");
      const labelSeenByB = () => check.getCalls().filter((c) => c.args[0] === urn("b")).pop()!.args[2].label;
      await harness.up(program("a", 2), { preview: true });
      assert.strictEqual(labelSeenByB(), id);
      const replacing = await harness.up(program("a-new", 1), { preview: true });
      assert.strictEqual(labelSeenByB(), UNKNOWN);
      assert.deepStrictEqual([replacing.replaced, replacing.deletedReplaced], [[urn("a")], [urn("a")]], "the old object is planned for deletion at the end");
      assert.deepStrictEqual(replacing.updated, [urn("b")], "the label updates in place once the new id is known");
    });
  });
});
