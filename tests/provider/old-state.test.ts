/**
 * Old state through Pulumi's provider host: state an older version could have written (a field
 * missing, a list stored as text, a number or boolean stored as a string) is understood by diff,
 * update, read and delete, with no replacement proposed for a missing field; a state that cannot
 * be understood is a typed error naming the property, never a raw TypeError.
 */
import { strict as assert } from "assert";
import { startHostFixture, HostFixture } from "../../harness/host-fixture";
import { ProviderHostError } from "../../harness/provider-host-error";
import type { PropertyMap } from "../../harness/provider-host";

function without(map: PropertyMap, ...keys: string[]): PropertyMap {
  const out = { ...map };
  for (const key of keys) delete out[key];
  return out;
}

async function stateError(promise: Promise<unknown>, property: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderHostError, String(error));
    assert.doesNotMatch(error.details, /TypeError|is not iterable|Cannot read/, error.details);
    assert.match(error.details, new RegExp(`holds ${property} .*cannot understand`), error.details);
    return;
  }
  throw new Error(`expected a state error naming ${property}`);
}

describe("provider/old-state through Pulumi's provider host", function () {
  this.timeout(120_000);
  let f: HostFixture;
  before(async () => { f = await startHostFixture(); });
  after(async () => f?.stop());

  const appInputs = (name: string) => ({ orgId: f.emulator.orgId, name, redirectUris: ["https://x.example/cb"], scopes: ["org.read", "org.project.read"] });

  it("app: lists stored as text, numbers and booleans as strings, and a missing context are understood", async () => {
    const app = await f.create("app", "old", appInputs("old"));
    const old = {
      ...without(app.outputs, "context"),
      scopes: "org.read,org.project.read",
      redirectUris: '["https://x.example/cb"]',
      accessTokenTtlSeconds: String(app.outputs.accessTokenTtlSeconds),
      isPublic: String(app.outputs.isPublic),
    };
    const checked = await f.host.check(f.urn("app", "old"), {}, f.withProvider("app", appInputs("old")));
    const diff = await f.host.diff(app.id, f.urn("app", "old"), old, checked.inputs);
    assert.deepEqual(diff.replaces, [], "nothing replaced for a missing or re-typed field");
    assert.equal(diff.changes, "none");
    const read = await f.host.read(app.id, f.urn("app", "old"), old);
    assert.equal(read.id, app.id);
    assert.deepEqual(read.properties.scopes, ["org.read", "org.project.read"]);
    const renamed = await f.update("app", "old", app.id, old, appInputs("old renamed"));
    assert.equal(renamed.outputs.name, "old renamed");
    await f.host.delete(app.id, f.urn("app", "old"), old);
    assert.ok(!f.emulator.admin.listApps().some((a) => a.id === app.id));
  });

  it("app: a missing orgId or scopes proposes no replacement", async () => {
    const app = await f.create("app", "missing", appInputs("missing"));
    const checked = await f.host.check(f.urn("app", "missing"), {}, f.withProvider("app", appInputs("missing")));
    for (const key of ["orgId", "scopes", "context"]) {
      const diff = await f.host.diff(app.id, f.urn("app", "missing"), without(app.outputs, key), checked.inputs);
      assert.deepEqual(diff.replaces, [], key);
    }
  });

  it("app: values that cannot be understood are typed errors naming the property", async () => {
    const app = await f.create("app", "bad", appInputs("bad"));
    const checked = await f.host.check(f.urn("app", "bad"), {}, f.withProvider("app", appInputs("bad")));
    const urn = f.urn("app", "bad");
    await stateError(f.host.diff(app.id, urn, { ...app.outputs, scopes: 5 }, checked.inputs), "scopes");
    await stateError(f.host.diff(app.id, urn, { ...app.outputs, redirectUris: { a: 1 } }, checked.inputs), "redirectUris");
    await stateError(f.host.update(app.id, urn, { ...app.outputs, accessTokenTtlSeconds: "soon" }, checked.inputs), "accessTokenTtlSeconds");
    await stateError(f.host.read(app.id, urn, { ...app.outputs, name: { x: 1 } }), "name");
    await stateError(f.host.read(app.id, urn, without(app.outputs, "orgId")), "orgId");
    await stateError(f.host.delete(app.id, urn, without(app.outputs, "orgId")), "orgId");
    assert.ok(f.emulator.admin.listApps().some((a) => a.id === app.id), "nothing was deleted on a state it could not read");
  });

  it("install: booleans as strings and a missing appId are understood; a missing owner is a typed error", async () => {
    const appId = f.emulator.admin.createClientCredentialsApp({ name: "old-install" }).appId;
    const inputs = { appId, orgId: f.emulator.orgId, verifyCredentials: false };
    const install = await f.create("install", "old", inputs);
    const urn = f.urn("install", "old");
    const checked = await f.host.check(urn, {}, f.withProvider("install", inputs));
    const diff = await f.host.diff(install.id, urn, { ...without(install.outputs, "appId"), verifyCredentials: "false" }, checked.inputs);
    assert.deepEqual(diff.replaces, []);
    assert.equal(diff.changes, "none");
    assert.equal((await f.host.read(install.id, urn, { ...install.outputs, verifyCredentials: "false" })).id, install.id);
    await stateError(f.host.diff(install.id, urn, { ...install.outputs, verifyCredentials: 3 }, checked.inputs), "verifyCredentials");
    await stateError(f.host.read(install.id, urn, without(install.outputs, "orgId")), "orgId or groupId");
    await stateError(f.host.delete(install.id, urn, without(install.outputs, "orgId")), "orgId or groupId");
    assert.ok(f.emulator.admin.listInstalls().some((i) => i.id === install.id));
  });

  it("secret: a missing target key proposes no replacement; a previousSecret of another type is a typed error", async () => {
    const app = await f.create("app", "for-secret", appInputs("for-secret"));
    const inputs = { orgId: f.emulator.orgId, appId: app.id, currentSecret: String(app.outputs.clientSecret) };
    const secret = await f.create("secret", "old", inputs);
    const urn = f.urn("secret", "old");
    const checked = await f.host.check(urn, {}, f.withProvider("secret", inputs));
    const diff = await f.host.diff(secret.id, urn, without(secret.outputs, "appId"), checked.inputs);
    assert.deepEqual(diff.replaces, []);
    const rotate = await f.host.check(urn, {}, f.withProvider("secret", { ...inputs, rotationTriggers: { n: 2 } }));
    await stateError(f.host.update(secret.id, urn, { ...secret.outputs, previousSecret: 42.5 }, rotate.inputs), "previousSecret");
    await stateError(f.host.read(secret.id, urn, without(secret.outputs, "appId", "installId")), "appId or installId");
  });
});
