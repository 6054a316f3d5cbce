import { strict as assert } from "assert";
import * as path from "path";
import { endpointSettingProblems } from "../../../provider/validation/settings-rules";
import { resolveSettings, ProviderConfigurationError } from "../../../provider/settings";
import { SnykError } from "../../../provider/client/snyk-error";
import { startEmulator, RunningEmulator } from "../../../emulator";
import { startProviderHost, ProviderHost } from "../../../harness/provider-host";
import { serializedProviders } from "./serialized-providers";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("provider/validation/settings-rules", () => {
  it("accepts every Snyk region in any case, an http(s) API URL and a dated version", () => {
    for (const region of ["SNYK-US-01", "snyk-eu-01", "SNYK-AU-01", "SNYK-US-02"]) assert.deepEqual(endpointSettingProblems({ region }), []);
    assert.deepEqual(endpointSettingProblems({ apiUrl: "http://127.0.0.1:4010", apiVersion: "2025-11-05" }), []);
    assert.deepEqual(endpointSettingProblems({ apiVersion: "2024-10-15~beta" }), []);
  });

  it("names the key, the variable and the valid values of each bad setting", () => {
    const [region, apiUrl, version] = endpointSettingProblems({ region: "EU", apiUrl: "api.eu.snyk.io", apiVersion: "latest" });
    assert.match(region, /^snyk:region \(or SNYK_REGION\) is "EU", which is not a Snyk region\. Use one of SNYK-US-01, SNYK-US-02, SNYK-EU-01, SNYK-AU-01, or set snyk:apiUrl/);
    assert.match(apiUrl, /^snyk:apiUrl \(or SNYK_API_URL\): .*"api\.eu\.snyk\.io" is not a valid URL\. Give the API origin/);
    assert.match(version, /^snyk:apiVersion \(or SNYK_API_VERSION\) is "latest"; .* a date such as 2025-11-05/);
    assert.match(endpointSettingProblems({ apiUrl: "ftp://api.snyk.io" })[0], /must use http or https/);
  });

  it("makes resolveSettings throw a ProviderConfigurationError (a SnykError) with every problem", () => {
    assert.throws(
      () => resolveSettings(config({ "snyk:region": "SNYK-XX-01" }), { SNYK_API_VERSION: "v1" }),
      (error: Error) => error instanceof ProviderConfigurationError && error instanceof SnykError && /snyk:region/.test(error.message) && /snyk:apiVersion/.test(error.message),
    );
  });
});

describe("bad provider config through Pulumi's provider host", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let providers: Record<"app", string>;
  const hosts: ProviderHost[] = [];
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    providers = await serializedProviders();
  });
  after(async () => {
    for (const host of hosts) await host.stop();
    await emulator?.close();
  });

  const start = async (config: Record<string, string>) => {
    const host = await startProviderHost({
      cwd: path.resolve(__dirname, "..", "..", "..", ".."),
      project: "p",
      config: { "snyk:token": emulator.token, ...config },
      env: { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "", SNYK_AUTH_SCHEME: "", SNYK_API_VERSION: "" },
    });
    hosts.push(host);
    return host;
  };
  const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/snyk:App::a";
  const inputs = () => ({ __provider: providers.app, orgId: emulator.orgId, name: "Config check", redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });

  for (const [key, value, pattern] of [
    ["snyk:region", "SNYK-MARS-01", /snyk:region \(or SNYK_REGION\) is "SNYK-MARS-01", which is not a Snyk region/],
    ["snyk:authScheme", "basic", /snyk:authScheme must be "token"/],
    ["snyk:apiUrl", "not a url", /snyk:apiUrl \(or SNYK_API_URL\)/],
  ] as const) {
    it(`fails the first check (preview) on a bad ${key}, with no request to Snyk`, async () => {
      emulator.admin.clearLog();
      const host = await start({ "snyk:apiUrl": emulator.url, [key]: value });
      await assert.rejects(host.check(urn, {}, inputs()), pattern);
      assert.deepEqual(emulator.admin.requestLog.filter((r) => !r.path.startsWith("/_emulator")), []);
    });
  }

  it("works once the setting is put right", async () => {
    const host = await start({ "snyk:apiUrl": emulator.url, "snyk:region": "SNYK-EU-01", "snyk:authScheme": "token" });
    const checked = await host.check(urn, {}, inputs());
    assert.deepEqual(checked.failures, []);
    const created = await host.create(urn, checked.inputs);
    assert.ok(emulator.admin.listApps(emulator.orgId).some((a) => a.id === created.id));
  });
});
