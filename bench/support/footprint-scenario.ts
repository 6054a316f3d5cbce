/**
 * One resource of each kind deployed through the harness, to measure what each kind stores: its
 * serialized provider and its record in the state file.
 */
import * as path from "path";
import { ProgramHarness } from "../../harness/program-harness";
import { BENCH_PROJECT, BENCH_STACK, startBenchHost } from "./bench-host";
import { oneOfEachKind } from "./bench-program";
import { startEmulatorProcess } from "./emulator-process";
import { stateFootprint, StateFootprint } from "./footprint";
import { REPO_ROOT } from "./paths";
import { appCheck } from "./provider-texts";

/** Deploys one of each kind, measures the state file, destroys them. */
export async function measureFootprint(appProvider: string, workDir: string): Promise<{ footprint: StateFootprint; hostStartToFirstCheckMs: number }> {
  const emulator = await startEmulatorProcess();
  const statePath = path.join(workDir, "footprint.json");
  try {
    const [installAppId] = await emulator.createClientCredentialsApps(1);
    const config = { "snyk:token": emulator.token, "snyk:apiUrl": emulator.url };
    const bench = await startBenchHost(config, appCheck(appProvider, emulator.orgId));
    try {
      const harness = new ProgramHarness({ statePath, project: BENCH_PROJECT, stack: BENCH_STACK, cwd: REPO_ROOT, config, host: bench.host });
      const up = await harness.up(oneOfEachKind(emulator.orgId, installAppId));
      if (up.failures.length > 0) throw new Error(`footprint deploy failed: ${up.failures.map((f) => f.message).join("; ")}`);
      const footprint = stateFootprint(statePath);
      await harness.destroy();
      return { footprint, hostStartToFirstCheckMs: bench.startToFirstCheckMs };
    } finally {
      await bench.stop();
    }
  } finally {
    await emulator.close();
  }
}
