import { strict as assert } from "assert";
import fc from "fast-check";
import { AppSecretOperations, AppSecretOutputs } from "../../provider/app-secret";
import { UNKNOWN } from "../../provider/validation/unknown";
import { ORG, GROUP, APP, INSTALL, noApi } from "./unit-fixtures";

const ops = new AppSecretOperations(noApi);

async function failuresFor(inputs: Record<string, unknown>) {
  return (await ops.check({}, inputs)).failures ?? [];
}

describe("provider/app-secret check", () => {
  it("accepts an app target and an install target in an org or a group", async () => {
    assert.deepEqual(await failuresFor({ orgId: ORG, appId: APP, rotationTriggers: { q: "2026-Q4" } }), []);
    assert.deepEqual(await failuresFor({ orgId: ORG, installId: INSTALL }), []);
    assert.deepEqual(await failuresFor({ groupId: GROUP, installId: INSTALL, clientId: "c", verifyCredentials: true }), []);
  });

  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["neither appId nor installId", { orgId: ORG }, "appId", /exactly one of appId .* and installId/],
    ["both appId and installId", { orgId: ORG, appId: APP, installId: INSTALL }, "appId", /exactly one of appId/],
    ["appId without orgId", { appId: APP }, "orgId", /orgId is required with appId/],
    ["appId with groupId", { orgId: ORG, groupId: GROUP, appId: APP }, "groupId", /apps belong to an org/],
    ["installId with neither owner", { installId: INSTALL }, "orgId", /exactly one of orgId and groupId/],
    ["installId with both owners", { orgId: ORG, groupId: GROUP, installId: INSTALL }, "orgId", /exactly one of orgId and groupId/],
    ["verifyCredentials without clientId", { orgId: ORG, appId: APP, verifyCredentials: true }, "clientId", /clientId is required when verifyCredentials/],
    ["rotationTriggers not a map", { orgId: ORG, appId: APP, rotationTriggers: "monthly" }, "rotationTriggers", /of type object/],
    ["appId not a UUID", { orgId: ORG, appId: "app" }, "appId", /must be a UUID/],
    ["recoverWithReplace not a boolean", { orgId: ORG, appId: APP, recoverWithReplace: "yes" }, "recoverWithReplace", /of type boolean/],
    ["empty currentSecret", { orgId: ORG, appId: APP, currentSecret: "" }, "currentSecret", /must not be empty/],
  ];
  for (const [title, inputs, property, reason] of cases) {
    it(`rejects ${title}, naming ${property}`, async () => {
      const failures = await failuresFor(inputs);
      assert.equal(failures.length, 1, JSON.stringify(failures));
      assert.equal(failures[0].property, property);
      assert.match(failures[0].reason, reason);
    });
  }

  it("never echoes a secret in a failure", async () => {
    const failures = await failuresFor({ orgId: "bad", appId: APP, currentSecret: "snyk_cs_supersecretvalue" });
    assert.ok(!JSON.stringify(failures).includes("supersecret"));
  });

  it("accepts unknown target ids during preview", async () => {
    assert.deepEqual(await failuresFor({ orgId: UNKNOWN, appId: UNKNOWN, clientId: UNKNOWN, verifyCredentials: true }), []);
  });
});

describe("provider/app-secret diff", () => {
  const olds: AppSecretOutputs = { orgId: ORG, appId: APP, rotationTriggers: { q: "1" }, secret: "s2", previousSecret: "s1", mintedAt: "t" };

  it("does nothing when triggers are equal in any key order", async () => {
    const result = await ops.diff(APP, { ...olds, rotationTriggers: { a: 1, b: 2 } }, { orgId: ORG, appId: APP, rotationTriggers: { b: 2, a: 1 } });
    assert.equal(result.changes, false);
  });

  it("rotates (updates) when a trigger changes, and when the secret was found revoked", async () => {
    assert.deepEqual(await ops.diff(APP, olds, { orgId: ORG, appId: APP, rotationTriggers: { q: "2" } }), { changes: true, replaces: [], deleteBeforeReplace: false });
    assert.equal((await ops.diff(APP, { ...olds, secretStatus: "revoked" }, { orgId: ORG, appId: APP, rotationTriggers: { q: "1" } })).changes, true);
  });

  it("replaces when the target moves", async () => {
    const result = await ops.diff(APP, olds, { orgId: ORG, appId: "8f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", rotationTriggers: { q: "1" } });
    assert.deepEqual(result.replaces, ["appId"]);
  });

  it("in a preview, an unknown app id (the SDK hands over the app's resource id: its app is being replaced) is a replacement", async () => {
    const result = await ops.diff(APP, olds, { orgId: ORG, appId: UNKNOWN, clientId: UNKNOWN, rotationTriggers: { q: "1" } });
    assert.deepEqual(result, { changes: true, replaces: ["appId"], deleteBeforeReplace: false });
  });

  it("in a preview, an unknown client id alone (its app is updated in place) is no change", async () => {
    const result = await ops.diff(APP, olds, { orgId: ORG, appId: APP, clientId: UNKNOWN, rotationTriggers: { q: "1" } });
    assert.deepEqual(result, { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("property: rotation happens exactly when the triggers differ", async () => {
    const triggers = fc.dictionary(fc.constantFrom("a", "b", "c"), fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 3 })));
    await fc.assert(
      fc.asyncProperty(triggers, triggers, async (a, b) => {
        const result = await ops.diff(APP, { ...olds, rotationTriggers: a }, { orgId: ORG, appId: APP, rotationTriggers: b });
        const same = JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
        assert.equal(result.changes, !same);
        assert.deepEqual(result.replaces, []);
      }),
      { numRuns: 300 },
    );
  });
});
