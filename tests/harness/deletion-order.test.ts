import * as assert from "assert";
import { deletionOrder } from "../../harness/deletion-order";

describe("deletion-order", () => {
  it("deletes in reverse registration order when nothing depends on anything", () => {
    const order = deletionOrder([
      { urn: "a", dependencies: [] },
      { urn: "b", dependencies: [] },
    ]);
    assert.deepStrictEqual(order.map((r) => r.urn), ["b", "a"]);
  });

  it("deletes dependents before what they depend on, even when registered earlier", () => {
    const order = deletionOrder([
      { urn: "app", dependencies: ["org"] },
      { urn: "org", dependencies: [] },
      { urn: "install", dependencies: ["app"] },
      { urn: "other", dependencies: [] },
    ]);
    assert.deepStrictEqual(order.map((r) => r.urn), ["other", "install", "app", "org"]);
  });

  it("ignores dependencies on resources outside the set and still terminates on a cycle", () => {
    assert.deepStrictEqual(deletionOrder([{ urn: "a", dependencies: ["gone"] }]).map((r) => r.urn), ["a"]);
    const cycle = deletionOrder([
      { urn: "a", dependencies: ["b"] },
      { urn: "b", dependencies: ["a"] },
    ]);
    assert.strictEqual(cycle.length, 2);
  });
});
