import { strict as assert } from "assert";
import { closestScope, DOCUMENTED_SCOPES, editDistance, SCOPE_SHAPE, TYPO_DISTANCE } from "../../../provider/validation/snyk-scopes";

describe("provider/validation/snyk-scopes", () => {
  it("lists Snyk's documented scopes, org.read first, each of scope shape", () => {
    const names = Object.keys(DOCUMENTED_SCOPES);
    assert.equal(names[0], "org.read");
    assert.ok(names.includes("org.project.read") && names.includes("org.project.snapshot.read"));
    for (const name of names) assert.match(name, SCOPE_SHAPE);
  });

  it("keeps every two documented scopes further apart than a typo, so a typo has one match", () => {
    const names = Object.keys(DOCUMENTED_SCOPES);
    for (const a of names) for (const b of names) if (a < b) assert.ok(editDistance(a, b) > TYPO_DISTANCE, `${a} / ${b}`);
  });

  it("finds the documented scope a typo meant, and none for an unrelated name", () => {
    assert.deepEqual(closestScope("org.reed"), { scope: "org.read", distance: 1 });
    assert.deepEqual(closestScope("org read"), { scope: "org.read", distance: 0 });
    assert.equal(closestScope("org.project.tset")?.scope, "org.project.test");
    assert.equal(closestScope("billing"), undefined);
  });
});
