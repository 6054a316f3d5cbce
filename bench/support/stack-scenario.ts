/**
 * The bench's stack of N (N SnykApps with a SnykAppSecret each, N installs in an org, N in a
 * group) deployed, refreshed and destroyed with latency injected, optionally under a rate limit:
 * requests against the physical minimum, wall time against the floor it sets.
 */
import * as path from "path";
import { DEFAULT_REQUESTS_PER_MINUTE } from "../../provider/client";
import { startEmulatorProcess } from "./emulator-process";
import { bareStackOfN, stackOfN } from "./bench-program";
import { runPhases } from "./deployment-phases";
import { appCheck, bareCheck } from "./provider-texts";
import { PhaseTargets, timedPhase, TimedPhase } from "./timed-phase";
import { StateFootprint, stateFootprint } from "./footprint";
import { longestChain, minimumRequests } from "./minimum";
import type { RateLimitWindow } from "./rate-limit";

/** The scenario's knobs. */
export interface StackScenarioOptions {
  /** Apps (each with a secret), and installs per owner. */
  n: number;
  latencyMs: number;
  /** Resource steps in flight at most (`pulumi up --parallel`). */
  parallel: number;
  /** Requests in flight at most: the client's cap, or `parallel` when lower. */
  concurrency: number;
  /** Snyk's limit on the emulator and in the client, when set. */
  rateLimit?: RateLimitWindow;
  /** Targets of every phase; none for an informational size. */
  targets?: PhaseTargets;
  /** The `__provider` text of SnykApp (for the host's first Check). */
  appProvider: string;
  workDir: string;
  log?: (line: string) => void;
}

/** What the scenario measured. */
export interface StackScenarioResult {
  phases: TimedPhase[];
  /** The state after the deploy. */
  state?: StateFootprint;
}

/** Runs the scenario on its own emulator. */
export async function runStackScenario(options: StackScenarioOptions): Promise<StackScenarioResult> {
  const emulator = await startEmulatorProcess();
  const { rateLimit } = options;
  try {
    // Outside the clock: the client-credentials apps to install (one install per app per owner).
    const installAppIds = await emulator.createClientCredentialsApps(options.n);
    await emulator.setLatency(options.latencyMs);
    const scenario = rateLimit ? `rate limit ${rateLimit.limit}/${rateLimit.windowMs / 1000}s N=${options.n}` : `N=${options.n}`;
    let state: StateFootprint | undefined;
    const runs = await runPhases({
      emulator,
      config: {
        "snyk:token": emulator.token,
        "snyk:apiUrl": emulator.url,
        ...(rateLimit ? { "snyk:requestsPerMinute": String(rateLimit.limit), "snyk:rateLimitWindowMs": String(rateLimit.windowMs) } : {}),
      },
      parallel: options.parallel,
      firstCheck: appCheck(options.appProvider, emulator.orgId),
      statePath: path.join(options.workDir, `${rateLimit ? "rate-limited" : "scale"}-${options.n}.json`),
      program: stackOfN({ orgId: emulator.orgId, groupId: emulator.groupId, apps: options.n, installAppIds }),
      // Under the limit each phase starts on a fresh window, as a command run a window after the
      // last one would: setting the limit restarts the emulator's counts (the host's client starts empty too).
      beforePhase: rateLimit ? () => emulator.setRateLimit(rateLimit) : undefined,
      afterDeploy: (statePath) => (state = stateFootprint(statePath)),
    });
    for (const run of runs) for (const f of run.failures.slice(0, 3)) options.log?.(`  ${scenario} ${run.phase} failure: ${f.op} ${f.urn}: ${f.message}`);
    // The same shape on a provider that does nothing: what each phase costs the engine alone.
    const bare = await runPhases({
      emulator,
      config: { "snyk:token": emulator.token, "snyk:apiUrl": emulator.url },
      parallel: options.parallel,
      firstCheck: await bareCheck(emulator.orgId),
      statePath: path.join(options.workDir, `bare-${options.n}.json`),
      program: bareStackOfN({ orgId: emulator.orgId, groupId: emulator.groupId, apps: options.n }),
    });
    // The org holds the client-credentials apps before the deploy: its duplicate guard lists them.
    const shape = { n: options.n, appsInOrgBefore: installAppIds.length };
    const phases = runs.map((run) =>
      timedPhase(run, {
        scenario,
        concurrency: options.concurrency,
        latencyMs: options.latencyMs,
        rateLimit,
        clientRateLimit: { limit: DEFAULT_REQUESTS_PER_MINUTE, windowMs: 60_000 },
        minimum: minimumRequests(run.phase, shape),
        chain: longestChain(run.phase, shape),
        engineFloorMs: bare.find((b) => b.phase === run.phase && b.failures.length === 0)?.wallMs,
        targets: options.targets,
      }),
    );
    return { phases, state };
  } finally {
    await emulator.close();
  }
}
