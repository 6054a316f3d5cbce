/**
 * How the serialized provider is configured inside Pulumi's provider host: the host caches the
 * provider object before `configure` resolves, and calls `configure` once per `__provider` text.
 */
import { strict as assert } from "assert";
import { startHostFixture, HostFixture } from "../../harness/host-fixture";
import { ProviderHost, ProviderHostError } from "../../harness/provider-host";

describe("provider/serializable-provider through Pulumi's provider host", function () {
  this.timeout(60_000);
  let f: HostFixture;
  const hosts: ProviderHost[] = [];

  before(async () => {
    f = await startHostFixture();
  });
  after(async () => f?.stop());
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.stop();
  });
  const hostWith = async (config: Record<string, string>, env: NodeJS.ProcessEnv) => {
    const host = await f.newHost({ config, env });
    hosts.push(host);
    return host;
  };
  const appInputs = () => f.withProvider("app", { orgId: f.emulator.orgId, name: "configured", redirectUris: ["https://c.example/cb"], scopes: ["org.read"] });

  it("a failed configure fails every later call the same way, never falling back to the environment alone", async () => {
    const host = await hostWith(
      { "snyk:token": f.emulator.token, "snyk:apiUrl": f.emulator.url, "snyk:authScheme": "basic" },
      { SNYK_TOKEN: f.emulator.token, SNYK_API_URL: f.emulator.url },
    );
    const messages: string[] = [];
    for (let call = 0; call < 2; call++) {
      await assert.rejects(host.check(f.urn("app", "configured"), {}, appInputs()), (error: ProviderHostError) => (messages.push(error.details), true));
    }
    await assert.rejects(host.create(f.urn("app", "configured"), appInputs()), (error: ProviderHostError) => (messages.push(error.details), true));
    assert.match(messages[0], /snyk:authScheme must be "token"/);
    assert.deepEqual(messages, [messages[0], messages[0], messages[0]]);
    assert.equal(f.emulator.admin.listApps(f.emulator.orgId).filter((a) => a.name === "configured").length, 0);
  });

  it("config without any snyk:* key and no SNYK_TOKEN: the error names the minimum Pulumi CLI (3.139)", async () => {
    const host = await hostWith({ "snyk-apps-tests:unrelated": "x" }, {});
    await assert.rejects(host.create(f.urn("app", "old-cli"), appInputs()), (error: ProviderHostError) => {
      assert.match(error.details, /snyk:token.*SNYK_TOKEN/s);
      assert.match(error.details, /Pulumi CLIs? older than 3\.139/);
      return true;
    });
  });
});
