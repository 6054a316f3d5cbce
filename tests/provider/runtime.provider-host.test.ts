import { strict as assert } from "assert";
import { startHostFixture, HostFixture } from "../../harness/host-fixture";
import { readErrorTrailer } from "../../provider/client";

describe("provider/runtime through Pulumi's provider host: notices in Pulumi's log, errors with their codes", function () {
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

  it("errors cross the host with their code and advice as data, in the message's trailer", async () => {
    const first = await f.create("app", "twice", appInputs("twice"));
    const error: Error = await f.create("app", "twice-again", appInputs("twice")).then(() => assert.fail("a duplicate was created"), (e) => e);
    assert.match(error.message, /An app matching this declaration/);
    assert.deepEqual(readErrorTrailer(error.message), { code: "APP_MATCH_EXISTS", advice: { adoptId: first.id, resetSecretOnAdopt: true } });
  });

  it("never logs the token", () => {
    assert.ok(!hostLog().includes(f.emulator.token));
  });
});
