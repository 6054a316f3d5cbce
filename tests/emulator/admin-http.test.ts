import * as assert from "assert";
import { RunningEmulator, startEmulator } from "../../emulator";
import { appBody, installBody, rest } from "./http";

describe("admin-http", () => {
  let emu: RunningEmulator;
  before(async () => (emu = await startEmulator()));
  afterEach(() => emu.admin.reset());
  after(async () => emu.close());

  async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${emu.url}/_emulator${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  it("serves info, creates client-credentials apps and lists them", async () => {
    const info = (await admin("GET", "/info")).body;
    assert.deepStrictEqual([info.url, info.token, info.orgId, info.brokerApp.appId], [emu.url, emu.token, emu.orgId, emu.brokerApp.appId]);
    const created = (await admin("POST", "/apps", { name: "cc" })).body;
    const listed = (await admin("GET", `/apps?orgId=${emu.orgId}`)).body;
    assert.deepStrictEqual(listed.map((app: any) => [app.id, app.grantType]), [[created.appId, "client_credentials"]]);
    assert.strictEqual((await rest(emu, "POST", `/orgs/${emu.orgId}/apps/installs`, { body: installBody(created.appId) })).status, 201);
  });

  it("edits apps out of band: rename, redirect URIs, delete", async () => {
    const app = (await rest(emu, "POST", `/orgs/${emu.orgId}/apps/creations`, { body: appBody() })).body.data;
    assert.strictEqual((await admin("PATCH", `/apps/${app.id}`, { name: "drifted", redirectUris: ["https://other.test/cb"] })).status, 204);
    const read = (await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations/${app.id}`)).body.data.attributes;
    assert.deepStrictEqual([read.name, read.redirect_uris], ["drifted", ["https://other.test/cb"]]);
    assert.strictEqual((await admin("DELETE", `/apps/${app.id}`)).status, 204);
    assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations/${app.id}`)).status, 404);
    assert.strictEqual((await admin("DELETE", `/apps/${app.id}`)).status, 404);
  });

  it("lists and deletes installs, and shows their active secrets", async () => {
    const install = (await rest(emu, "POST", `/orgs/${emu.orgId}/apps/installs`, { body: installBody(emu.brokerApp.appId) })).body.data;
    const listed = (await admin("GET", "/installs")).body;
    assert.deepStrictEqual(listed.map((i: any) => [i.id, i.orgId]), [[install.id, emu.orgId]]);
    assert.deepStrictEqual((await admin("GET", `/secrets/${install.id}`)).body, [install.attributes.client_secret]);
    assert.strictEqual((await admin("DELETE", `/installs/${install.id}`)).status, 204);
    assert.deepStrictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/installs`)).body.data, []);
  });

  it("sets faults (with a RegExp source), rate limit, latency and link style; keeps a log", async () => {
    assert.strictEqual((await admin("POST", "/faults", { pathPattern: "/apps/creations$", status: 502 })).status, 204);
    assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).status, 502);
    assert.strictEqual((await admin("PUT", "/rate-limit", { limit: 1, windowMs: 60000 })).status, 204);
    await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`);
    assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).status, 429);
    assert.strictEqual((await admin("PUT", "/rate-limit", null)).status, 204);
    assert.strictEqual((await admin("PUT", "/latency", { ms: 1 })).status, 204);
    assert.strictEqual((await admin("PUT", "/latency", { ms: -1 })).status, 400);
    assert.strictEqual((await admin("PUT", "/next-link-style", { style: "sideways" })).status, 400);
    const log = (await admin("GET", "/log")).body;
    assert.deepStrictEqual(log.map((entry: any) => entry.status), [502, 200, 429]);
    assert.strictEqual(log[0].operationId, "getOrgApps");
    assert.ok(!JSON.stringify(log).includes(emu.token), "the log holds no token");
    await admin("DELETE", "/log");
    assert.deepStrictEqual((await admin("GET", "/log")).body, []);
  });

  it("answers 404 on an unknown admin route", async () => {
    assert.strictEqual((await admin("GET", "/nothing")).status, 404);
  });
});
