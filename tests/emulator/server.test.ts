import * as assert from "assert";
import { MAX_BODY_BYTES, RunningEmulator, startEmulator } from "../../emulator";
import { adminCall, appBody, rawRequest, rest } from "./http";

describe("server", () => {
  let emu: RunningEmulator;
  before(async () => (emu = await startEmulator()));
  beforeEach(() => emu.admin.reset());
  after(async () => emu.close());

  const creations = () => `/orgs/${emu.orgId}/apps/creations`;

  describe("request body size", () => {
    /** A valid create-app body padded with spaces to exactly `bytes` bytes. */
    function paddedAppBody(bytes: number): string {
      const json = JSON.stringify(appBody());
      return json + " ".repeat(bytes - Buffer.byteLength(json));
    }

    it(`serves a body of exactly MAX_BODY_BYTES (${MAX_BODY_BYTES})`, async () => {
      assert.strictEqual((await rest(emu, "POST", creations(), { body: paddedAppBody(MAX_BODY_BYTES) })).status, 201);
    });

    it("answers 413 with a JSON:API error to a REST body one byte larger, and does nothing", async () => {
      const answer = await rest(emu, "POST", creations(), { body: paddedAppBody(MAX_BODY_BYTES + 1) });
      assert.strictEqual(answer.status, 413);
      assert.strictEqual(answer.body.errors[0].status, "413");
      assert.match(answer.body.errors[0].detail, new RegExp(`${MAX_BODY_BYTES} bytes`));
      assert.deepStrictEqual(emu.admin.listApps(emu.orgId), []);
      assert.strictEqual(emu.admin.requestLog.at(-1)!.status, 413);
    });

    it("answers 413 to a chunked body (no Content-Length) as soon as it passes the limit", async () => {
      let sent = 0;
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          // Ten times the limit: a server that buffers everything would take it all in.
          if (sent >= 10 * MAX_BODY_BYTES) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const init = { method: "POST", headers: { authorization: `token ${emu.token}`, "content-type": "application/vnd.api+json" }, body, duplex: "half" };
      const response = await fetch(`${emu.url}/rest${creations()}?version=2025-11-05`, init as RequestInit);
      assert.strictEqual(response.status, 413);
      assert.strictEqual(((await response.json()) as any).errors[0].status, "413");
    });

    it("answers 413 on OAuth2 (OAuth2 error) and admin routes too, and keeps serving", async () => {
      const big = "x".repeat(MAX_BODY_BYTES + 1);
      const token = await fetch(`${emu.url}/oauth2/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: big });
      assert.strictEqual(token.status, 413);
      assert.strictEqual(((await token.json()) as any).error, "invalid_request");
      const admin = await adminCall(emu, "POST", "/apps", { body: big });
      assert.strictEqual(admin.status, 413);
      assert.match(admin.body.error, /too large/);
      assert.strictEqual((await rest(emu, "GET", creations())).status, 200);
    });
  });

  describe("paths", () => {
    const attacks = [
      "/rest/../_emulator/reset",
      "/rest/%2e%2e/_emulator/reset",
      "/rest/%2E%2E/_emulator/reset",
      "/rest/.%2E/_emulator/reset",
      "/rest/orgs/./../../_emulator/reset",
      "/rest/..%2f_emulator/reset",
      "/rest/..%5C_emulator/reset",
      "/rest/..\\_emulator/reset",
      "//_emulator/reset",
      "/rest//..//_emulator/reset",
      "/oauth2/../_emulator/reset",
    ];
    for (const path of attacks) {
      it(`refuses ${path} with 400 before routing, and the admin is not reached`, async () => {
        const app = (await rest(emu, "POST", creations(), { body: appBody() })).body.data;
        const answer = await rawRequest(emu, { method: "POST", path, headers: { "content-type": "application/json" } });
        assert.strictEqual(answer.status, 400, answer.text);
        const body = JSON.parse(answer.text);
        // In the error shape of the area the path claims: JSON:API, or OAuth2's under /oauth2.
        assert.match(path.startsWith("/oauth2/") ? body.error_description : body.errors[0].detail, /normal form/);
        assert.deepStrictEqual(emu.admin.listApps(emu.orgId).map((a) => a.id), [app.id], "the state was not reset");
      });
    }

    it("does not hand out the admin's info (and its token) through /rest/..", async () => {
      const answer = await rawRequest(emu, { method: "GET", path: "/rest/%2e%2e/_emulator/info" });
      assert.strictEqual(answer.status, 400);
      assert.ok(!answer.text.includes(emu.token));
    });

    it("still serves ordinary paths with encoded characters and a query", async () => {
      const app = (await rest(emu, "POST", creations(), { body: appBody() })).body.data;
      const answer = await rawRequest(emu, {
        method: "GET",
        path: `/rest/orgs/${emu.orgId}/apps/creations/${app.id}?version=2025-11-05&x=%2e%2e%2F`,
        headers: { authorization: `token ${emu.token}` },
      });
      assert.strictEqual(answer.status, 200, answer.text);
    });
  });
});
