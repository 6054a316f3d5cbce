/**
 * Deploying N apps plus N installs with latency injected, then refreshing and destroying them:
 * wall time against `ceil(requests / concurrency) x latency`.
 */
import * as path from "path";
import { startEmulatorProcess } from "./emulator-process";
import { appsAndInstalls } from "./bench-program";
import { runPhases } from "./deployment-phases";
import { appCheck } from "./provider-texts";
import { timedPhase, TimedPhase } from "./timed-phase";
import { StateFootprint, stateFootprint } from "./footprint";

/** The scale scenario's knobs. */
export interface ScaleOptions {
  /** Apps, and installs, to deploy. */
  n: number;
  latencyMs: number;
  /** `snyk:maxConcurrency`. */
  concurrency: number;
  /** Ratio targets: deploy and refresh. */
  targets: { deploy: number; refresh: number };
  /** The `__provider` text of SnykApp (for the host's first Check). */
  appProvider: string;
  workDir: string;
  log?: (line: string) => void;
}

/** What the scenario measured. */
export interface ScaleResult {
  phases: TimedPhase[];
  /** The state after the deploy. */
  state?: StateFootprint;
}

/** Runs the scenario on its own emulator. */
export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
  const emulator = await startEmulatorProcess();
  try {
    // Outside the clock: the client-credentials apps to install (one install per app per org).
    const installAppIds = await emulator.createClientCredentialsApps(options.n);
    await emulator.setLatency(options.latencyMs);
    const scenario = `N=${options.n}`;
    let state: StateFootprint | undefined;
    const runs = await runPhases({
      emulator,
      config: {
        "snyk:token": emulator.token,
        "snyk:apiUrl": emulator.url,
        "snyk:maxConcurrency": String(options.concurrency),
      },
      firstCheck: appCheck(options.appProvider, emulator.orgId),
      statePath: path.join(options.workDir, `scale-${options.n}.json`),
      program: appsAndInstalls({ orgId: emulator.orgId, apps: options.n, installAppIds }),
      afterDeploy: (statePath) => (state = stateFootprint(statePath)),
    });
    const phases = runs.map((run) =>
      timedPhase(run, { scenario, concurrency: options.concurrency, latencyMs: options.latencyMs, targets: options.targets }),
    );
    for (const run of runs) for (const f of run.failures.slice(0, 3)) options.log?.(`  ${scenario} ${run.phase} failure: ${f.op} ${f.urn}: ${f.message}`);
    return { phases, state };
  } finally {
    await emulator.close();
  }
}
