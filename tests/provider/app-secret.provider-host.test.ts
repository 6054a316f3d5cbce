import { strict as assert } from "assert";
import { startHostFixture, HostFixture } from "../../harness/host-fixture";
import * as path from "path";
import { ProviderHostError, PropertyMap, startProviderHost } from "../../harness/provider-host";
import { SnykClient } from "../../provider/client";
import { until } from "./client/support/test-server";

describe("provider/app-secret through Pulumi's provider host", function () {
  this.timeout(60_000);
  let f: HostFixture;
  let snyk: SnykClient;
  const secretsSeen = new Set<string>();

  before(async () => {
    f = await startHostFixture({ config: { "snyk:verifyTimeoutMs": "5000" } });
    snyk = new SnykClient({ token: f.emulator.token, apiUrl: f.emulator.url });
  });
  after(async () => f?.stop());
  afterEach(() => f.emulator.admin.setSecretActivationDelay(0));

  const remember = (outputs: PropertyMap) => {
    for (const key of ["secret", "previousSecret", "clientSecret"]) if (typeof outputs[key] === "string") secretsSeen.add(outputs[key] as string);
    return outputs;
  };
  const tokenWorks = (clientId: string, secret: string) => f.credentialsWork(clientId, secret);
  async function authCodeApp(name: string) {
    const { id, outputs } = await f.create("app", name, { orgId: f.emulator.orgId, name, redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });
    return { appId: id, clientId: outputs.clientId as string, clientSecret: remember(outputs).clientSecret as string };
  }

  it("registers secret and previousSecret as secret outputs", () => {
    assert.deepEqual(f.secretOutputs.secret, ["secret", "previousSecret"]);
  });

  it("mints a second secret beside the app's creation secret, which stays valid", async () => {
    const app = await authCodeApp("minted");
    const { id, outputs } = await f.create("secret", "minted-secret", { orgId: f.emulator.orgId, appId: app.appId, currentSecret: app.clientSecret, rotationTriggers: { q: "1" } });
    remember(outputs);
    assert.equal(id, app.appId);
    assert.equal(outputs.previousSecret, app.clientSecret);
    assert.notEqual(outputs.secret, app.clientSecret);
    assert.deepEqual(f.emulator.admin.activeSecrets(app.appId), [app.clientSecret, outputs.secret]);
    assert.ok(!("currentSecret" in outputs), "the handed-over secret is not echoed into outputs");
  });

  it("rotates without downtime: the previous secret stays valid, the oldest is deleted, never more than 2", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "rotating" });
    const inputs = { orgId: f.emulator.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret, verifyCredentials: true, rotationTriggers: { window: "2026-01" } };
    const created = await f.create("secret", "rotating", inputs);
    let outputs = remember(created.outputs);
    const history = [app.clientSecret, outputs.secret as string];
    for (const window of ["2026-04", "2026-07", "2026-10"]) {
      const step = await f.update("secret", "rotating", created.id, outputs, { ...inputs, rotationTriggers: { window } });
      assert.equal(step.diff.changes, "some");
      assert.deepEqual(step.diff.replaces, []);
      const previous = outputs.secret as string;
      outputs = remember(step.outputs);
      history.push(outputs.secret as string);
      assert.equal(outputs.previousSecret, previous);
      assert.deepEqual(f.emulator.admin.activeSecrets(app.appId), [previous, outputs.secret]);
      assert.ok(await tokenWorks(app.clientId, previous), "previous secret still works");
      assert.ok(await tokenWorks(app.clientId, outputs.secret as string), "new secret works");
      assert.ok(!(await tokenWorks(app.clientId, history[history.length - 3])), "the oldest is revoked");
      assert.equal(outputs.secretStatus, "valid");
    }
  });

  it("does not rotate when the triggers are the same", async () => {
    const app = await authCodeApp("steady");
    const inputs = { orgId: f.emulator.orgId, appId: app.appId, currentSecret: app.clientSecret, rotationTriggers: { q: "1" } };
    const created = await f.create("secret", "steady", inputs);
    remember(created.outputs);
    f.emulator.admin.clearLog();
    const step = await f.update("secret", "steady", created.id, created.outputs, inputs);
    assert.equal(step.diff.changes, "none");
    assert.equal(f.emulator.admin.requestLog.length, 0);
  });

  it("waits for a new secret that Snyk takes time to accept, retrying the exchange", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "slow" });
    f.emulator.admin.setSecretActivationDelay(3_600_000); // until the test activates it
    f.emulator.admin.clearLog();
    const exchanges = () => f.emulator.admin.requestLog.filter((r) => r.path.endsWith("/oauth2/token") || r.path === "/token");
    const creating = f.create("secret", "slow", { orgId: f.emulator.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret, verifyCredentials: true });
    await Promise.race([until(() => exchanges().some((r) => r.status === 401), 60_000), creating]);
    f.emulator.admin.activatePendingSecrets();
    const { outputs } = await creating;
    remember(outputs);
    assert.ok(exchanges().length >= 2, `expected retries, saw ${exchanges().length} exchanges`);
    assert.equal(outputs.secretStatus, "valid");
  });

  it("records the secret in state when verification gives up (nothing lost, nothing orphaned)", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "never" });
    f.emulator.admin.setSecretActivationDelay(60_000);
    const inputs = f.withProvider("secret", { orgId: f.emulator.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret, verifyCredentials: true });
    const impatient = await startHostFor(f, { "snyk:verifyTimeoutMs": "300" });
    try {
      await assert.rejects(impatient.create(f.urn("secret", "never"), inputs), (error: ProviderHostError) => {
        assert.ok(error.initFailure, "a created-but-failed error");
        assert.equal(error.initFailure!.id, app.appId);
        const minted = error.initFailure!.properties.secret as string;
        assert.equal(error.initFailure!.properties.__provider, inputs.__provider, "delete and read will find the provider");
        assert.deepEqual(f.emulator.admin.activeSecrets(app.appId), [app.clientSecret, minted]);
        assert.match(error.details, /did not work at \/oauth2\/token/);
        assert.ok(!error.details.includes(minted));
        secretsSeen.add(minted);
        return true;
      });
    } finally {
      await impatient.stop();
    }
  });

  it("refresh shows a revoked secret as drift, and the next up rotates", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "revoked" });
    const inputs = { orgId: f.emulator.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret, verifyCredentials: true };
    const { id, outputs } = await f.create("secret", "revoked", inputs);
    remember(outputs);
    await snyk.request("POST", `/orgs/${f.emulator.orgId}/apps/creations/${app.appId}/secrets`, { body: { data: { type: "app", attributes: { mode: "replace" } } } });
    const read = await f.host.read(id, f.urn("secret", "revoked"), outputs);
    assert.equal(read.properties.secretStatus, "revoked");
    const step = await f.update("secret", "revoked", id, read.properties, inputs);
    assert.equal(step.diff.changes, "some");
    remember(step.outputs);
    assert.equal(step.outputs.secretStatus, "valid");
    assert.ok(await tokenWorks(app.clientId, step.outputs.secret as string));
  });

  it("says clearly when Snyk holds a secret the resource does not know", async () => {
    const app = await authCodeApp("crowded");
    await snyk.request("POST", `/orgs/${f.emulator.orgId}/apps/creations/${app.appId}/secrets`, { body: { data: { type: "app", attributes: { mode: "create" } } } });
    await assert.rejects(
      f.create("secret", "crowded", { orgId: f.emulator.orgId, appId: app.appId }),
      /already holds 2 live secrets .* knows neither of them.*currentSecret/s,
    );
  });

  it("recoverWithReplace: replaces every secret when Snyk is full of secrets the resource does not know", async () => {
    const app = await authCodeApp("recovered");
    await snyk.request("POST", `/orgs/${f.emulator.orgId}/apps/creations/${app.appId}/secrets`, { body: { data: { type: "app", attributes: { mode: "create" } } } });
    const { outputs } = await f.create("secret", "recovered", { orgId: f.emulator.orgId, appId: app.appId, recoverWithReplace: true });
    remember(outputs);
    assert.deepEqual(f.emulator.admin.activeSecrets(app.appId), [outputs.secret]);
    assert.equal(outputs.previousSecret, undefined, "nothing older works any more");
  });

  it("a rotation whose mint fails keeps the old triggers in state, so the next up rotates", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "retried-rotation" });
    const inputs = { orgId: f.emulator.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret, rotationTriggers: { n: 1 } };
    const created = await f.create("secret", "retried", inputs);
    remember(created.outputs);
    const secretsPath = `/orgs/${f.emulator.orgId}/apps/creations/${app.appId}/secrets`;
    f.emulator.admin.injectFault({ method: "POST", path: secretsPath, times: 1 }); // the delete of the oldest passes
    f.emulator.admin.injectFault({ method: "POST", path: secretsPath, status: 503, times: 1 }); // the mint fails
    const next = { ...inputs, rotationTriggers: { n: 2 } };
    const checked = await f.host.check(f.urn("secret", "retried"), {}, f.withProvider("secret", next));
    let recorded: PropertyMap = {};
    await assert.rejects(f.host.update(created.id, f.urn("secret", "retried"), created.outputs, checked.inputs), (error: ProviderHostError) => {
      recorded = error.initFailure?.properties ?? {};
      return true;
    });
    // The oldest secret is gone and no new one exists: state must hold the secret that still works.
    assert.deepEqual(recorded.rotationTriggers, { n: 1 }, "the rotation is still pending");
    assert.equal(recorded.secret, created.outputs.secret);
    assert.ok(await tokenWorks(app.clientId, recorded.secret as string));
    f.emulator.admin.clearFaults();
    const step = await f.update("secret", "retried", created.id, { ...recorded }, next);
    remember(step.outputs);
    assert.equal(step.diff.changes, "some");
    assert.notEqual(step.outputs.secret, created.outputs.secret);
    assert.ok(await tokenWorks(app.clientId, step.outputs.secret as string));
  });

  it("destroy replaces every secret, so none the stack output still works", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "destroyed" });
    const { id, outputs } = await f.create("secret", "destroyed", { orgId: f.emulator.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret });
    remember(outputs);
    await f.host.delete(id, f.urn("secret", "destroyed"), outputs);
    const live = f.emulator.admin.activeSecrets(app.appId);
    assert.equal(live.length, 1);
    assert.ok(!live.includes(outputs.secret as string) && !live.includes(app.clientSecret));
    assert.ok(!(await tokenWorks(app.clientId, outputs.secret as string)));
    assert.ok(!(await tokenWorks(app.clientId, app.clientSecret)));
  });

  it("rotates an install's secrets the same way", async () => {
    const install = await f.create("install", "broker", { appId: f.emulator.brokerApp.appId, orgId: f.emulator.orgId });
    remember(install.outputs);
    const inputs = { orgId: f.emulator.orgId, installId: install.id, clientId: install.outputs.clientId, currentSecret: install.outputs.clientSecret, verifyCredentials: true, rotationTriggers: { n: 1 } };
    const created = await f.create("secret", "broker-secret", inputs);
    remember(created.outputs);
    const step = await f.update("secret", "broker-secret", created.id, created.outputs, { ...inputs, rotationTriggers: { n: 2 } });
    remember(step.outputs);
    const clientId = install.outputs.clientId as string;
    assert.ok(await tokenWorks(clientId, created.outputs.secret as string), "previous works");
    assert.ok(await tokenWorks(clientId, step.outputs.secret as string), "new works");
    assert.ok(!(await tokenWorks(clientId, install.outputs.clientSecret as string)), "oldest revoked");
    await f.host.delete(install.id, f.urn("install", "broker"), install.outputs);
  });

  it("never writes a secret or the token to the host's log", () => {
    const log = f.host.hostLog().join("\n");
    assert.ok(secretsSeen.size > 5);
    for (const secret of [...secretsSeen, f.emulator.token]) assert.ok(!log.includes(secret), "a secret reached the host log");
  });
});

/** A second provider host, with other config, against the fixture's emulator. */
async function startHostFor(f: HostFixture, config: Record<string, string>) {
  return startProviderHost({
    cwd: path.resolve(__dirname, "..", "..", ".."),
    project: "snyk-apps-tests",
    config: { "snyk:token": f.emulator.token, "snyk:apiUrl": f.emulator.url, ...config },
    env: { SNYK_TOKEN: "" },
  });
}
