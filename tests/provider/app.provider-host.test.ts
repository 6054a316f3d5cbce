import { strict as assert } from "assert";
import { startHostFixture, HostFixture } from "../../harness/host-fixture";
import { ProviderHostError } from "../../harness/provider-host";

describe("provider/app through Pulumi's provider host", function () {
  this.timeout(60_000);
  let f: HostFixture;
  let orgId: string;
  let counter = 0;
  // Every app gets its own name: the provider refuses to create an exact duplicate of an app.
  const inputs = (name = `CI bot ${++counter}`) => ({
    orgId,
    name,
    redirectUris: ["https://ci.example.com/callback"],
    scopes: ["org.read", "org.project.read"],
    context: "tenant",
    accessTokenTtlSeconds: 3600,
  });

  before(async () => {
    f = await startHostFixture();
    orgId = f.emulator.orgId;
  });
  after(async () => f?.stop());
  beforeEach(() => f.emulator.admin.clearLog());

  const requests = () => f.emulator.admin.requestLog.filter((r) => !r.path.startsWith("/_emulator"));

  it("serializes a small provider with no token, path or config in it", () => {
    assert.ok(f.providers.app.length < 8 * 1024, `__provider is ${f.providers.app.length} bytes`);
    assert.ok(!f.providers.app.includes(f.emulator.token));
    assert.ok(!f.providers.app.includes(process.cwd()), "no absolute path");
    assert.ok(!f.providers.app.includes("\r"));
    assert.deepEqual(f.secretOutputs.app, ["clientSecret"]);
  });

  it("creates with one duplicate check and one POST, returns the secret and echoes every input", async () => {
    const declared = inputs();
    const { id, outputs } = await f.create("app", "ci-bot", declared);
    assert.deepEqual(requests().map((r) => r.method), ["GET", "POST"]);
    assert.equal(outputs.appId, id);
    assert.equal(typeof outputs.clientId, "string");
    assert.match(String(outputs.clientSecret), /.+/);
    for (const [key, value] of Object.entries(declared)) assert.deepEqual(outputs[key], value, key);
    assert.equal(outputs.grantType, "authorization_code");
  });

  it("updates name, redirect URIs and TTL in place with one PATCH and keeps the secret", async () => {
    const declared = inputs();
    const { id, outputs } = await f.create("app", "renamed", declared);
    f.emulator.admin.clearLog();
    const changed = { ...declared, name: "CI bot renamed", redirectUris: ["https://ci.example.com/cb2"], accessTokenTtlSeconds: 7200 };
    const { diff, outputs: after } = await f.update("app", "renamed", id, outputs, changed);
    assert.deepEqual(diff.replaces, []);
    assert.deepEqual(requests().map((r) => r.method), ["PATCH"]);
    assert.equal(after.name, "CI bot renamed");
    assert.deepEqual(after.redirectUris, ["https://ci.example.com/cb2"]);
    assert.equal(after.accessTokenTtlSeconds, 7200);
    assert.equal(after.clientSecret, outputs.clientSecret);
  });

  it("replaces on a scope change: create the new app, then delete the old one", async () => {
    const declared = inputs();
    const { id, outputs } = await f.create("app", "scoped", declared);
    const changed = { ...declared, scopes: ["org.read"] };
    const checked = await f.host.check(f.urn("app", "scoped"), {}, f.withProvider("app", changed));
    const diff = await f.host.diff(id, f.urn("app", "scoped"), outputs, checked.inputs);
    assert.deepEqual(diff.replaces, ["scopes"]);
    assert.equal(diff.deleteBeforeReplace, false);
    const replacement = await f.host.create(f.urn("app", "scoped"), checked.inputs);
    await f.host.delete(id, f.urn("app", "scoped"), outputs);
    const ids = f.emulator.admin.listApps(orgId).map((a: any) => a.id);
    assert.ok(ids.includes(replacement.id));
    assert.ok(!ids.includes(id));
  });

  it("shows no diff when Snyk returns lists in another order", async () => {
    const declared = { ...inputs(), redirectUris: ["https://a.example/1", "https://a.example/2"] };
    const { id, outputs } = await f.create("app", "ordered", declared);
    const reordered = { ...outputs, redirectUris: ["https://a.example/2", "https://a.example/1"], scopes: [...(outputs.scopes as string[])].reverse() };
    const checked = await f.host.check(f.urn("app", "ordered"), {}, f.withProvider("app", declared));
    assert.equal((await f.host.diff(id, f.urn("app", "ordered"), reordered, checked.inputs)).changes, "none");
  });

  it("refresh shows an out-of-band rename as drift, in outputs and inputs, and keeps the secret", async () => {
    const declared = inputs();
    const { id, outputs } = await f.create("app", "drift", declared);
    f.emulator.admin.renameApp(id, "Renamed in the Snyk UI");
    // pulumi refresh is a new command: a new provider host, whose read lists the org's apps once.
    const refresh = await f.newHost();
    f.emulator.admin.clearLog();
    const read = await refresh.read(id, f.urn("app", "drift"), outputs);
    assert.deepEqual(requests().map((r) => `${r.method} ${r.path}`), [`GET /orgs/${orgId}/apps/creations`]);
    assert.equal(read.id, id);
    assert.equal(read.properties.name, "Renamed in the Snyk UI");
    assert.equal(read.inputs?.name, "Renamed in the Snyk UI");
    assert.equal(read.properties.clientSecret, outputs.clientSecret);
    const checked = await f.host.check(f.urn("app", "drift"), read.inputs ?? {}, f.withProvider("app", declared));
    assert.equal((await f.host.diff(id, f.urn("app", "drift"), read.properties, checked.inputs)).changes, "some");
  });

  it("refresh drops an app deleted out of band, without an error", async () => {
    const { id, outputs } = await f.create("app", "gone", inputs());
    f.emulator.admin.deleteApp(id);
    const refresh = await f.newHost();
    f.emulator.admin.clearLog();
    const read = await refresh.read(id, f.urn("app", "gone"), outputs);
    assert.equal(read.id, "");
    assert.deepEqual(requests().map((r) => `${r.method} ${r.path}`), [`GET /orgs/${orgId}/apps/creations`, `GET /orgs/${orgId}/apps/creations/${id}`],
      "absent from the listing, then a 404: only then gone");
  });

  it("deletes with one DELETE, and an app already gone is success", async () => {
    const { id, outputs } = await f.create("app", "deleted", inputs());
    f.emulator.admin.clearLog();
    await f.host.delete(id, f.urn("app", "deleted"), outputs);
    await f.host.delete(id, f.urn("app", "deleted"), outputs);
    assert.deepEqual(requests().map((r) => r.method), ["DELETE", "DELETE"]);
    assert.ok(!f.emulator.admin.listApps(orgId).some((a: any) => a.id === id));
  });

  it("adopts an existing app: no new app, patched to the declared values, secret unknown", async () => {
    const existing = await f.create("app", "made-elsewhere", { ...inputs(), name: "Old name" });
    const before = f.emulator.admin.listApps(orgId).length;
    const adopted = await f.create("app", "adopted", { ...inputs("Adopted name"), adoptId: existing.id });
    assert.equal(adopted.id, existing.id);
    assert.equal(adopted.outputs.name, "Adopted name");
    assert.equal(adopted.outputs.clientSecret, undefined);
    assert.equal(f.emulator.admin.listApps(orgId).length, before);
  });

  it("refuses to adopt an app whose scopes differ, before changing anything", async () => {
    const existing = await f.create("app", "other-scopes", { ...inputs(), scopes: ["org.read"] });
    f.emulator.admin.clearLog();
    await assert.rejects(f.create("app", "adopt-bad", { ...inputs(), adoptId: existing.id }), /adoptId: .*Snyk cannot change scopes/);
    assert.deepEqual(requests().map((r) => r.method), ["GET"]);
  });

  it("a create whose answer is lost names the app to adopt, and adopting it makes no duplicate", async () => {
    const declared = { ...inputs(), name: "Lost answer" };
    f.emulator.admin.injectFault({ method: "POST", path: `/orgs/${orgId}/apps/creations`, afterProcessing: true });
    let adoptId = "";
    await assert.rejects(f.create("app", "lost", declared), (error: ProviderHostError) => {
      adoptId = /adoptId: "([0-9a-f-]+)"/.exec(error.details)?.[1] ?? "";
      return /answer to creating app "Lost answer" .* was lost/.test(error.details);
    });
    const matching = f.emulator.admin.listApps(orgId).filter((a) => a.name === "Lost answer");
    assert.deepEqual(matching.map((a) => a.id), [adoptId]);
    const adopted = await f.create("app", "lost", { ...declared, adoptId, resetSecretOnAdopt: true });
    assert.equal(adopted.id, adoptId);
    assert.equal(f.emulator.admin.listApps(orgId).filter((a) => a.name === "Lost answer").length, 1);
    assert.deepEqual(f.emulator.admin.activeSecrets(adoptId), [adopted.outputs.clientSecret], "the lost secret is replaced by a known one");
  });

  it("refuses to create an exact duplicate of an existing app (left by an interrupted run), naming it to adopt", async () => {
    const declared = inputs();
    const first = await f.create("app", "interrupted", declared);
    f.emulator.admin.clearLog();
    await assert.rejects(f.create("app", "interrupted-again", declared), new RegExp(`already exists .*adoptId: "${first.id}"`, "s"));
    assert.deepEqual(requests().map((r) => r.method), ["GET"], "nothing was created");
    assert.ok((await f.create("app", "renamed-copy", { ...declared, name: `${declared.name} (copy)` })).id, "another name is fine");
  });

  it("rejects bad input at check with one failure per problem and no HTTP request", async () => {
    const checked = await f.host.check(f.urn("app", "bad"), {}, f.withProvider("app", { ...inputs(), name: "", redirectUris: ["not a uri"], accessTokenTtlSeconds: 10 }));
    assert.deepEqual(checked.failures.map((x) => x.property).sort(), ["accessTokenTtlSeconds", "name", "redirectUris"]);
    assert.equal(requests().length, 0);
  });

  it("gives Snyk's 403 as an error a person can act on", async () => {
    await assert.rejects(f.create("app", "foreign", { ...inputs(), orgId: f.emulator.foreignOrgId }), (error: ProviderHostError) => {
      assert.match(error.message, /Snyk API 403/);
      assert.ok(!error.message.includes(f.emulator.token));
      return true;
    });
  });

  it("never writes the token to the host's log", () => {
    const log = f.host.hostLog().join("\n");
    assert.ok(!log.includes(f.emulator.token));
  });
});

describe("provider/app configuration", function () {
  this.timeout(60_000);
  it("fails with a message naming both ways to set a missing token", async () => {
    const f = await startHostFixture({ config: { "snyk:token": "" } });
    try {
      await assert.rejects(
        f.create("app", "no-token", { orgId: f.emulator.orgId, name: "x", redirectUris: ["https://x.example/cb"], scopes: ["org.read"] }),
        /snyk:token.*SNYK_TOKEN/s,
      );
    } finally {
      await f.stop();
    }
  });
});
