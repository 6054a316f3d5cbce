import * as assert from "assert";
import { applyIgnoreChanges, changedTopLevelKeys, interpretDiff, shouldTriggerReplace } from "../../harness/engine-diff";
import { UNKNOWN } from "../../harness/struct";

describe("engine-diff", () => {
  describe("interpretDiff", () => {
    const olds = { __provider: "p", name: "a", count: 1 };
    const news = { __provider: "p", name: "a", count: 2 };

    it("takes the provider's answer as it is, so replaceOnChanges cannot turn an update into a replacement", () => {
      const diff = interpretDiff({ changes: "some", replaces: [], deleteBeforeReplace: false }, olds, news, ["count"]);
      assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false, changedKeys: [] });
      assert.deepStrictEqual(interpretDiff({ changes: "none", replaces: ["name"], deleteBeforeReplace: false }, olds, news, []).replaces, []);
    });

    it("compares inputs itself when the provider has no diff, and then applies replaceOnChanges to the changed keys", () => {
      assert.deepStrictEqual(interpretDiff({ changes: "unknown", replaces: [], deleteBeforeReplace: false }, olds, news, ["count"]), {
        changes: true,
        replaces: ["count"],
        deleteBeforeReplace: false,
        changedKeys: ["count"],
      });
      assert.deepStrictEqual(interpretDiff({ changes: "unknown", replaces: [], deleteBeforeReplace: false }, olds, news, ["*"]).replaces, ["count"]);
      assert.strictEqual(interpretDiff({ changes: "unknown", replaces: [], deleteBeforeReplace: false }, olds, { ...olds }, ["*"]).changes, false);
    });
  });

  it("counts __provider among the changed keys, as the engine compares it too", () => {
    assert.deepStrictEqual(changedTopLevelKeys({ __provider: "old", a: { x: 1, y: 2 } }, { __provider: "new", a: { y: 2, x: 1 } }), ["__provider"]);
  });

  it("counts a key null on one side and absent on the other as unchanged, as the engine's PropertyMap.Diff does", () => {
    assert.deepStrictEqual(changedTopLevelKeys({ a: null, b: 1 }, { b: 1 }), []);
    assert.deepStrictEqual(changedTopLevelKeys({ b: 1 }, { a: null, b: 2 }), ["b"]);
  });

  it("applies ignoreChanges to top-level and nested paths, removing what the old inputs lack", () => {
    const inputs = { name: "new", nested: { keep: 2, ignored: "new" }, added: true };
    const old = { name: "old", nested: { keep: 1, ignored: "old" } };
    assert.deepStrictEqual(applyIgnoreChanges(inputs, old, ["name", "nested.ignored", "added", "missing.path"]), {
      name: "old",
      nested: { keep: 2, ignored: "old" },
    });
    assert.strictEqual(inputs.name, "new", "the given inputs are not changed");
  });

  it("replaces on a changed or unknown replacementTrigger only when set before and now", () => {
    assert.strictEqual(shouldTriggerReplace("v2", "v1"), true);
    assert.strictEqual(shouldTriggerReplace({ a: 1, b: 2 }, { b: 2, a: 1 }), false);
    assert.strictEqual(shouldTriggerReplace(UNKNOWN, "v1"), true);
    assert.strictEqual(shouldTriggerReplace("v1", undefined), false, "a trigger added later does not replace");
    assert.strictEqual(shouldTriggerReplace(undefined, "v1"), false);
  });
});
