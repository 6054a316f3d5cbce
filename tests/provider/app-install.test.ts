import { strict as assert } from "assert";
import { AppInstallOperations, AppInstallOutputs } from "../../provider/app-install";
import { UNKNOWN } from "../../provider/validation/unknown";
import { ORG, GROUP, APP, noApi } from "./unit-fixtures";

const ops = new AppInstallOperations(noApi);

async function failuresFor(inputs: Record<string, unknown>) {
  return (await ops.check({}, inputs)).failures ?? [];
}

describe("provider/app-install check", () => {
  it("accepts an org install and a group install", async () => {
    assert.deepEqual(await failuresFor({ appId: APP, orgId: ORG }), []);
    assert.deepEqual(await failuresFor({ appId: APP, groupId: GROUP, verifyCredentials: true }), []);
  });

  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["neither orgId nor groupId", { appId: APP }, "orgId", /exactly one of orgId .* and groupId/],
    ["both orgId and groupId", { appId: APP, orgId: ORG, groupId: GROUP }, "groupId", /not both/],
    ["a missing appId", { orgId: ORG }, "appId", /appId is required/],
    ["appId not a UUID", { appId: "broker", orgId: ORG }, "appId", /must be a UUID/],
    ["groupId not a UUID", { appId: APP, groupId: "g" }, "groupId", /must be a UUID/],
    ["verifyCredentials not a boolean", { appId: APP, orgId: ORG, verifyCredentials: "yes" }, "verifyCredentials", /of type boolean/],
    ["resetSecretOnAdopt without adoptId", { appId: APP, orgId: ORG, resetSecretOnAdopt: true }, "resetSecretOnAdopt", /only applies with adoptId/],
    ["an unknown input", { appId: APP, orgId: ORG, rotationTriggers: {} }, "rotationTriggers", /not an input/],
  ];
  for (const [title, inputs, property, reason] of cases) {
    it(`rejects ${title}, naming ${property}`, async () => {
      const failures = await failuresFor(inputs);
      assert.equal(failures.length, 1, JSON.stringify(failures));
      assert.equal(failures[0].property, property);
      assert.match(failures[0].reason, reason);
    });
  }

  it("reports a misplaced resetSecretOnAdopt and a missing owner together", async () => {
    const failures = await failuresFor({ appId: APP, resetSecretOnAdopt: true });
    assert.deepEqual(failures.map((f) => f.property).sort(), ["orgId", "resetSecretOnAdopt"]);
  });

  it("accepts an unknown owner during preview", async () => {
    assert.deepEqual(await failuresFor({ appId: UNKNOWN, groupId: UNKNOWN }), []);
  });
});

describe("provider/app-install diff", () => {
  const olds: AppInstallOutputs = { appId: APP, orgId: ORG, installId: "i", clientId: "c", clientSecret: "s" };

  it("reports nothing for the same inputs", async () => {
    assert.deepEqual(await ops.diff("i", olds, { appId: APP, orgId: ORG }), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces on appId, orgId and groupId", async () => {
    assert.deepEqual((await ops.diff("i", olds, { appId: APP, groupId: GROUP })).replaces, ["orgId", "groupId"]);
    assert.deepEqual((await ops.diff("i", olds, { appId: "8f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", orgId: ORG })).replaces, ["appId"]);
  });

  it("in a preview, an unknown app id (the SDK hands over the app's resource id: its app is being replaced) is a replacement", async () => {
    assert.deepEqual(await ops.diff("i", olds, { appId: UNKNOWN, orgId: ORG }), { changes: true, replaces: ["appId"], deleteBeforeReplace: false });
  });

  it("updates in place only for verifyCredentials", async () => {
    assert.deepEqual(await ops.diff("i", olds, { appId: APP, orgId: ORG, verifyCredentials: true }), { changes: true, replaces: [], deleteBeforeReplace: false });
  });
});
