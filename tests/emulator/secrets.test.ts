import * as assert from "assert";
import { RunningEmulator, startEmulator } from "../../emulator";
import { appBody, installBody, oauth, rest, secretsBody } from "./http";

describe("secrets", () => {
  let emu: RunningEmulator;
  before(async () => (emu = await startEmulator()));
  after(async () => emu.close());

  for (const kind of ["app", "install"] as const) {
    describe(`of an ${kind}`, () => {
      let path: string;
      let id: string;
      let first: string;
      beforeEach(async () => {
        emu.admin.reset();
        if (kind === "app") {
          const app = (await rest(emu, "POST", `/orgs/${emu.orgId}/apps/creations`, { body: appBody() })).body.data;
          [path, id, first] = [`/orgs/${emu.orgId}/apps/creations/${app.id}/secrets`, app.id, app.attributes.client_secret];
        } else {
          const install = (await rest(emu, "POST", `/orgs/${emu.orgId}/apps/installs`, { body: installBody(emu.brokerApp.appId) })).body.data;
          [path, id, first] = [`/orgs/${emu.orgId}/apps/installs/${install.id}/secrets`, install.id, install.attributes.client_secret];
        }
      });
      const manage = (mode: string, secret?: string) => rest(emu, "POST", path, { body: secretsBody(mode, secret) });

      it("create adds a second secret and keeps the first", async () => {
        const answer = await manage("create");
        assert.strictEqual(answer.status, 200);
        assert.deepStrictEqual(emu.admin.activeSecrets(id), [first, answer.body.data.attributes.client_secret]);
      });

      it("refuses a third secret with 409", async () => {
        await manage("create");
        const third = await manage("create");
        assert.strictEqual(third.status, 409);
        assert.strictEqual(emu.admin.activeSecrets(id).length, 2);
      });

      it("replace leaves only the new secret", async () => {
        await manage("create");
        const answer = await manage("replace");
        assert.deepStrictEqual(emu.admin.activeSecrets(id), [answer.body.data.attributes.client_secret]);
        assert.notStrictEqual(answer.body.data.attributes.client_secret, first);
      });

      it("delete removes the secret given by value", async () => {
        const second = (await manage("create")).body.data.attributes.client_secret;
        const answer = await manage("delete", first);
        assert.strictEqual(answer.status, 200);
        assert.deepStrictEqual(emu.admin.activeSecrets(id), [second]);
      });

      it("refuses to delete the last secret (409), an unknown one (404) or none (400)", async () => {
        assert.strictEqual((await manage("delete", first)).status, 409);
        assert.strictEqual((await manage("delete", "snyk_cs_unknown")).status, 404);
        const missing = await manage("delete");
        assert.strictEqual(missing.status, 400);
        assert.strictEqual(missing.body.errors[0].source.pointer, "/data/attributes/secret");
        assert.deepStrictEqual(emu.admin.activeSecrets(id), [first]);
      });

      it("rejects an unknown mode with a pointer at mode", async () => {
        const answer = await manage("rotate");
        assert.strictEqual(answer.status, 400);
        assert.strictEqual(answer.body.errors[0].source.pointer, "/data/attributes/mode");
      });
    });
  }

  it("refuses a fresh secret at /oauth2/token until the activation delay has passed", async () => {
    const clock = (await import("sinon")).useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    try {
      const install = (await rest(emu, "POST", `/orgs/${emu.orgId}/apps/installs`, { body: installBody(emu.admin.createClientCredentialsApp().appId) })).body.data;
      emu.admin.setSecretActivationDelay(5000);
      const path = `/orgs/${emu.orgId}/apps/installs/${install.id}/secrets`;
      const fresh = (await rest(emu, "POST", path, { body: secretsBody("create") })).body.data.attributes.client_secret;
      const form = { grant_type: "client_credentials", client_id: install.attributes.client_id, client_secret: fresh };
      const early = await oauth(emu, "/token", form);
      assert.strictEqual(early.status, 401);
      assert.strictEqual(early.body.error, "invalid_client");
      clock.tick(5000);
      assert.strictEqual((await oauth(emu, "/token", form)).status, 200);
    } finally {
      clock.restore();
      emu.admin.setSecretActivationDelay(0);
    }
  });
});
