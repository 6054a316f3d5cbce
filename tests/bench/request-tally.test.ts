import { strict as assert } from "assert";
import { counted, tally, LoggedRequest } from "../../bench/support/request-tally";

const id = "0f8c3a52-5f7e-4c39-9d40-2f4f9a1b6c11";

describe("bench request-tally", () => {
  it("counts requests, 429s and other failures, by route shape", () => {
    const log: LoggedRequest[] = [
      { method: "POST", path: `/orgs/${id}/apps/creations`, status: 201, at: 1000 },
      { method: "POST", path: `/orgs/${id}/apps/creations`, status: 429, at: 1010 },
      { method: "GET", path: `/orgs/${id}/apps/installs`, status: 200, at: 1200 },
      { method: "DELETE", path: `/orgs/${id}/apps/installs/${id}`, status: 404, at: 1300 },
      { method: "GET", path: `/orgs/${id}/apps/installs`, status: 0, at: 1400 },
    ];
    assert.deepEqual(tally(log), {
      requests: 5,
      rateLimited: 1,
      failed: 2,
      byRoute: {
        "POST /orgs/{id}/apps/creations": 2,
        "GET /orgs/{id}/apps/installs": 2,
        "DELETE /orgs/{id}/apps/installs/{id}": 1,
      },
      spanMs: 400,
    });
    assert.deepEqual(tally([]), { requests: 0, rateLimited: 0, failed: 0, byRoute: {}, spanMs: 0 });
  });

  it("clears the log before the phase and reads it after", async () => {
    let log: LoggedRequest[] = [{ method: "GET", path: "/before", status: 200, at: 0 }];
    const source = {
      clearLog: async () => void (log = []),
      requestLog: async () => log,
    };
    const phase = await counted(source, async () => {
      log.push({ method: "GET", path: "/during", status: 200, at: Date.now() });
      return "done";
    });
    assert.equal(phase.result, "done");
    assert.equal(phase.tally.requests, 1);
    assert.deepEqual(Object.keys(phase.tally.byRoute), ["GET /during"]);
    assert.ok(phase.firstRequestMs !== undefined && phase.firstRequestMs >= 0);
  });
});
