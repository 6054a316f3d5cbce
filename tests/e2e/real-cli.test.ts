/**
 * The example stack with the real Pulumi CLI, through the Automation API, against the emulator:
 * up, preview with no changes, refresh after an out-of-band rename, destroy. Runs wherever a
 * `pulumi` binary is on PATH; elsewhere it says so in one line and skips.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { exampleConfig } from "../../examples/emulator-config";

const root = path.resolve(__dirname, "..", "..", "..");
const STACK = "real-cli-test";

function pulumiVersion(): string | undefined {
  try {
    return execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

describe("the example stack with the real pulumi CLI (Automation API)", function () {
  this.timeout(600_000);
  const version = pulumiVersion();
  let emulator: RunningEmulator;
  let backend: string;
  let stack: import("@pulumi/pulumi/automation").Stack;

  before(async function () {
    if (!version) {
      process.stdout.write("    SKIPPED: the real-CLI suite needs a `pulumi` binary on PATH, and this machine has none.\n");
      this.skip();
    }
    const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
    emulator = await startEmulator({ port: 0, wellKnownIds: true });
    backend = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-apps-cli-"));
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: STACK, workDir: root },
      { envVars: { PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "test-only", SNYK_TOKEN: "" } },
    );
    for (const [key, value] of Object.entries(exampleConfig(emulator))) {
      await stack.setConfig(key, { value, secret: key === "snyk:token" });
    }
  });

  after(async () => {
    if (!version) return;
    await stack?.workspace.removeStack(STACK).catch(() => undefined);
    fs.rmSync(path.join(root, `Pulumi.${STACK}.yaml`), { force: true });
    if (backend) fs.rmSync(backend, { recursive: true, force: true });
    await emulator?.close();
  });

  it("up creates the stack's five resources with secret outputs", async () => {
    const up = await stack.up();
    assert.equal(up.summary.resourceChanges?.create, 6, "five resources and the stack");
    assert.equal(up.outputs.ciBotSecret.secret, true);
    assert.equal(up.outputs.brokerOrgClientSecret.secret, true);
    assert.equal(emulator.admin.listApps(emulator.orgId).length, 2);
  });

  it("preview right after up shows no changes", async () => {
    const preview = await stack.preview({ expectNoChanges: true });
    assert.equal(preview.changeSummary.same, 6);
  });

  it("refresh --preview-only --expect-no-changes passes, then catches an out-of-band rename", async () => {
    await stack.refresh({ previewOnly: true, expectNoChanges: true });
    const ciBot = emulator.admin.listApps(emulator.orgId).find((a) => a.name === "CI bot")!;
    emulator.admin.renameApp(ciBot.id, "Renamed by hand");
    await assert.rejects(stack.refresh({ previewOnly: true, expectNoChanges: true }));
    const refresh = await stack.refresh();
    assert.equal(refresh.summary.resourceChanges?.update, 1);
  });

  it("the state never holds the token or a client secret in plain text", async () => {
    const state = JSON.stringify((await stack.exportStack()).deployment);
    assert.ok(!state.includes(emulator.token));
    for (const app of emulator.admin.listApps(emulator.orgId)) {
      for (const secret of emulator.admin.activeSecrets(app.id)) assert.ok(!state.includes(secret));
    }
  });

  it("destroy removes everything", async () => {
    await stack.destroy();
    assert.equal(emulator.admin.listApps(emulator.orgId).length, 0);
    assert.equal(emulator.admin.listInstalls().filter((i) => i.appId === emulator.brokerApp.appId).length, 0);
  });
});
