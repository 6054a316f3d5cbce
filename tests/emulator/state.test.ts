import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { appBody, installBody, oauth, rest } from "./http";

describe("state", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-emulator-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("survives a restart with statePath: identities, apps, installs and their secrets", async () => {
    const statePath = path.join(dir, "state.json");
    const first = await startEmulator({ statePath });
    const app = (await rest(first, "POST", `/orgs/${first.orgId}/apps/creations`, { body: appBody({ name: "kept" }) })).body.data;
    const install = (await rest(first, "POST", `/orgs/${first.orgId}/apps/installs`, { body: installBody(first.brokerApp.appId) })).body.data;
    await first.close();

    const second = await startEmulator({ statePath });
    try {
      assert.strictEqual(second.token, first.token);
      assert.strictEqual(second.orgId, first.orgId);
      assert.deepStrictEqual(second.brokerApp, first.brokerApp);
      const read = await rest(second, "GET", `/orgs/${second.orgId}/apps/creations/${app.id}`);
      assert.strictEqual(read.body.data.attributes.name, "kept");
      const token = await oauth(second, "/token", { grant_type: "client_credentials", client_id: install.attributes.client_id, client_secret: install.attributes.client_secret });
      assert.strictEqual(token.status, 200);
      const more = (await rest(second, "POST", `/orgs/${second.orgId}/apps/creations`, { body: appBody() })).body.data;
      const list = (await rest(second, "GET", `/orgs/${second.orgId}/apps/creations`)).body.data.map((a: any) => a.id);
      assert.deepStrictEqual(list, [app.id, more.id]);
    } finally {
      await second.close();
    }
  });

  it("keeps identities but forgets everything else on reset", async () => {
    const emu = await startEmulator({ statePath: path.join(dir, "state.json") });
    try {
      await rest(emu, "POST", `/orgs/${emu.orgId}/apps/creations`, { body: appBody() });
      emu.admin.reset();
      assert.deepStrictEqual(emu.admin.listApps(emu.orgId), []);
      assert.deepStrictEqual(emu.admin.listApps().map((app) => app.id), [emu.brokerApp.appId]);
      assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).status, 200);
    } finally {
      await emu.close();
    }
  });
});
