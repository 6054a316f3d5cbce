import { strict as assert } from "assert";
import { runProgram, ProgramRunError } from "../../harness/mock-program";
import { UNKNOWN } from "../../harness/provider-host";
import { SnykApp, SnykAppInstall, SnykAppSecret } from "../../sdk";
import { ResourceOptionError } from "../../sdk/resource-options";
import { SnykError } from "../../provider/client";

const ORG = "5e1f0c5a-0000-4000-8000-000000000001";
const APP = "5e1f0c5a-0000-4000-8000-000000000007";
const appArgs = { orgId: ORG, name: "n", redirectUris: ["https://x.example/cb"], scopes: ["org.read"] };
const options = { project: "snyk-apps-tests", stack: "dev" };

describe("sdk/resource-options", function () {
  this.timeout(30_000);

  it("refuses the import option on all three classes, pointing to adoptId (dynamic resources cannot be imported)", async () => {
    for (const declare of [
      () => new SnykApp("a", appArgs, { import: APP }),
      () => new SnykAppInstall("i", { appId: APP, orgId: ORG }, { import: APP }),
      () => new SnykAppSecret("s", { orgId: ORG, appId: APP }, { import: APP }),
    ]) {
      await assert.rejects(runProgram(() => void declare(), options), (error: ProgramRunError) => {
        const cause = error.errors[0];
        assert.ok(cause instanceof ResourceOptionError && cause instanceof SnykError, String(cause));
        assert.match(cause.message, /`import` resource option does not work for Pulumi dynamic resources/);
        return true;
      });
    }
    await assert.rejects(runProgram(() => void new SnykApp("a", appArgs, { import: APP }), options), /adoptId/);
  });

  it("hands replaceOnChanges to the provider as an input, on all three classes", async () => {
    const run = await runProgram(() => {
      new SnykApp("a", appArgs, { replaceOnChanges: ["name"] });
      new SnykAppInstall("i", { appId: APP, orgId: ORG }, { replaceOnChanges: ["verifyCredentials"] });
      new SnykAppSecret("s", { orgId: ORG, appId: APP }, { replaceOnChanges: ["*"] });
      new SnykApp("plain", { ...appArgs, name: "plain" });
    }, options);
    assert.deepEqual(run.byName("a").inputs.replaceOnChanges, ["name"]);
    assert.deepEqual(run.byName("i").inputs.replaceOnChanges, ["verifyCredentials"]);
    assert.deepEqual(run.byName("s").inputs.replaceOnChanges, ["*"]);
    assert.equal(run.byName("plain").inputs.replaceOnChanges, undefined);
  });

  it("feeds a dependent the app's and install's resource id, unknown in a preview where they are created or replaced", async () => {
    const program = () => {
      const app = new SnykApp("a", appArgs);
      const install = new SnykAppInstall("i", { appId: app.appId, orgId: ORG });
      new SnykAppSecret("app-secret", { app });
      new SnykAppSecret("install-secret", { install });
    };
    const run = await runProgram(program, options);
    assert.equal(run.byName("i").inputs.appId, run.byName("a").id);
    assert.equal(run.byName("app-secret").inputs.appId, run.byName("a").id);
    assert.equal(run.byName("install-secret").inputs.installId, run.byName("i").id);
    const preview = await runProgram(program, { ...options, preview: true });
    assert.equal(preview.byName("app-secret").inputs.appId, UNKNOWN);
    assert.equal(preview.byName("i").inputs.appId, UNKNOWN);
  });
});
