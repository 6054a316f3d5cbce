/**
 * `check` through Pulumi's provider host: `null` is rejected for every input (naming the
 * property), and a key that is not an input is rejected whatever its value; no request is sent.
 */
import { strict as assert } from "assert";
import { startHostFixture, HostFixture, TYPES } from "../../../harness/host-fixture";
import type { PropertyMap } from "../../../harness/provider-host";
import { appInputSchema } from "../../../provider/app";
import { appSecretInputSchema } from "../../../provider/app-secret";
import { appInstallInputSchema } from "../../../provider/app-install";

const ORG = "3f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const APP = "4a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

const valid: Record<keyof typeof TYPES, PropertyMap> = {
  app: { orgId: ORG, name: "ci", redirectUris: ["https://x.example/cb"], scopes: ["org.read"] },
  secret: { orgId: ORG, appId: APP, clientId: "c1", currentSecret: "s1", verifyCredentials: false },
  install: { appId: APP, orgId: ORG },
};
const schemas = { app: appInputSchema(), secret: appSecretInputSchema(), install: appInstallInputSchema() };

describe("provider/validation/validate-inputs through Pulumi's provider host", function () {
  this.timeout(60_000);
  let f: HostFixture;
  before(async () => { f = await startHostFixture(); });
  after(async () => f?.stop());

  for (const kind of Object.keys(TYPES) as Array<keyof typeof TYPES>) {
    it(`${kind}: null is rejected for every input, naming the property, with no request`, async () => {
      f.emulator.admin.clearLog();
      const properties = Object.keys(schemas[kind].schema.properties ?? {}).filter((k) => k !== "__provider");
      assert.ok(properties.length >= 4);
      for (const property of properties) {
        const checked = await f.host.check(f.urn(kind, "nulls"), {}, f.withProvider(kind, { ...valid[kind], [property]: null }));
        const mine = checked.failures.filter((x) => x.property === property);
        assert.equal(mine.length, 1, `${kind}.${property}: ${JSON.stringify(checked.failures)}`);
        assert.match(mine[0].reason, new RegExp(`^${property} must not be null`));
      }
      assert.equal(f.emulator.admin.requestLog.length, 0);
    });

    it(`${kind}: a key that is not an input is rejected whatever its value`, async () => {
      for (const value of [null, "x", 0, false, {}, []]) {
        const checked = await f.host.check(f.urn(kind, "typo"), {}, f.withProvider(kind, { ...valid[kind], redirectUri: value }));
        assert.deepEqual(checked.failures.map((x) => x.property), ["redirectUri"], JSON.stringify(value));
        assert.match(checked.failures[0].reason, /not an input of this resource/);
      }
    });
  }

  it("accessTokenTtlSeconds: null fails at check (it used to preview clean and 400 at up)", async () => {
    const checked = await f.host.check(f.urn("app", "ttl"), {}, f.withProvider("app", { ...valid.app, accessTokenTtlSeconds: null }));
    assert.deepEqual(checked.failures.map((x) => x.property), ["accessTokenTtlSeconds"]);
  });

  it("currentSecret: null fails at check, so it can never become previousSecret: null", async () => {
    const checked = await f.host.check(f.urn("secret", "cs"), {}, f.withProvider("secret", { ...valid.secret, currentSecret: null }));
    assert.deepEqual(checked.failures.map((x) => x.property), ["currentSecret"]);
  });

  it("valid inputs still pass", async () => {
    for (const kind of Object.keys(TYPES) as Array<keyof typeof TYPES>) {
      const checked = await f.host.check(f.urn(kind, "ok"), {}, f.withProvider(kind, valid[kind]));
      assert.deepEqual(checked.failures, [], kind);
    }
  });
});
