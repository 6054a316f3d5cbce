/**
 * `npm run demo`: starts the emulator, deploys the example stack to it, shows a drift check
 * (an app renamed by hand, then refresh), and destroys everything. Uses the real `pulumi` CLI
 * through the Automation API when one is on PATH; otherwise runs the program through Pulumi's own
 * provider host and says so.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { startEmulator } from "../emulator";
import { demoWithProviderHost } from "./demo/with-provider-host";
import { demoWithPulumiCli } from "./demo/with-pulumi-cli";
import { say } from "./demo/print";

function pulumiOnPath(): boolean {
  try {
    execFileSync("pulumi", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..");
  const emulator = await startEmulator({ port: 0, wellKnownIds: true });
  say(`Snyk Apps emulator on ${emulator.url} (org ${emulator.orgId}, group ${emulator.groupId})`);
  try {
    if (pulumiOnPath()) {
      say("Using the pulumi CLI on PATH through the Automation API, with a local file backend in a temp folder.");
      await demoWithPulumiCli(emulator, root);
    } else {
      say("No pulumi CLI on PATH: running the example program through Pulumi's own provider host instead (what `pulumi up` would call).");
      await demoWithProviderHost(emulator, root);
    }
    const left = emulator.admin.listApps(emulator.orgId).length + emulator.admin.listInstalls().length;
    say();
    say(`The emulator holds ${left} apps and installs made by the stack: everything was removed.`);
  } finally {
    await emulator.close();
  }
}

main().catch((error) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
