/**
 * Several Snyk tenants or regions, as the README advises: one stack per tenant (each with its own
 * `snyk:token` in its own config) from the same program, and lookups that reach another tenant
 * through `settings`. No token is ever a resource input, so none is in either stack's state.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SnykApp, getApps } from "../../sdk";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ProgramHarness } from "../../harness/program-harness";

describe("sdk/lookup-client: several Snyk tenants, one stack each", function () {
  this.timeout(120_000);
  let us: RunningEmulator;
  let eu: RunningEmulator;
  let dir: string;
  before(async () => {
    us = await startEmulator({ port: 0 });
    eu = await startEmulator({ port: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tenants-"));
  });
  after(async () => {
    await us?.close();
    await eu?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stackFor = (name: string, tenant: RunningEmulator) =>
    new ProgramHarness({
      statePath: path.join(dir, `${name}.json`),
      project: "tenants",
      stack: name,
      cwd: path.resolve(__dirname, "..", "..", ".."),
      config: { "snyk:token": tenant.token, "snyk:apiUrl": tenant.url, "tenants:orgId": tenant.orgId },
      // Set as `pulumi config set --secret` does: Pulumi records stack config in the state, secrets encrypted.
      secretConfigKeys: ["snyk:token"],
      env: { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "" },
    });

  // The same program for every tenant: where it deploys is the stack's config.
  const program = () => {
    const orgId = String(require("@pulumi/pulumi").runtime.getConfig("tenants:orgId"));
    const app = new SnykApp("ci-bot", { orgId, name: "CI bot", redirectUris: ["https://ci.example.com/cb"], scopes: ["org.read"] });
    return { appId: app.appId };
  };

  it("deploys the same program to two tenants, each with its own token, and keeps both tokens out of the state in plain text", async () => {
    const usStack = stackFor("snyk-us", us);
    const euStack = stackFor("snyk-eu", eu);
    const usUp = await usStack.up(program);
    const euUp = await euStack.up(program);
    assert.deepEqual([usUp.failures, euUp.failures], [[], []]);
    assert.ok(us.admin.listApps(us.orgId).some((a) => a.id === usUp.outputs.appId));
    assert.ok(eu.admin.listApps(eu.orgId).some((a) => a.id === euUp.outputs.appId));
    assert.ok(!us.admin.listApps(us.orgId).some((a) => a.id === euUp.outputs.appId), "each stack stays in its tenant");
    for (const name of ["snyk-us", "snyk-eu"]) {
      const state = fs.readFileSync(path.join(dir, `${name}.json`), "utf8");
      for (const token of [us.token, eu.token]) assert.ok(!state.includes(token), `a plain token in ${name}'s state`);
    }
    await usStack.destroy();
    await euStack.destroy();
  });

  it("lets a lookup read another tenant through settings, without touching the stack's own", async () => {
    const { apps } = await getApps({ orgId: eu.orgId }, { settings: { token: eu.token, apiUrl: eu.url }, env: { SNYK_TOKEN: us.token, SNYK_API_URL: us.url } });
    assert.deepEqual(apps.map((a) => a.appId).sort(), eu.admin.listApps(eu.orgId).map((a) => a.id).sort());
  });
});
