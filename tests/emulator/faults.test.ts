import * as assert from "assert";
import { MAX_FAULT_GLOB_LENGTH, RunningEmulator, startEmulator } from "../../emulator";
import { FaultInjector } from "../../emulator/faults";
import { adminCall, appBody, rest } from "./http";
import { ManualClock } from "./manual-clock";

describe("faults", () => {
  it("matches method and path (string equal, glob or RegExp) and uses up its times", () => {
    const faults = new FaultInjector();
    faults.add({ method: "post", path: /creations$/, times: 2, status: 500 });
    faults.add({ method: "GET", path: { glob: "/orgs/*/apps/creations" }, status: 502 });
    faults.add({ method: "DELETE", path: "/orgs/x/apps/creations/y", status: 503 });
    assert.strictEqual(faults.take("GET", "/orgs/x/apps/creations")?.status, 502);
    assert.strictEqual(faults.take("GET", "/orgs/x/apps/creations"), undefined);
    assert.strictEqual(faults.take("POST", "/orgs/x/apps/creations")?.status, 500);
    assert.deepStrictEqual(faults.list().map((f) => [f.fault.method, f.remaining]), [["post", 1], ["DELETE", 1]], "what no request used up yet");
    assert.strictEqual(faults.take("POST", "/orgs/x/apps/creations")?.status, 500);
    assert.strictEqual(faults.take("POST", "/orgs/x/apps/creations"), undefined);
    assert.strictEqual(faults.take("DELETE", "/orgs/x/apps/creations/yy"), undefined);
    assert.strictEqual(faults.take("DELETE", "/orgs/x/apps/creations/y")?.status, 503);
    assert.deepStrictEqual(faults.list(), []);
  });

  describe("over HTTP", () => {
    let emu: RunningEmulator;
    let clock: ManualClock;
    let creations: string;
    before(async () => {
      clock = new ManualClock();
      emu = await startEmulator({ clock });
      creations = `/orgs/${emu.orgId}/apps/creations`;
    });
    beforeEach(() => emu.admin.reset());
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

    it("holds a correct answer for delayMs on the emulator's clock, and answers once it has passed", async () => {
      emu.admin.injectFault({ path: creations, delayMs: 5000 });
      const answer = rest(emu, "GET", creations);
      const first = await Promise.race([clock.nextSleep(), answer.then(() => "answered" as const)]);
      assert.notStrictEqual(first, "answered", "the answer came without waiting for the delay");
      const sleep = first as Exclude<typeof first, "answered">;
      assert.strictEqual(sleep.ms, 5000);
      assert.strictEqual(emu.admin.requestLog.at(-1)!.status, 0, "nothing was answered during the delay");
      sleep.release();
      assert.strictEqual((await answer).status, 200);
      assert.strictEqual(emu.admin.requestLog.at(-1)!.status, 200);
    });

    it("applies to OAuth2 paths too", async () => {
      emu.admin.injectFault({ path: "/oauth2/token", status: 500 });
      const response = await fetch(`${emu.url}/oauth2/token`, { method: "POST" });
      assert.strictEqual(response.status, 500);
      assert.strictEqual(((await response.json()) as any).error, "server_error");
    });

    it("takes a pathGlob over HTTP: * within a segment, ** across segments", async () => {
      assert.strictEqual((await adminCall(emu, "POST", "/faults", { body: { method: "GET", pathGlob: "/orgs/*/apps/creations", status: 502 } })).status, 204);
      assert.strictEqual((await adminCall(emu, "POST", "/faults", { body: { method: "POST", pathGlob: "/orgs/**/secrets", status: 503 } })).status, 204);
      assert.strictEqual((await rest(emu, "GET", creations)).status, 502);
      const app = (await rest(emu, "POST", creations, { body: appBody() })).body.data;
      assert.strictEqual((await rest(emu, "POST", `${creations}/${app.id}/secrets`, { body: { data: { type: "app", attributes: { mode: "create" } } } })).status, 503);
    });

    it("refuses a RegExp over HTTP (it could block the server), naming pathGlob instead", async () => {
      const answer = await adminCall(emu, "POST", "/faults", { body: { pathPattern: "(a|a)+$", status: 500 } });
      assert.strictEqual(answer.status, 400);
      assert.match(answer.body.error, /pathGlob/);
      assert.strictEqual((await adminCall(emu, "POST", "/faults", { body: { status: 500 } })).status, 400);
    });

    it(`refuses a pathGlob longer than MAX_FAULT_GLOB_LENGTH (${MAX_FAULT_GLOB_LENGTH}) or not a string`, async () => {
      assert.strictEqual((await adminCall(emu, "POST", "/faults", { body: { pathGlob: "*".repeat(MAX_FAULT_GLOB_LENGTH + 1) } })).status, 400);
      assert.strictEqual((await adminCall(emu, "POST", "/faults", { body: { pathGlob: 42 } })).status, 400);
    });

    it("matches a hostile glob against a long path without blocking (no backtracking)", async () => {
      const hostile = `/${"*a".repeat(MAX_FAULT_GLOB_LENGTH)}`.slice(0, MAX_FAULT_GLOB_LENGTH - 1) + "b";
      assert.strictEqual((await adminCall(emu, "POST", "/faults", { body: { pathGlob: hostile, status: 500 } })).status, 204);
      const answer = await fetch(`${emu.url}/rest/${"a".repeat(8000)}?version=2025-11-05`);
      assert.strictEqual(answer.status, 404);
    });
  });
});
