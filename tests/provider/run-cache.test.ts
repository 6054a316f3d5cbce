import { strict as assert } from "assert";
import { startEmulator, RunningEmulator } from "../../emulator";
import { SnykClient } from "../../provider/client";
import { LISTING_MAX_AGE_MS, RunCache } from "../../provider/run-cache";
import { appPath } from "../../provider/app-paths";

describe("provider/run-cache: what one run lists and reads once", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let client: SnykClient;
  let now: number;
  const clock = { now: () => now };

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    client = new SnykClient({ token: emulator.token, apiUrl: emulator.url, retry: { maxAttempts: 1 } });
  });
  after(async () => emulator?.close());
  beforeEach(() => {
    now = 1_000_000;
    emulator.admin.clearFaults();
  });

  const requests = () => emulator.admin.requestLog.map((r) => `${r.method} ${r.path}`);
  const orgInstalls = `/orgs/${"{org}"}/apps/installs`;
  const installsPath = () => orgInstalls.replace("{org}", emulator.orgId);

  /** Installs `count` fresh client-credentials apps into the emulator's org, outside the count. */
  async function install(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const app = emulator.admin.createClientCredentialsApp({ name: `cache-${Math.random()}` });
      const response = await client.request<{ data: { id: string } }>("POST", installsPath(), {
        body: { data: { type: "app_install" }, relationships: { app: { data: { id: app.appId, type: "app" } } } },
      });
      ids.push(response.data.data.id);
    }
    return ids;
  }

  const pagesOfInstalls = () => Math.ceil(emulator.admin.listInstalls().filter((i) => i.orgId === emulator.orgId).length / 100);

  it("many callers at once share one listing in flight, and later callers reuse it", async () => {
    const ids = await install(150);
    const run = new RunCache(() => client, { clock });
    emulator.admin.clearLog();
    const found = await Promise.all(ids.map((id) => run.findInstall({ orgId: emulator.orgId }, id)));
    assert.deepEqual(found.map((item) => item?.id), ids);
    const pages = pagesOfInstalls();
    assert.ok(pages >= 2);
    assert.equal(requests().length, pages, "one walk of every page for 150 callers");
    assert.ok(requests().every((r) => r === `GET ${installsPath()}`));
    assert.ok(await run.findInstall({ orgId: emulator.orgId }, ids[3]));
    assert.equal(requests().length, pages, "a later caller reuses the listing");
  });

  it("walks afresh before saying an install is gone: one made after the listing is found", async () => {
    const [first] = await install(1);
    const run = new RunCache(() => client, { clock });
    assert.ok(await run.findInstall({ orgId: emulator.orgId }, first));
    const [later] = await install(1);
    emulator.admin.clearLog();
    const found = await run.findInstall({ orgId: emulator.orgId }, later);
    assert.equal(found?.id, later, "newer than the listing, so not trusted to be absent");
    assert.equal(requests().length, pagesOfInstalls(), "found by a fresh walk");
    emulator.admin.clearLog();
    assert.equal((await run.findInstall({ orgId: emulator.orgId }, later))?.id, later);
    assert.equal(requests().length, 0, "and folded into the run's listing");

    emulator.admin.deleteInstall(later);
    emulator.admin.clearLog();
    assert.equal(await run.findInstall({ orgId: emulator.orgId }, "00000000-0000-4000-8000-00000000beef"), undefined);
    assert.equal(requests().length, pagesOfInstalls(), "absent: only after a fresh walk of every page");
  });

  it("takes the listing again once it is older than the bound, on the client's clock", async () => {
    const [id] = await install(1);
    const run = new RunCache(() => client, { clock });
    await run.findInstall({ orgId: emulator.orgId }, id);
    emulator.admin.clearLog();
    now += LISTING_MAX_AGE_MS;
    await run.findInstall({ orgId: emulator.orgId }, id);
    assert.equal(requests().length, 0, "still fresh at the bound");
    now += 1;
    await run.findInstall({ orgId: emulator.orgId }, id);
    assert.equal(requests().length, pagesOfInstalls(), "listed again past it");
  });

  it("folds in the apps this run created and deleted, without listing again", async () => {
    const run = new RunCache(() => client, { clock });
    const listing = run.appsOf(emulator.orgId);
    const before = (await listing.items()).length;
    emulator.admin.clearLog();
    listing.noteCreated({ id: "made-here", attributes: { name: "n", context: "tenant", scopes: ["org.read"] } });
    const [existing] = await listing.items();
    listing.noteDeleted(existing.id);
    const after = await listing.items();
    assert.equal(after.length, before, "one added, one removed");
    assert.ok(after.some((a) => a.id === "made-here"));
    assert.ok(!after.some((a) => a.id === existing.id));
    assert.equal(requests().length, 0);
  });

  it("does not keep a failed listing: the next caller lists again", async () => {
    const run = new RunCache(() => client, { clock });
    emulator.admin.injectFault({ method: "GET", path: `/orgs/${emulator.orgId}/apps/creations`, times: 1, status: 400 });
    await assert.rejects(run.appsOf(emulator.orgId).items(), /400/);
    emulator.admin.clearLog();
    await run.appsOf(emulator.orgId).items();
    assert.equal(requests().length, Math.ceil(emulator.admin.listApps(emulator.orgId).length / 100));
  });

  const pagesOfApps = () => Math.ceil(emulator.admin.listApps(emulator.orgId).length / 100);

  it("reads many apps, and their secrets' targets, with one walk of the org's app list", async () => {
    const ids = Array.from({ length: 120 }, (_, i) => emulator.admin.createClientCredentialsApp({ name: `read many ${i}` }).appId);
    const run = new RunCache(() => client, { clock });
    emulator.admin.clearLog();
    const [apps, targets] = await Promise.all([
      Promise.all(ids.map((id) => run.readApp(emulator.orgId, id))),
      Promise.all(ids.map((appId) => run.targetExists({ orgId: emulator.orgId, appId }))),
    ]);
    assert.deepEqual(apps.map((a) => a?.id), ids);
    assert.ok(apps.every((a, i) => a?.attributes.name === `read many ${i}` && typeof a.attributes.client_id === "string"));
    assert.ok(apps.every((a) => !("client_secret" in a!.attributes)), "the listing never keeps a secret");
    assert.ok(targets.every((t) => t === true));
    assert.ok(pagesOfApps() >= 2);
    assert.deepEqual(requests(), Array(pagesOfApps()).fill(`GET /orgs/${emulator.orgId}/apps/creations`), "the pages, once, for 240 callers");
  });

  it("GETs an app the listing lacks before saying it is gone: one made after the listing is found, a 404 is gone", async () => {
    const run = new RunCache(() => client, { clock });
    await run.appsOf(emulator.orgId).items();
    const later = emulator.admin.createClientCredentialsApp({ name: "made after the listing" });
    emulator.admin.clearLog();
    assert.equal((await run.readApp(emulator.orgId, later.appId))?.attributes.name, "made after the listing");
    assert.deepEqual(requests(), [`GET ${appPath(emulator.orgId, later.appId)}`], "newer than the listing, so asked");
    emulator.admin.clearLog();
    assert.ok(await run.targetExists({ orgId: emulator.orgId, appId: later.appId }));
    assert.equal(requests().length, 0, "and folded into the run's listing");

    const missing = "00000000-0000-4000-8000-00000000beef";
    assert.equal(await run.readApp(emulator.orgId, missing), undefined);
    assert.deepEqual(requests(), [`GET ${appPath(emulator.orgId, missing)}`], "gone only on Snyk's 404");
  });

  it("GETs an app known only by the declaration it matched, and folds in what this run changed or deleted", async () => {
    const app = emulator.admin.createClientCredentialsApp({ name: "declared" });
    const other = emulator.admin.createClientCredentialsApp({ name: "deleted here" });
    const run = new RunCache(() => client, { clock });
    const listing = run.appsOf(emulator.orgId);
    await listing.items();
    listing.noteCreated({ id: app.appId, attributes: { name: "declared", context: "tenant", scopes: [] }, declaredOnly: true });
    listing.noteDeleted(other.appId);
    emulator.admin.clearLog();
    assert.equal((await run.readApp(emulator.orgId, app.appId))?.attributes.client_id, app.clientId);
    assert.deepEqual(requests(), [`GET ${appPath(emulator.orgId, app.appId)}`]);
    emulator.admin.clearLog();
    assert.equal((await run.readApp(emulator.orgId, other.appId))?.id, other.appId, "deleted by this run, yet Snyk still holds it: asked, not assumed");
    assert.deepEqual(requests(), [`GET ${appPath(emulator.orgId, other.appId)}`]);
  });

  it("a listed app without the attributes a read needs is a malformed answer, never gone", async () => {
    const app = emulator.admin.createClientCredentialsApp({ name: "malformed" });
    const run = new RunCache(() => client, { clock });
    emulator.admin.injectFault({
      method: "GET",
      path: `/orgs/${emulator.orgId}/apps/creations`,
      status: 200,
      body: { jsonapi: { version: "1.0" }, links: {}, data: [{ id: app.appId, type: "app", attributes: { name: 7, scopes: [] } }] },
    });
    await assert.rejects(run.readApp(emulator.orgId, app.appId), (err: Error & { code?: string }) => err.code === "SNYK_MALFORMED_RESPONSE" && /attributes\.name/.test(err.message));
  });
});
