import { strict as assert } from "assert";
import { startHostFixture, HostFixture } from "./host-fixture";

describe("provider/runtime through Pulumi's provider host: client notices reach Pulumi's log", function () {
  this.timeout(120_000);
  let f: HostFixture;
  before(async () => { f = await startHostFixture(); });
  after(async () => f?.stop());
  const appInputs = (name: string) => ({ orgId: f.emulator.orgId, name, redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });
  const hostLog = () => f.host.hostLog().join("\n");

  it("says why a step is slow: the wait for Snyk's rate limit is logged", async () => {
    f.emulator.admin.injectFault({ method: "POST", path: `/orgs/${f.emulator.orgId}/apps/creations`, status: 429, headers: { "retry-after": "1" } });
    const { id } = await f.create("app", "rate-limited", appInputs("rate-limited"));
    assert.ok(f.emulator.admin.listApps().some((a) => a.id === id), "created after the wait");
    assert.match(hostLog(), /info: .*Snyk: POST \/orgs\/[^ ]+\/apps\/creations failed \(429\); retrying in 1 s/);
    assert.match(hostLog(), /info: .*Snyk's rate limit was reached \(429\); holding requests for 1 s/);
  });

  it("warns when Snyk announces the pinned API version's deprecation", async () => {
    const { id, outputs } = await f.create("app", "deprecated", appInputs("deprecated"));
    const sunset = "Wed, 01 Jul 2026 00:00:00 GMT";
    f.emulator.admin.injectFault({ method: "DELETE", path: `/orgs/${f.emulator.orgId}/apps/creations/${id}`, status: 204, headers: { deprecation: "true", sunset } });
    await f.host.delete(id, f.urn("app", "deprecated"), outputs);
    assert.match(hostLog(), new RegExp(`warning: .*Snyk marks REST version \\S+ as deprecated, to be removed on ${sunset}`));
  });

  it("never logs the token", () => {
    assert.ok(!hostLog().includes(f.emulator.token));
  });
});
