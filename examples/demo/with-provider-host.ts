/**
 * The demo without a `pulumi` binary: the example program runs under setMocks and every
 * resource goes through Pulumi's own provider host (harness/program-harness), the way
 * `pulumi up` calls the providers.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RunningEmulator } from "../../emulator";
import { ProgramHarness, formatEvent } from "../../harness/program-harness";
import { snykAppsProgram } from "../program";
import { exampleConfig, PROJECT } from "../emulator-config";
import { heading, printOutputs, say } from "./print";

/** Deploys, checks drift and destroys the example stack against `emulator` through the provider host. */
export async function demoWithProviderHost(emulator: RunningEmulator, root: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-apps-demo-"));
  const harness = new ProgramHarness({
    statePath: path.join(dir, "state.json"),
    project: PROJECT,
    stack: "demo",
    cwd: root,
    config: exampleConfig(emulator),
    secretConfigKeys: ["snyk:token"],
    env: { SNYK_TOKEN: "" },
    onEvent: (event) => {
      if (event.status !== "started") say(formatEvent(event));
    },
  });
  try {
    heading("pulumi up");
    const up = await harness.up(snykAppsProgram);
    if (up.failures.length > 0) throw new Error(`up failed: ${up.failures.map((f) => f.message).join("; ")}`);
    say(`Resources: ${up.created.length} created`);
    printOutputs(up.outputs, (name) => up.secretOutputs.includes(name));

    heading("drift: the CI bot is renamed by hand in the Snyk UI (the emulator's admin API)");
    const ciBot = emulator.admin.listApps(emulator.orgId).find((app) => app.name === "CI bot");
    if (!ciBot) throw new Error("the CI bot app is missing from the emulator");
    emulator.admin.renameApp(ciBot.id, "CI bot (renamed by hand)");

    heading("pulumi refresh");
    const refresh = await harness.refresh();
    const drifted = refresh.changes.filter((c) => c.change !== "same");
    say(drifted.length > 0 ? `Drift found in ${drifted.length} resource(s): ${drifted.map((c) => c.urn.split("::").pop()).join(", ")}` : "No drift found");

    heading("pulumi up (puts the declared name back)");
    const fix = await harness.up(snykAppsProgram);
    say(`Resources: ${fix.updated.length} updated, ${fix.same.length} unchanged`);

    heading("pulumi destroy");
    const destroyed = await harness.destroy();
    if (destroyed.failures.length > 0) throw new Error(`destroy failed: ${destroyed.failures.map((f) => f.message).join("; ")}`);
    say(`Resources: ${destroyed.deleted.length} deleted`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
