import { strict as assert } from "assert";
import { deleteInOrder } from "../../harness/delete-scheduler";
import type { ResourceState } from "../../harness/harness-state";
import { ConcurrencyLimiter } from "../../provider/client/concurrency-limiter";

const resource = (urn: string, dependencies: string[] = []) => ({ urn, dependencies }) as unknown as ResourceState;

/** A deletion the test ends by hand, recording the order deletions start in. */
function manualDeletes(failing: string[] = []) {
  const started: string[] = [];
  const pending = new Map<string, (() => void)[]>();
  let notify: () => void = () => undefined;
  const deleteOne = (r: ResourceState) =>
    new Promise<boolean>((resolve) => {
      started.push(r.urn);
      pending.set(r.urn, [...(pending.get(r.urn) ?? []), () => resolve(!failing.includes(r.urn))]);
      notify();
    });
  const finish = async (urn: string) => {
    pending.get(urn)!.shift()!();
    // Let the scheduler react to the ended deletion.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const startedCount = (n: number) =>
    new Promise<void>((resolve) => {
      notify = () => started.length >= n && resolve();
      notify();
    });
  return { started, deleteOne, finish, startedCount };
}

describe("harness/delete-scheduler: deletions as the engine schedules them", () => {
  it("starts independent deletions at once, last registered first, and a dependency only after its dependents", async () => {
    const d = manualDeletes();
    const done = deleteInOrder([resource("app"), resource("secret", ["app"]), resource("install"), resource("other")], new ConcurrencyLimiter(8), d.deleteOne);
    await d.startedCount(3);
    assert.deepEqual(d.started, ["other", "install", "secret"]);
    await d.finish("other");
    assert.equal(d.started.length, 3, "the app still has a dependent");
    await d.finish("secret");
    await d.startedCount(4);
    assert.deepEqual(d.started, ["other", "install", "secret", "app"]);
    await d.finish("install");
    await d.finish("app");
    await done;
  });

  it("frees a URN shared by a pending delete and its replacement only once both dependents are gone", async () => {
    const d = manualDeletes();
    const done = deleteInOrder([resource("app"), resource("secret", ["app"]), resource("app"), resource("secret", ["app"])], new ConcurrencyLimiter(8), d.deleteOne);
    await d.startedCount(2);
    assert.deepEqual(d.started, ["secret", "secret"]);
    await d.finish("secret");
    assert.equal(d.started.length, 2, "one secret still depends on the app");
    await d.finish("secret");
    await d.startedCount(4);
    await d.finish("app");
    await d.finish("app");
    await done;
  });

  it("starts nothing more once a deletion fails, and resolves when the ones in flight end", async () => {
    const d = manualDeletes(["secret"]);
    const done = deleteInOrder([resource("app"), resource("secret", ["app"]), resource("x")], new ConcurrencyLimiter(8), d.deleteOne);
    await d.startedCount(2);
    await d.finish("secret");
    await d.finish("x");
    await done;
    assert.deepEqual(d.started, ["x", "secret"], "the app is never deleted after its dependent's deletion failed");
  });

  it("still makes progress on a dependency cycle", async () => {
    const d = manualDeletes();
    const done = deleteInOrder([resource("a", ["b"]), resource("b", ["a"])], new ConcurrencyLimiter(8), d.deleteOne);
    await d.startedCount(1);
    await d.finish(d.started[0]);
    await d.startedCount(2);
    await d.finish(d.started[1]);
    await done;
    assert.deepEqual([...d.started].sort(), ["a", "b"]);
  });

  it("schedules thousands of resources without a scan per completion", async () => {
    const many = Array.from({ length: 4000 }, (_, i) => resource(`r${i}`, i % 2 ? [`r${i - 1}`] : []));
    const deleted: string[] = [];
    await deleteInOrder(many, new ConcurrencyLimiter(8), async (r) => {
      deleted.push(r.urn);
      return true;
    });
    assert.equal(deleted.length, 4000);
    const at = new Map(deleted.map((urn, i) => [urn, i]));
    for (let i = 1; i < 4000; i += 2) assert.ok(at.get(`r${i}`)! < at.get(`r${i - 1}`)!, `r${i} before r${i - 1}`);
  });
});
