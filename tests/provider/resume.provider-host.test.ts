/**
 * Init failures, as the engine handles them: a Create that fails after the Snyk object exists is
 * recorded with its properties as the resource's OUTPUTS; the next `pulumi up` (a new provider
 * host process) runs Update with those outputs as `olds`, and must finish what was left undone.
 */
import { strict as assert } from "assert";
import { startHostFixture, HostFixture, TYPES } from "../../harness/host-fixture";
import { ProviderHost, ProviderHostError, PropertyMap } from "../../harness/provider-host";

describe("provider/resume through Pulumi's provider host", function () {
  this.timeout(120_000);
  let f: HostFixture;
  const hosts: ProviderHost[] = [];

  before(async () => {
    f = await startHostFixture();
  });
  after(async () => f?.stop());
  afterEach(async () => {
    f.emulator.admin.clearFaults();
    for (const host of hosts.splice(0)) await host.stop();
  });
  const command = async () => {
    const host = await f.newHost();
    hosts.push(host);
    return host;
  };

  /** Check then Create; answers the init failure the engine records. */
  async function failedCreate(host: ProviderHost, kind: keyof typeof TYPES, name: string, inputs: PropertyMap) {
    const checked = await host.check(f.urn(kind, name), {}, f.withProvider(kind, inputs));
    let failure: ProviderHostError | undefined;
    await assert.rejects(host.create(f.urn(kind, name), checked.inputs), (error: ProviderHostError) => ((failure = error), true));
    assert.ok(failure?.initFailure, `an init failure, not: ${failure?.details}`);
    return { id: failure.initFailure.id, outputs: failure.initFailure.properties, inputs: checked.inputs };
  }
  /** The next `pulumi up`: Check, Diff, then Update with the recorded outputs as olds (the engine updates a resource with init errors even without a diff). */
  async function nextUp(host: ProviderHost, kind: keyof typeof TYPES, name: string, recorded: { id: string; outputs: PropertyMap; inputs: PropertyMap }, inputs: PropertyMap) {
    const checked = await host.check(f.urn(kind, name), recorded.inputs, f.withProvider(kind, inputs));
    const diff = await host.diff(recorded.id, f.urn(kind, name), recorded.outputs, checked.inputs);
    const updated = await host.update(recorded.id, f.urn(kind, name), recorded.outputs, checked.inputs);
    return { diff, outputs: updated.properties };
  }
  const tokenRequests = () => f.emulator.admin.requestLog.filter((r) => r.path === "/oauth2/token").length;

  it("SnykAppSecret: a verification that failed at create is finished by the next up's Update", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "resume-verify" });
    const inputs = { orgId: f.emulator.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret, verifyCredentials: true };
    f.emulator.admin.injectFault({ method: "POST", path: "/oauth2/token", status: 400, times: 1 });
    const recorded = await failedCreate(await command(), "secret", "resume-verify", inputs);
    assert.equal(recorded.outputs.__provider, f.providers.secret);
    f.emulator.admin.clearLog();
    const next = await nextUp(await command(), "secret", "resume-verify", recorded, inputs);
    assert.equal(next.diff.changes, "some", "preview shows the unfinished step");
    assert.ok(tokenRequests() > 0, "the next up exchanged the credentials");
    assert.equal(next.outputs.secretStatus, "valid");
    assert.equal(next.outputs.secret, recorded.outputs.secret, "no second mint");
  });

  it("SnykAppInstall: a verification that failed at create is finished by the next up's Update", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "resume-install-verify" });
    const inputs = { appId: app.appId, orgId: f.emulator.orgId, verifyCredentials: true };
    f.emulator.admin.injectFault({ method: "POST", path: "/oauth2/token", status: 400, times: 1 });
    const recorded = await failedCreate(await command(), "install", "resume-install-verify", inputs);
    assert.equal(recorded.outputs.__provider, f.providers.install);
    const next = await nextUp(await command(), "install", "resume-install-verify", recorded, inputs);
    assert.equal(next.outputs.credentialStatus, "valid");
  });

  it("SnykApp: an adoption whose secret reset failed carries __provider, survives refresh, and the next up yields a clientSecret", async () => {
    const declared = { orgId: f.emulator.orgId, name: "resume-adopt", redirectUris: ["https://resume.example/cb"], scopes: ["org.read"] };
    const made = { appId: (await f.create("app", "resume-adopt-made", declared)).id };
    const inputs = { ...declared, adoptId: made.appId, resetSecretOnAdopt: true };
    f.emulator.admin.injectFault({ method: "POST", path: `/orgs/${f.emulator.orgId}/apps/creations/${made.appId}/secrets`, status: 500, times: 1 });
    const recorded = await failedCreate(await command(), "app", "resume-adopt", inputs);
    assert.equal(recorded.outputs.__provider, f.providers.app, "the bag names the provider, so Read and Delete work");
    const refreshed = await (await command()).read(recorded.id, f.urn("app", "resume-adopt"), recorded.outputs);
    assert.equal(refreshed.id, made.appId);
    const next = await nextUp(await command(), "app", "resume-adopt", recorded, inputs);
    assert.match(String(next.outputs.clientSecret), /.+/);
    assert.deepEqual(f.emulator.admin.activeSecrets(made.appId), [next.outputs.clientSecret]);
  });

  it("SnykAppInstall: an adoption whose secret reset failed yields a clientSecret at the next up", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "resume-install-adopt" });
    const first = await f.create("install", "resume-install-made", { appId: app.appId, orgId: f.emulator.orgId });
    const inputs = { appId: app.appId, orgId: f.emulator.orgId, adoptId: first.id, resetSecretOnAdopt: true };
    f.emulator.admin.injectFault({ method: "POST", path: `/orgs/${f.emulator.orgId}/apps/installs/${first.id}/secrets`, status: 500, times: 1 });
    const recorded = await failedCreate(await command(), "install", "resume-install-adopt", inputs);
    assert.equal(recorded.outputs.clientSecret, undefined);
    const next = await nextUp(await command(), "install", "resume-install-adopt", recorded, inputs);
    assert.match(String(next.outputs.clientSecret), /.+/);
    assert.ok(await f.credentialsWork(String(next.outputs.clientId), String(next.outputs.clientSecret)));
  });
});
