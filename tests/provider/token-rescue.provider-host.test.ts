/**
 * A token change: `pulumi refresh` and `pulumi destroy` configure the provider with the stack
 * config recorded at the last `pulumi up` (the old token), not the current one. Replayed by
 * starting the refresh's or destroy's provider host with the recorded config.
 */
import { strict as assert } from "assert";
import { startHostFixture, HostFixture } from "../../harness/host-fixture";
import { ProviderHost, ProviderHostError } from "../../harness/provider-host";

describe("provider/token-rescue through Pulumi's provider host", function () {
  this.timeout(60_000);
  let f: HostFixture;
  const hosts: ProviderHost[] = [];
  const STALE = "recorded-token-since-rotated-0000";

  before(async () => {
    f = await startHostFixture();
  });
  after(async () => f?.stop());
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.stop();
  });
  /** The host of a refresh or destroy: the recorded config (the old token), and this shell's environment. */
  const withRecordedConfig = async (env: NodeJS.ProcessEnv) => {
    const host = await f.newHost({ config: { "snyk:token": STALE, "snyk:apiUrl": f.emulator.url }, env });
    hosts.push(host);
    return host;
  };
  const declared = (name: string) => ({ orgId: f.emulator.orgId, name, redirectUris: ["https://rotate.example/cb"], scopes: ["org.read"] });

  it("SNYK_TOKEN rescues refresh and destroy when the recorded token is rejected", async () => {
    const { id, outputs } = await f.create("app", "rotated-refresh", declared("rotated-refresh"));
    const host = await withRecordedConfig({ SNYK_TOKEN: f.emulator.token });
    const read = await host.read(id, f.urn("app", "rotated-refresh"), outputs);
    assert.equal(read.id, id);
    await host.delete(id, f.urn("app", "rotated-refresh"), outputs);
    assert.ok(!f.emulator.admin.listApps(f.emulator.orgId).some((a) => a.id === id), "destroy deleted it");
  });

  it("without SNYK_TOKEN, the 401 says refresh and destroy use the config recorded at the last up, and what to do", async () => {
    const { id, outputs } = await f.create("app", "rotated-401", declared("rotated-401"));
    const host = await withRecordedConfig({});
    await assert.rejects(host.read(id, f.urn("app", "rotated-401"), outputs), (error: ProviderHostError) => {
      assert.match(error.details, /401/);
      assert.match(error.details, /recorded at the last `pulumi up`/);
      assert.match(error.details, /SNYK_TOKEN/);
      assert.ok(!error.details.includes(STALE) && !error.details.includes(f.emulator.token), "no token in the message");
      return true;
    });
    assert.ok(!host.hostLog().join("\n").includes(STALE), "no token in the host log");
  });
});
