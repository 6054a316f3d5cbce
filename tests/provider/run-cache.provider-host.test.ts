/**
 * The listings a run shares, seen from outside as `pulumi up` and `pulumi refresh` use them: one
 * provider host per run, requests counted at the emulator.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { startHostFixture, HostFixture, TYPES } from "../../harness/host-fixture";
import { startProviderHost, ProviderHost, PropertyMap } from "../../harness/provider-host";

describe("provider/run-cache through Pulumi's provider host: one listing per owner per run", function () {
  this.timeout(120_000);
  let f: HostFixture;
  const hosts: ProviderHost[] = [];

  before(async () => {
    f = await startHostFixture();
  });
  after(async () => {
    for (const host of hosts) await host.stop();
    await f?.stop();
  });

  /** A fresh provider host: a new run, as each `pulumi` command starts one. */
  async function newRun(): Promise<ProviderHost> {
    const host = await startProviderHost({
      cwd: path.resolve(__dirname, "..", "..", ".."),
      project: "snyk-apps-tests",
      config: { "snyk:token": f.emulator.token, "snyk:apiUrl": f.emulator.url },
      env: { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "" },
    });
    hosts.push(host);
    return host;
  }

  async function create(host: ProviderHost, kind: keyof typeof TYPES, name: string, inputs: PropertyMap) {
    const checked = await host.check(f.urn(kind, name), {}, f.withProvider(kind, inputs));
    assert.deepEqual(checked.failures, []);
    const created = await host.create(f.urn(kind, name), checked.inputs);
    return { id: created.id, outputs: created.properties, inputs: checked.inputs };
  }

  const requests = () => f.emulator.admin.requestLog.filter((r) => !r.path.startsWith("/_emulator"));
  const appInputs = (name: string) => ({ orgId: f.emulator.orgId, name, redirectUris: ["https://ci.example.com/cb"], scopes: ["org.read"], context: "tenant" });

  it("the duplicate guard still refuses a copy made by an interrupted run, with one listing for every create of the next run", async () => {
    // The interrupted run: its app exists in Snyk, but its host died before Pulumi recorded it.
    const interrupted = await newRun();
    const lost = await create(interrupted, "app", "lost", appInputs("Made by an interrupted run"));
    await interrupted.kill();

    const next = await newRun();
    f.emulator.admin.clearLog();
    const names = Array.from({ length: 12 }, (_, i) => `Next run app ${i}`);
    const outcomes = await Promise.allSettled([
      create(next, "app", "lost", appInputs("Made by an interrupted run")),
      ...names.map((name, i) => create(next, "app", `next-${i}`, appInputs(name))),
    ]);
    assert.equal(outcomes[0].status, "rejected");
    assert.match(String((outcomes[0] as PromiseRejectedResult).reason.message), new RegExp(`adoptId: "${lost.id}"`));
    assert.ok(outcomes.slice(1).every((o) => o.status === "fulfilled"));
    const appsPath = `/orgs/${f.emulator.orgId}/apps/creations`;
    const pages = Math.ceil((f.emulator.admin.listApps(f.emulator.orgId).length - names.length) / 100);
    assert.equal(requests().filter((r) => r.method === "GET" && r.path === appsPath).length, pages, "one listing of the org's apps for 13 creates");
    assert.deepEqual(requests().filter((r) => r.method === "GET" && r.path !== appsPath).map((r) => r.path), [`${appsPath}/${lost.id}`], "the match is confirmed before it is named");
    assert.equal(requests().filter((r) => r.method === "POST").length, names.length, "no copy was made");

    // Later in the same run, a copy of an app this run created is refused from the folded-in listing.
    f.emulator.admin.clearLog();
    await assert.rejects(create(next, "app", "copy", appInputs(names[0])), /already exists/);
    assert.ok(requests().every((r) => r.method === "GET" && r.path.startsWith(`${appsPath}/`)), "no listing again, only the match's GET");
  });

  it("never names for adoption an app its listing holds but Snyk no longer does", async () => {
    const host = await newRun();
    const made = await create(host, "app", "gone", appInputs("Deleted since the listing"));
    f.emulator.admin.deleteApp(made.id);
    f.emulator.admin.clearLog();
    // The same host (a harness driving a second command through it) still lists the app: the guard GETs it first.
    const again = await create(host, "app", "gone-again", appInputs("Deleted since the listing"));
    assert.notEqual(again.id, made.id);
    assert.deepEqual(requests().map((r) => r.method), ["GET", "POST"], "one GET of the listed match (404), then the create");
  });

  it("a refresh reads many installs of two owners with one listing each, and the apps with one walk of the org's app list, shared by their secrets", async () => {
    const deploy = await newRun();
    const apps = Array.from({ length: 5 }, (_, i) => f.emulator.admin.createClientCredentialsApp({ name: `refresh-cc-${i}` }).appId);
    const installs = await Promise.all(
      apps.flatMap((appId, i) => [
        create(deploy, "install", `org-${i}`, { appId, orgId: f.emulator.orgId }),
        create(deploy, "install", `group-${i}`, { appId, groupId: f.emulator.groupId }),
      ]),
    );
    const app = await create(deploy, "app", "refreshed", appInputs("Refreshed app"));
    const secret = await create(deploy, "secret", "refreshed-secret", {
      orgId: f.emulator.orgId,
      appId: app.id,
      clientId: app.outputs.clientId as string,
      currentSecret: app.outputs.clientSecret as string,
    });
    await deploy.stop();

    const refresh = await newRun();
    f.emulator.admin.clearLog();
    const reads = await Promise.all([
      ...installs.map((install, i) => refresh.read(install.id, f.urn("install", `${i % 2 ? "group" : "org"}-${i >> 1}`), install.outputs)),
      refresh.read(app.id, f.urn("app", "refreshed"), app.outputs),
      refresh.read(secret.id, f.urn("secret", "refreshed-secret"), secret.outputs),
    ]);
    assert.ok(reads.every((r) => r.id !== ""), "everything still exists");
    const routes = requests().map((r) => `${r.method} ${r.path}`).sort();
    assert.deepEqual(routes, [
      `GET /groups/${f.emulator.groupId}/apps/installs`,
      `GET /orgs/${f.emulator.orgId}/apps/creations`,
      `GET /orgs/${f.emulator.orgId}/apps/installs`,
    ]);
    for (const read of reads.slice(0, installs.length)) assert.match(String(read.properties.installedAt), /^\d{4}-/);
  });

  it("a refresh never trusts its listing to say an install is gone: one made after the listing is found", async () => {
    const refresh = await newRun();
    const first = f.emulator.admin.createClientCredentialsApp({ name: "listed" }).appId;
    const deployA = await newRun();
    const a = await create(deployA, "install", "listed", { appId: first, orgId: f.emulator.orgId });
    assert.ok((await refresh.read(a.id, f.urn("install", "listed"), a.outputs)).id, "the listing is taken here");
    // Another pipeline installs while this refresh runs: absent from the listing, present in Snyk.
    const b = await create(deployA, "install", "later", { appId: f.emulator.admin.createClientCredentialsApp({ name: "later" }).appId, orgId: f.emulator.orgId });
    await deployA.stop();
    f.emulator.admin.clearLog();
    assert.equal((await refresh.read(b.id, f.urn("install", "later"), b.outputs)).id, b.id);
    assert.ok(requests().length >= 1, "found by a fresh walk");
  });
});
