import { strict as assert } from "assert";
import { startHostFixture, HostFixture } from "../../harness/host-fixture";
import { SnykClient } from "../../provider/client";
import { until } from "./client/support/test-server";

describe("provider/app-install through Pulumi's provider host", function () {
  this.timeout(120_000);
  let f: HostFixture;
  let snyk: SnykClient;

  before(async () => {
    f = await startHostFixture();
    snyk = new SnykClient({ token: f.emulator.token, apiUrl: f.emulator.url });
  });
  after(async () => f?.stop());
  afterEach(() => f.emulator.admin.setSecretActivationDelay(0));
  const requests = () => f.emulator.admin.requestLog;
  const tokenWorks = (clientId: string, secret: string) => f.credentialsWork(clientId, secret);

  it("registers clientSecret as a secret output", () => {
    assert.deepEqual(f.secretOutputs.install, ["clientSecret"]);
  });

  it("installs into an org with one POST; the install's own credentials work; the first refresh adds installedAt and appName without drift", async () => {
    f.emulator.admin.clearLog();
    const declared = { appId: f.emulator.brokerApp.appId, orgId: f.emulator.orgId };
    const { id, outputs } = await f.create("install", "broker-org", declared);
    const path = `/orgs/${f.emulator.orgId}/apps/installs`;
    assert.deepEqual(requests().map((r) => `${r.method} ${r.path}`), [`POST ${path}`]);
    assert.equal(outputs.installId, id);
    assert.equal(outputs.appId, f.emulator.brokerApp.appId);
    assert.ok(await tokenWorks(outputs.clientId as string, outputs.clientSecret as string));
    const read = await f.host.read(id, f.urn("install", "broker-org"), outputs);
    assert.deepEqual({ ...read.properties, installedAt: undefined, appName: undefined }, { ...outputs, installedAt: undefined, appName: undefined });
    assert.match(String(read.properties.installedAt), /^\d{4}-\d\d-\d\dT/);
    // The engine's refresh reports drift only when Diff(refreshed outputs, inputs) finds a change.
    const drift = await f.host.diff(id, f.urn("install", "broker-org"), read.properties, f.withProvider("install", declared));
    assert.equal(drift.changes, "none", "a refresh right after create finds no drift");
    assert.equal(read.properties.appName, f.emulator.admin.listApps().find((a) => a.id === f.emulator.brokerApp.appId)!.name);
    assert.equal(read.properties.clientSecret, outputs.clientSecret, "the secret survives refresh");
    await f.host.delete(id, f.urn("install", "broker-org"), outputs);
  });

  it("installs into a group, and deletes with one DELETE (gone already is success)", async () => {
    const { id, outputs } = await f.create("install", "broker-group", { appId: f.emulator.brokerApp.appId, groupId: f.emulator.groupId });
    assert.ok(f.emulator.admin.listInstalls().some((i) => i.id === id && i.groupId === f.emulator.groupId));
    f.emulator.admin.clearLog();
    await f.host.delete(id, f.urn("install", "broker-group"), outputs);
    await f.host.delete(id, f.urn("install", "broker-group"), outputs);
    assert.deepEqual(requests().map((r) => r.method), ["DELETE", "DELETE"]);
    assert.ok(!f.emulator.admin.listInstalls().some((i) => i.id === id));
  });

  it("refresh drops an install removed out of band, and one removed with its app", async () => {
    const a = await f.create("install", "oob", { appId: f.emulator.brokerApp.appId, orgId: f.emulator.orgId });
    f.emulator.admin.deleteInstall(a.id);
    assert.equal((await f.host.read(a.id, f.urn("install", "oob"), a.outputs)).id, "");

    const app = f.emulator.admin.createClientCredentialsApp({ name: "short-lived" });
    const b = await f.create("install", "with-app", { appId: app.appId, orgId: f.emulator.orgId });
    f.emulator.admin.deleteApp(app.appId);
    assert.equal((await f.host.read(b.id, f.urn("install", "with-app"), b.outputs)).id, "");
  });

  it("reads by listing the owner's installs once per run (more than 300 installs); walks afresh before saying one is gone", async () => {
    const made: string[] = [];
    for (let i = 0; i < 320; i++) {
      const app = f.emulator.admin.createClientCredentialsApp({ name: `bulk-${i}` });
      const response = await snyk.request<any>("POST", `/groups/${f.emulator.groupId}/apps/installs`, {
        body: { data: { type: "app_install" }, relationships: { app: { data: { id: app.appId, type: "app" } } } },
      });
      made.push(response.data.data.id);
    }
    const outputs = f.withProvider("install", { appId: "x", groupId: f.emulator.groupId, installId: made[250], clientId: "c" });
    f.emulator.admin.clearLog();
    const other = f.withProvider("install", { appId: "x", groupId: f.emulator.groupId, installId: made[10], clientId: "c" });
    // Reads in flight together, as a refresh sends them, share one listing.
    const [read, second] = await Promise.all([
      f.host.read(made[250], f.urn("install", "bulk"), outputs),
      f.host.read(made[10], f.urn("install", "bulk-2"), other),
    ]);
    assert.equal(read.id, made[250]);
    assert.equal(second.id, made[10]);
    const pages = Math.ceil(f.emulator.admin.listInstalls().filter((i) => i.groupId === f.emulator.groupId).length / 100);
    assert.equal(requests().length, pages, "every page of 100, once, for both reads");
    assert.ok(requests().every((r) => r.query.limit === "100" && r.query.expand === "app"));
    f.emulator.admin.clearLog();
    assert.equal((await f.host.read("00000000-0000-4000-8000-00000000beef", f.urn("install", "bulk"), outputs)).id, "");
    assert.equal(requests().length, pages, "an install absent from the run's listing costs a fresh walk of every page");
  });

  it("verifyCredentials: create waits until Snyk accepts a delayed secret", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "delayed" });
    f.emulator.admin.setSecretActivationDelay(3_600_000); // until the test activates it
    f.emulator.admin.clearLog();
    const exchanges = () => requests().filter((r) => r.path.includes("token"));
    const creating = f.create("install", "verified", { appId: app.appId, orgId: f.emulator.orgId, verifyCredentials: true });
    await Promise.race([until(() => exchanges().some((r) => r.status === 401), 60_000), creating]);
    f.emulator.admin.activatePendingSecrets();
    const { outputs } = await creating;
    assert.deepEqual(exchanges().map((r) => r.status).slice(-1), [200]);
    assert.ok(exchanges().length >= 2, `retried the exchange (${exchanges().length})`);
    assert.equal(outputs.credentialStatus, "valid");
  });

  it("verifyCredentials: refresh shows a revoked install secret as drift", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "revoked-install" });
    const { id, outputs } = await f.create("install", "revoked", { appId: app.appId, orgId: f.emulator.orgId, verifyCredentials: true });
    await snyk.request("POST", `/orgs/${f.emulator.orgId}/apps/installs/${id}/secrets`, { body: { data: { type: "app", attributes: { mode: "replace" } } } });
    const read = await f.host.read(id, f.urn("install", "revoked"), outputs);
    assert.equal(read.properties.credentialStatus, "revoked");
  });

  it("explains why an authorization-code app cannot be installed", async () => {
    const app = await f.create("app", "interactive", { orgId: f.emulator.orgId, name: "i", redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });
    await assert.rejects(f.create("install", "not-installable", { appId: app.id, orgId: f.emulator.orgId }), /appId: .*Only apps that use client credentials/);
  });

  it("names the existing install to adopt when the app is already installed, and adopts it", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "twice" });
    const first = await f.create("install", "first", { appId: app.appId, orgId: f.emulator.orgId });
    await assert.rejects(f.create("install", "second", { appId: app.appId, orgId: f.emulator.orgId }), new RegExp(`adoptId: "${first.id}"`));
    const adopted = await f.create("install", "adopted", { appId: app.appId, orgId: f.emulator.orgId, adoptId: first.id });
    assert.equal(adopted.id, first.id);
    assert.equal(adopted.outputs.clientId, first.outputs.clientId);
    assert.equal(adopted.outputs.clientSecret, undefined);
  });

  it("resetSecretOnAdopt replaces the adopted install's own secrets, never its app's", async () => {
    const app = f.emulator.admin.createClientCredentialsApp({ name: "reset-on-adopt" });
    const appSecretsBefore = f.emulator.admin.activeSecrets(app.appId);
    for (const owner of [{ orgId: f.emulator.orgId }, { groupId: f.emulator.groupId }]) {
      const first = await f.create("install", "lost-secret", { appId: app.appId, ...owner });
      const adopted = await f.create("install", "reset", { appId: app.appId, ...owner, adoptId: first.id, resetSecretOnAdopt: true });
      assert.deepEqual(f.emulator.admin.activeSecrets(first.id), [adopted.outputs.clientSecret]);
      assert.ok(await tokenWorks(adopted.outputs.clientId as string, adopted.outputs.clientSecret as string));
      assert.ok(!(await tokenWorks(first.outputs.clientId as string, first.outputs.clientSecret as string)), "the lost secret no longer works");
    }
    assert.deepEqual(f.emulator.admin.activeSecrets(app.appId), appSecretsBefore, "the app's own secrets are untouched");
  });

  it("rejects bad input at preview with a clear message and no request", async () => {
    f.emulator.admin.clearLog();
    const checked = await f.host.check(f.urn("install", "bad"), {}, f.withProvider("install", { appId: "broker", orgId: f.emulator.orgId, groupId: f.emulator.groupId }));
    assert.deepEqual(checked.failures.map((x) => x.property).sort(), ["appId", "groupId"]);
    assert.equal(requests().length, 0);
  });

  it("diff replaces on another org or group", async () => {
    const { id, outputs } = await f.create("install", "moving", { appId: f.emulator.brokerApp.appId, orgId: f.emulator.orgId });
    const checked = await f.host.check(f.urn("install", "moving"), {}, f.withProvider("install", { appId: f.emulator.brokerApp.appId, groupId: f.emulator.groupId }));
    assert.deepEqual((await f.host.diff(id, f.urn("install", "moving"), outputs, checked.inputs)).replaces, ["orgId", "groupId"]);
    await f.host.delete(id, f.urn("install", "moving"), outputs);
  });
});
