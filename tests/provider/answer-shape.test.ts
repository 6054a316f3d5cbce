/**
 * Hostile answers through Pulumi's provider host, with a mangling proxy between the provider and
 * the emulator: a malformed list never drops a live object from state nor lets the duplicate
 * guard pass; a garbage answer to a create is handled as a lost answer (the object Snyk made is
 * found and named); garbage on read and update is a typed error naming the request.
 */
import { strict as assert } from "assert";
import { startHostFixture, HostFixture } from "../../harness/host-fixture";
import { ProviderHostError } from "../../harness/provider-host-error";
import { DATA_NULL, HTML_LOGIN, NO_DATA, TRUNCATED, startHostileProxy, type HostileAnswer, type HostileProxy } from "../../harness/hostile-proxy";

async function rejection(promise: Promise<unknown>): Promise<ProviderHostError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderHostError, String(error));
    assert.doesNotMatch(error.details, /TypeError|Cannot read propert|is not iterable|undefined/, error.details);
    return error;
  }
  throw new Error("expected the call to fail");
}

const malformedLists: Record<string, HostileAnswer> = { "data: null": DATA_NULL, "no data": NO_DATA, "an HTML login page": HTML_LOGIN };
const garbageCreates: Record<string, HostileAnswer> = {
  "an HTML page": HTML_LOGIN,
  "truncated JSON": TRUNCATED,
  "data: null": DATA_NULL,
  "a resource without attributes": { status: 201, contentType: "application/vnd.api+json", body: '{"data": {"type": "app", "id": "6e0f1a2b-0000-4000-8000-000000000001"}}' },
};

describe("provider/answer-shape: hostile answers through Pulumi's provider host", function () {
  this.timeout(120_000);
  let f: HostFixture;
  let proxy: HostileProxy;

  before(async () => {
    proxy = await startHostileProxy();
    f = await startHostFixture({ config: { "snyk:apiUrl": proxy.url } });
    proxy.target = f.emulator.url;
  });
  after(async () => {
    await f?.stop();
    await proxy?.close();
  });
  afterEach(() => proxy.clear());

  const freshApp = (name: string) => f.emulator.admin.createClientCredentialsApp({ name: `installable ${name}` }).appId;
  const appInputs = (name: string) => ({ orgId: f.emulator.orgId, name, redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });

  for (const [name, answer] of Object.entries(malformedLists)) {
    it(`refresh with ${name} as the install list keeps the install and its SnykAppSecret (an error, not "gone")`, async () => {
      const install = await f.create("install", `i-${name}`, { appId: freshApp(name), orgId: f.emulator.orgId });
      const secret = await f.create("secret", `s-${name}`, {
        orgId: f.emulator.orgId, installId: install.id, currentSecret: String(install.outputs.clientSecret),
      });
      proxy.add({ method: "GET", path: /\/apps\/installs$/, answer });
      const readInstall = await rejection(f.host.read(install.id, f.urn("install", `i-${name}`), install.outputs));
      assert.match(readInstall.details, new RegExp(`GET /orgs/${f.emulator.orgId}/apps/installs \\(HTTP 200\\) is not what the Snyk API specifies`));
      const readSecret = await rejection(f.host.read(secret.id, f.urn("secret", `s-${name}`), secret.outputs));
      assert.match(readSecret.details, /not what the Snyk API specifies/);
      proxy.clear();
      assert.equal((await f.host.read(install.id, f.urn("install", `i-${name}`), install.outputs)).id, install.id, "a good answer finds it again");
      assert.equal((await f.host.read(secret.id, f.urn("secret", `s-${name}`), secret.outputs)).id, secret.id);
    });
  }

  it("an install gone from a complete, well-formed listing is still reported gone", async () => {
    const install = await f.create("install", "i-gone", { appId: freshApp("gone"), orgId: f.emulator.orgId });
    f.emulator.admin.deleteInstall(install.id);
    assert.equal((await f.host.read(install.id, f.urn("install", "i-gone"), install.outputs)).id, "");
  });

  it("the duplicate guard does not pass on a malformed apps list: no POST is sent", async () => {
    proxy.add({ method: "GET", path: /\/apps\/creations$/, answer: DATA_NULL });
    proxy.seen.length = 0;
    const error = await rejection(f.create("app", "guarded", appInputs("guarded")));
    assert.match(error.details, /GET \/orgs\/[^ ]+\/apps\/creations \(HTTP 200\) is not what the Snyk API specifies/);
    assert.ok(!proxy.seen.some((s) => s.startsWith("POST")), proxy.seen.join(", "));
    assert.ok(!f.emulator.admin.listApps().some((a) => a.name === "guarded"));
  });

  for (const [name, answer] of Object.entries(garbageCreates)) {
    it(`an app create answered with ${name} after Snyk made the app names the app to adopt`, async () => {
      const appName = `garbled ${name}`;
      proxy.add({ method: "POST", path: /\/apps\/creations$/, afterProcessing: true, times: 1, answer });
      const error = await rejection(f.create("app", `g-${name}`, appInputs(appName)));
      const made = f.emulator.admin.listApps().filter((a) => a.name === appName);
      assert.equal(made.length, 1, "Snyk made exactly one app");
      assert.match(error.details, new RegExp(`adoptId: "${made[0].id}"`), error.details);
      assert.match(error.details, /not what the Snyk API specifies/);
    });

    it(`an install create answered with ${name} after Snyk made the install names the install to adopt`, async () => {
      const app = f.emulator.admin.createClientCredentialsApp({ name: `for-install ${name}` });
      proxy.add({ method: "POST", path: /\/apps\/installs$/, afterProcessing: true, times: 1, answer });
      const error = await rejection(f.create("install", `gi-${name}`, { appId: app.appId, orgId: f.emulator.orgId }));
      const made = f.emulator.admin.listInstalls().filter((i) => i.appId === app.appId);
      assert.equal(made.length, 1);
      assert.match(error.details, new RegExp(made[0].id), error.details);
    });
  }

  it("a secret mint answered without the secret is a typed error naming the request", async () => {
    const app = await f.create("app", "mint", appInputs("mint"));
    proxy.add({ method: "POST", path: /\/secrets$/, afterProcessing: true, times: 1, answer: DATA_NULL });
    const error = await rejection(f.create("secret", "mint", { orgId: f.emulator.orgId, appId: app.id, currentSecret: String(app.outputs.clientSecret) }));
    assert.match(error.details, new RegExp(`POST /orgs/${f.emulator.orgId}/apps/creations/${app.id}/secrets \\(HTTP 200\\) is not what the Snyk API specifies: .*client_secret`));
  });

  it("read and update of an app answered with garbage are typed errors naming the request, not a removal", async () => {
    const app = await f.create("app", "rw", appInputs("rw"));
    const list = `/orgs/${f.emulator.orgId}/apps/creations`;
    const path = `${list}/${app.id}`;
    const garbage = [DATA_NULL, HTML_LOGIN, { status: 200, contentType: "application/json", body: `{"data": {"id": "${app.id}", "attributes": {"name": 5, "scopes": "org.read"}}}` }];
    const emptyPage: HostileAnswer = { status: 200, contentType: "application/vnd.api+json", body: JSON.stringify({ jsonapi: { version: "1.0" }, data: [], links: {} }) };
    for (const answer of garbage) {
      // Each refresh is a new provider host: it reads from the org's app list...
      proxy.clear();
      proxy.add({ method: "GET", path: /\/apps\/creations$/, answer });
      const listed = await rejection((await f.newHost()).read(app.id, f.urn("app", "rw"), app.outputs));
      assert.match(listed.details, new RegExp(`GET ${list} \\(HTTP 200\\)`));
      // ...and GETs an app the list lacks.
      proxy.clear();
      proxy.add({ method: "GET", path: /\/apps\/creations$/, answer: emptyPage });
      proxy.add({ method: "GET", path: /\/apps\/creations\/[^/]+$/, answer });
      const got = await rejection((await f.newHost()).read(app.id, f.urn("app", "rw"), app.outputs));
      assert.match(got.details, new RegExp(`GET ${path} \\(HTTP 200\\)`));
    }
    proxy.clear();
    proxy.add({ method: "PATCH", path: /\/apps\/creations\/[^/]+$/, afterProcessing: true, answer: DATA_NULL });
    const update = await rejection(f.update("app", "rw", app.id, app.outputs, { ...appInputs("rw renamed") }));
    assert.match(update.details, new RegExp(`PATCH ${path} \\(HTTP 200\\)`));
  });
});
