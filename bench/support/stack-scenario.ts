/**
 * The bench's stack of N (N SnykApps with a SnykAppSecret each, N installs in an org, N in a
 * group) deployed, refreshed and destroyed with latency injected, optionally under a rate limit:
 * requests against the physical minimum, wall time against the floor it sets.
 */
import * as path from "path";
import { DEFAULT_REQUESTS_PER_MINUTE } from "../../provider/client";
import { startEmulatorProcess } from "./emulator-process";
import { bareStackOfN, stackOfN } from "./bench-program";
import { PhaseRun, REFRESH_RUNS, oneRunPerPhase, runPhases } from "./deployment-phases";
import { appCheck, ballastToMatch, bareCheck } from "./provider-texts";
import { PhaseTargets, timedPhase, TimedPhase } from "./timed-phase";
import { StateFootprint, stateFootprint } from "./footprint";
import { longestChain, minimumRequests } from "./minimum";
import { copyStateWithProvider } from "./replay-state";
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
    const size = { ballast: await ballastToMatch(options.appProvider, emulator.orgId) };
    const bareFirstCheck = await bareCheck(emulator.orgId, size);
    const replayPath = path.join(options.workDir, `replay-${scenario.replace(/\W+/g, "-")}.json`);
    const realSetup = {
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
      afterDeploy: (statePath: string) => {
        state = stateFootprint(statePath);
        copyStateWithProvider(statePath, replayPath, bareFirstCheck.inputs.__provider as string);
      },
    };
    // What each phase costs the engine and the provider host alone, on a provider that does
    // nothing (its serialized text as long as the SDK's): the deploy of the same shape, and the
    // refresh and destroy of the deployed state's very records (a copy, on that provider).
    const bareSetup = {
      emulator,
      config: { "snyk:token": emulator.token, "snyk:apiUrl": emulator.url },
      parallel: options.parallel,
      firstCheck: bareFirstCheck,
      program: bareStackOfN({ orgId: emulator.orgId, groupId: emulator.groupId, apps: options.n, ...size }),
    };
    const bareReplay = { ...bareSetup, statePath: replayPath };
    const realRuns = await runPhases({ ...realSetup, phases: ["deploy"] });
    const bareRuns: PhaseRun[] = [];
    if (realRuns.every((run) => run.failures.length === 0)) {
      // Each refresh beside its do-nothing twin, so that a busy spell of the machine slows both alike.
      for (let i = 0; i < REFRESH_RUNS; i++) {
        realRuns.push(...(await runPhases({ ...realSetup, phases: ["refresh"] })));
        bareRuns.push(...(await runPhases({ ...bareReplay, phases: ["refresh"] })));
      }
      realRuns.push(...(await runPhases({ ...realSetup, phases: ["destroy"] })));
      bareRuns.push(...(await runPhases({ ...bareReplay, phases: ["destroy"] })));
    }
    bareRuns.push(...(await runPhases({ ...bareSetup, statePath: path.join(options.workDir, `bare-${options.n}.json`), phases: ["deploy"] })));
    const runs = oneRunPerPhase(realRuns);
    for (const run of runs) for (const f of run.failures.slice(0, 3)) options.log?.(`  ${scenario} ${run.phase} failure: ${f.op} ${f.urn}: ${f.message}`);
    const bare = oneRunPerPhase(bareRuns).filter((run) => run.failures.length === 0);
    // The org holds the client-credentials apps before the deploy: its duplicate guard lists them.
    const shape = { n: options.n, appsInOrgBefore: installAppIds.length };
    const phases = runs.map((run) => {
      const twin = bare.find((b) => b.phase === run.phase);
      return timedPhase(run, {
        scenario,
        concurrency: options.concurrency,
        latencyMs: options.latencyMs,
        rateLimit,
        clientRateLimit: { limit: DEFAULT_REQUESTS_PER_MINUTE, windowMs: 60_000 },
        minimum: minimumRequests(run.phase, shape),
        chain: longestChain(run.phase, shape),
        engineFloorMs: twin?.wallMs,
        engineLeadMs: twin?.firstStepMs,
        targets: options.targets,
      });
    });
    return { phases, state };
  } finally {
    await emulator.close();
  }
}
