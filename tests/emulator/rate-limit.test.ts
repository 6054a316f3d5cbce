import * as assert from "assert";
import * as sinon from "sinon";
import { RunningEmulator, startEmulator } from "../../emulator";
import { RateLimiter } from "../../emulator/rate-limit";
import { rest } from "./http";

describe("rate-limit", () => {
  it("limits per key within a fixed window and lets requests through once it ends", () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000 });
    assert.deepStrictEqual([limiter.check("a", 0), limiter.check("a", 1)], [{ limited: false }, { limited: false }]);
    assert.deepStrictEqual(limiter.check("a", 30_000), { limited: true, resetSeconds: 30 });
    assert.deepStrictEqual(limiter.check("b", 30_000), { limited: false });
    assert.deepStrictEqual(limiter.check("a", 60_000), { limited: false });
  });

  describe("over HTTP", () => {
    let emu: RunningEmulator;
    let clock: sinon.SinonFakeTimers;
    before(async () => (emu = await startEmulator({ rateLimit: { limit: 3, windowMs: 10_000 } })));
    beforeEach(() => (clock = sinon.useFakeTimers({ now: Date.now(), toFake: ["Date"] })));
    afterEach(() => {
      clock.restore();
      emu.admin.reset();
    });
    after(async () => emu.close());

    it("answers 429 with X-RateLimit-Reset and Retry-After past the limit, per token, until the window ends", async () => {
      const path = `/orgs/${emu.orgId}/apps/creations`;
      for (let i = 0; i < 3; i++) assert.strictEqual((await rest(emu, "GET", path)).status, 200);
      const limited = await rest(emu, "GET", path);
      assert.strictEqual(limited.status, 429);
      assert.strictEqual(limited.headers.get("x-ratelimit-reset"), "10");
      assert.strictEqual(limited.headers.get("retry-after"), "10");
      assert.strictEqual(limited.body.errors[0].status, "429");
      assert.strictEqual((await rest(emu, "GET", path, { auth: "token other" })).status, 401);
      clock.tick(10_000);
      assert.strictEqual((await rest(emu, "GET", path)).status, 200);
    });

    it("can be switched off and on at run time", async () => {
      emu.admin.setRateLimit(null);
      for (let i = 0; i < 5; i++) assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).status, 200);
      emu.admin.setRateLimit({ limit: 1, windowMs: 1000 });
      await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`);
      assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`)).status, 429);
    });
  });
});
