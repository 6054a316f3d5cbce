import * as assert from "assert";
import { RunningEmulator, startEmulator } from "../../emulator";
import { FaultInjector } from "../../emulator/faults";
import { appBody, rest } from "./http";

describe("faults", () => {
  it("matches method and path (string equal, RegExp tested) and uses up its times", () => {
    const faults = new FaultInjector();
    faults.add({ method: "post", path: /creations$/, times: 2, status: 500 });
    assert.strictEqual(faults.take("GET", "/orgs/x/apps/creations"), undefined);
    assert.ok(faults.take("POST", "/orgs/x/apps/creations"));
    assert.ok(faults.take("POST", "/orgs/x/apps/creations"));
    assert.strictEqual(faults.take("POST", "/orgs/x/apps/creations"), undefined);
  });

  describe("over HTTP", () => {
    let emu: RunningEmulator;
    let creations: string;
    before(async () => {
      emu = await startEmulator();
      creations = `/orgs/${emu.orgId}/apps/creations`;
    });
    afterEach(() => emu.admin.reset());
    after(async () => emu.close());

    it("answers the scripted status and headers for the next N requests, then works again", async () => {
      emu.admin.injectFault({ method: "GET", path: creations, times: 2, status: 503, headers: { "retry-after": "1" } });
      for (let i = 0; i < 2; i++) {
        const answer = await rest(emu, "GET", creations);
        assert.strictEqual(answer.status, 503);
        assert.strictEqual(answer.headers.get("retry-after"), "1");
        assert.strictEqual(answer.body.errors[0].status, "503");
      }
      assert.strictEqual((await rest(emu, "GET", creations)).status, 200);
    });

    it("answers a scripted body", async () => {
      emu.admin.injectFault({ path: creations, status: 500, body: { oops: true } });
      assert.deepStrictEqual((await rest(emu, "GET", creations)).body, { oops: true });
    });

    it("destroys the socket without doing the work (reset)", async () => {
      emu.admin.injectFault({ method: "POST", path: creations, reset: true });
      await assert.rejects(rest(emu, "POST", creations, { body: appBody() }));
      assert.deepStrictEqual(emu.admin.listApps(emu.orgId), []);
    });

    it("does the work and then destroys the socket (afterProcessing): the answer is lost", async () => {
      emu.admin.injectFault({ method: "POST", path: creations, afterProcessing: true });
      await assert.rejects(rest(emu, "POST", creations, { body: appBody({ name: "lost answer" }) }));
      assert.deepStrictEqual(emu.admin.listApps(emu.orgId).map((app) => app.name), ["lost answer"]);
      assert.strictEqual(emu.admin.requestLog.at(-1)!.status, 0);
    });

    it("delays a correct answer by delayMs", async () => {
      emu.admin.injectFault({ path: creations, delayMs: 5 });
      assert.strictEqual((await rest(emu, "GET", creations)).status, 200);
    });

    it("applies to OAuth2 paths too", async () => {
      emu.admin.injectFault({ path: "/oauth2/token", status: 500 });
      const response = await fetch(`${emu.url}/oauth2/token`, { method: "POST" });
      assert.strictEqual(response.status, 500);
      assert.strictEqual(((await response.json()) as any).error, "server_error");
    });
  });
});
