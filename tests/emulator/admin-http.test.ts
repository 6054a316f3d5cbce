import * as assert from "assert";
import * as sinon from "sinon";
import { RunningEmulator, startEmulator } from "../../emulator";
import { adminCall, appBody, installBody, oauth, rest } from "./http";
import { ManualClock } from "./manual-clock";

describe("admin-http", () => {
  let emu: RunningEmulator;
  let clock: ManualClock;
  before(async () => {
    clock = new ManualClock();
    emu = await startEmulator({ clock });
  });
  beforeEach(() => emu.admin.reset());
  after(async () => emu.close());

  const admin = (method: string, path: string, body?: unknown) => adminCall(emu, method, path, { body });

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

  it("sets faults and a rate limit, and keeps a log", async () => {
    assert.strictEqual((await admin("POST", "/faults", { pathGlob: "/orgs/*/apps/creations", status: 502 })).status, 204);
    assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).status, 502);
    assert.strictEqual((await admin("PUT", "/rate-limit", { limit: 1, windowMs: 60000 })).status, 204);
    await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`);
    assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).status, 429);
    assert.strictEqual((await admin("PUT", "/rate-limit", null)).status, 204);
    assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).status, 200);
    const log = (await admin("GET", "/log")).body;
    assert.deepStrictEqual(log.map((entry: any) => entry.status), [502, 200, 429, 200]);
    assert.strictEqual(log[0].operationId, "getOrgApps");
    assert.ok(!JSON.stringify(log).includes(emu.token), "the log holds no token");
    await admin("DELETE", "/log");
    assert.deepStrictEqual((await admin("GET", "/log")).body, []);
  });

  it("clears armed faults", async () => {
    assert.strictEqual((await admin("POST", "/faults", { path: `/orgs/${emu.orgId}/apps/creations`, status: 502, times: 5 })).status, 204);
    assert.strictEqual((await admin("DELETE", "/faults")).status, 204);
    assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).status, 200);
  });

  it("sets a secret activation delay that /oauth2/token honours", async () => {
    const dates = sinon.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    try {
      assert.strictEqual((await admin("PUT", "/secret-activation-delay", { ms: 5000 })).status, 204);
      const app = (await admin("POST", "/apps", { name: "fresh" })).body;
      const form = { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret };
      assert.strictEqual((await oauth(emu, "/token", form)).status, 401);
      dates.tick(5000);
      assert.strictEqual((await oauth(emu, "/token", form)).status, 200);
    } finally {
      dates.restore();
    }
  });

  it("sets a latency that every REST answer waits for on the emulator's clock", async () => {
    assert.strictEqual((await admin("PUT", "/latency", { ms: -1 })).status, 400);
    assert.strictEqual((await admin("PUT", "/latency", { ms: 250 })).status, 204);
    const answer = rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`);
    const first = await Promise.race([clock.nextSleep(), answer.then(() => "answered" as const)]);
    assert.notStrictEqual(first, "answered", "the answer did not wait for the latency");
    const sleep = first as Exclude<typeof first, "answered">;
    assert.strictEqual(sleep.ms, 250);
    sleep.release();
    assert.strictEqual((await answer).status, 200);
  });

  it("sets the style of pagination links", async () => {
    assert.strictEqual((await admin("PUT", "/next-link-style", { style: "sideways" })).status, 400);
    assert.strictEqual((await admin("PUT", "/next-link-style", { style: "absolute" })).status, 204);
    const self = (await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).body.links.self;
    assert.ok(self.startsWith(`${emu.url}/rest/orgs/`), self);
  });

  it("answers 404 on an unknown admin route", async () => {
    assert.strictEqual((await admin("GET", "/nothing")).status, 404);
  });

  describe("content type (a browser page cannot send application/json cross-site without CORS)", () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
      it(`refuses a POST /reset with ${contentType ?? "no"} Content-Type with 415, and changes nothing`, async () => {
        const app = (await rest(emu, "POST", `/orgs/${emu.orgId}/apps/creations`, { body: appBody() })).body.data;
        const answer = await adminCall(emu, "POST", "/reset", { contentType, body: contentType === null ? undefined : "{}" });
        assert.strictEqual(answer.status, 415);
        assert.match(answer.body.error, /application\/json/);
        assert.deepStrictEqual(emu.admin.listApps(emu.orgId).map((a) => a.id), [app.id]);
      });
    }

    it("refuses every changing method without JSON (PUT, PATCH, DELETE too)", async () => {
      for (const [method, path] of [["PUT", "/latency"], ["PATCH", `/apps/${emu.brokerApp.appId}`], ["DELETE", "/log"], ["POST", "/faults"]]) {
        assert.strictEqual((await adminCall(emu, method, path, { contentType: "text/plain", body: '{"ms":1}' })).status, 415, `${method} ${path}`);
      }
    });

    it("accepts application/json with parameters, and GET without a Content-Type", async () => {
      assert.strictEqual((await adminCall(emu, "POST", "/reset", { contentType: "Application/JSON; charset=utf-8" })).status, 204);
      assert.strictEqual((await adminCall(emu, "GET", "/info")).status, 200);
    });
  });
});
