/**
 * The demo with a `pulumi` binary: the real CLI through the Automation API, with a local file
 * backend in a temp folder, on the example stack in this repository.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { RunningEmulator } from "../../emulator";
import { exampleConfig } from "../emulator-config";
import { heading, printOutputs, say } from "./print";

/** The stack name the demo uses; its Pulumi.<stack>.yaml is removed afterwards. */
export const DEMO_STACK = "demo";

/** Deploys, checks drift and destroys the example stack against `emulator` with the real CLI. */
export async function demoWithPulumiCli(emulator: RunningEmulator, root: string): Promise<void> {
  const backend = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-apps-demo-backend-"));
  const envVars = { PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "snyk-apps-demo", SNYK_TOKEN: "" };
  const stack = await LocalWorkspace.createOrSelectStack({ stackName: DEMO_STACK, workDir: root }, { envVars });
  const print = (text: string) => process.stdout.write(text);
  try {
    const config = exampleConfig(emulator);
    for (const [key, value] of Object.entries(config)) {
      await stack.setConfig(key, { value, secret: key === "snyk:token" });
    }
    heading("pulumi up");
    const up = await stack.up({ onOutput: print });
    printOutputs(
      Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value])),
      (name) => up.outputs[name].secret,
    );

    heading("drift: the CI bot is renamed by hand in the Snyk UI (the emulator's admin API)");
    const ciBot = emulator.admin.listApps(emulator.orgId).find((app) => app.name === "CI bot");
    if (ciBot) emulator.admin.renameApp(ciBot.id, "CI bot (renamed by hand)");

    heading("pulumi refresh --preview-only --expect-no-changes (the pipeline's drift check)");
    try {
      await stack.refresh({ onOutput: print, previewOnly: true, expectNoChanges: true });
      say("No drift found");
    } catch {
      say("Drift found: the refresh preview reported changes (a pipeline would fail here)");
    }

    heading("pulumi refresh");
    await stack.refresh({ onOutput: print });

    heading("pulumi destroy");
    await stack.destroy({ onOutput: print });
  } finally {
    await stack.workspace.removeStack(DEMO_STACK).catch(() => undefined);
    fs.rmSync(path.join(root, `Pulumi.${DEMO_STACK}.yaml`), { force: true });
    fs.rmSync(backend, { recursive: true, force: true });
  }
}
