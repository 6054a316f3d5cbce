import * as assert from "assert";
import { RunningEmulator, startEmulator } from "../../../emulator";
import { appBody, installBody, oauth, rest } from "../http";

describe("routes/installs", () => {
  let emu: RunningEmulator;
  before(async () => (emu = await startEmulator()));
  beforeEach(() => emu.admin.reset());
  after(async () => emu.close());

  const installs = () => `/orgs/${emu.orgId}/apps/installs`;

  it("refuses to install an authorization-code app (400 pointing at the app id)", async () => {
    const app = (await rest(emu, "POST", `/orgs/${emu.orgId}/apps/creations`, { body: appBody() })).body.data;
    const answer = await rest(emu, "POST", installs(), { body: installBody(app.id) });
    assert.strictEqual(answer.status, 400);
    assert.strictEqual(answer.body.errors[0].source.pointer, "/relationships/app/data/id");
  });

  it("gives each install its own client id and secret, which work at /oauth2/token", async () => {
    const a = (await rest(emu, "POST", installs(), { body: installBody(emu.brokerApp.appId) })).body.data;
    const b = (await rest(emu, "POST", `/groups/${emu.groupId}/apps/installs`, { body: installBody(emu.brokerApp.appId) })).body.data;
    assert.notStrictEqual(a.attributes.client_id, b.attributes.client_id);
    assert.notStrictEqual(a.attributes.client_id, emu.brokerApp.clientId);
    for (const install of [a, b]) {
      const token = await oauth(emu, "/token", { grant_type: "client_credentials", client_id: install.attributes.client_id, client_secret: install.attributes.client_secret });
      assert.strictEqual(token.status, 200);
      assert.strictEqual(token.body.refresh_token, undefined);
    }
  });

  it("lists installs with client_id and installed_at, and the app's attributes only with expand=app", async () => {
    const created = (await rest(emu, "POST", installs(), { body: installBody(emu.brokerApp.appId) })).body.data;
    const plain = (await rest(emu, "GET", installs())).body.data[0];
    assert.strictEqual(plain.id, created.id);
    assert.strictEqual(plain.attributes.client_id, created.attributes.client_id);
    assert.ok(!Number.isNaN(Date.parse(plain.attributes.installed_at)));
    assert.strictEqual(plain.attributes.client_secret, undefined);
    assert.strictEqual(plain.relationships.app.data.attributes, undefined);
    const expanded = (await rest(emu, "GET", installs(), { query: { expand: "app" } })).body.data[0];
    assert.deepStrictEqual(expanded.relationships.app.data.attributes, {
      name: "Snyk Broker",
      client_id: emu.brokerApp.clientId,
      context: "tenant",
      scopes: emu.admin.listApps().find((app) => app.id === emu.brokerApp.appId)!.scopes,
    });
    assert.strictEqual((await rest(emu, "GET", installs(), { query: { expand: "org" } })).status, 400);
  });

  it("revokes the install's tokens when it is deleted", async () => {
    const install = (await rest(emu, "POST", installs(), { body: installBody(emu.brokerApp.appId) })).body.data;
    const form = { grant_type: "client_credentials", client_id: install.attributes.client_id, client_secret: install.attributes.client_secret };
    const token = (await oauth(emu, "/token", form)).body.access_token;
    assert.strictEqual((await rest(emu, "GET", installs(), { auth: `bearer ${token}` })).status, 200);
    assert.strictEqual((await rest(emu, "DELETE", `${installs()}/${install.id}`)).status, 204);
    assert.strictEqual((await rest(emu, "GET", installs(), { auth: `bearer ${token}` })).status, 401);
    assert.strictEqual((await oauth(emu, "/token", form)).status, 401);
  });

  it("removes an app's installs and revokes their credentials when the app is deleted", async () => {
    const app = emu.admin.createClientCredentialsApp();
    const install = (await rest(emu, "POST", installs(), { body: installBody(app.appId) })).body.data;
    assert.strictEqual((await rest(emu, "DELETE", `/orgs/${emu.orgId}/apps/creations/${app.appId}`)).status, 204);
    assert.deepStrictEqual((await rest(emu, "GET", installs())).body.data, []);
    const token = await oauth(emu, "/token", { grant_type: "client_credentials", client_id: install.attributes.client_id, client_secret: install.attributes.client_secret });
    assert.strictEqual(token.status, 401);
  });

  it("does not show a group install in the org's list, nor delete it through the org", async () => {
    const install = (await rest(emu, "POST", `/groups/${emu.groupId}/apps/installs`, { body: installBody(emu.brokerApp.appId) })).body.data;
    assert.deepStrictEqual((await rest(emu, "GET", installs())).body.data, []);
    assert.strictEqual((await rest(emu, "DELETE", `${installs()}/${install.id}`)).status, 404);
  });
});
