/**
 * Runs a program's deploy, refresh and destroy through {@link ProgramHarness} against the
 * emulator, each phase with a fresh provider host (started before the clock starts, as its
 * start-up is reported on its own), and counts what each phase asked of the emulator.
 */
import * as fs from "fs";
import type { EmulatorProcess } from "./emulator-process";
import { HarnessFailure, ProgramHarness } from "../../harness/program-harness";
import type { Program } from "../../harness/mock-program";
import type { HarnessOp } from "../../harness/harness-events";
import { BENCH_PROJECT, BENCH_STACK, FirstCheck, startBenchHost } from "./bench-host";
import { counted, RequestTally } from "./request-tally";
import { REPO_ROOT } from "./paths";

/** How often, at most, the harness writes the state file while a phase runs (always at its end). */
export const STATE_SAVE_INTERVAL_MS = 5_000;

/** The harness operations that are a resource's step (the provider's Create, Update, Read or Delete). */
const STEP_OPS: ReadonlySet<HarnessOp> = new Set<HarnessOp>(["create", "update", "replace", "read", "delete", "delete-replaced"]);

/** The phases, in the order they run. */
export const PHASES = ["deploy", "refresh", "destroy"] as const;

/** One phase. */
export type PhaseName = (typeof PHASES)[number];

/** What one phase did and took. */
export interface PhaseRun {
  phase: PhaseName;
  /** Resources the phase created, read or deleted. */
  resources: number;
  tally: RequestTally;
  /** From calling the harness to its answer, in ms. */
  wallMs: number;
  failures: HarnessFailure[];
  hostStartToFirstCheckMs: number;
  hostPeakRssBytes?: number;
  /** When the first request reached the emulator, in ms from the phase's start. */
  firstRequestMs?: number;
  /** When the harness started the first Create, Update, Read or Delete, in ms from the phase's start. */
  firstStepMs?: number;
  /** When the last request reached the emulator, in ms from the phase's start. */
  lastRequestMs?: number;
}

/** What to deploy and where. */
export interface DeploymentSetup {
  emulator: EmulatorProcess;
  /** Stack config for the program and the host. */
  config: Record<string, string>;
  firstCheck: FirstCheck;
  /** Resource steps in flight at most, like `pulumi up --parallel`; Check and Diff go one at a time, as in the engine. */
  parallel: number;
  /** The harness's state file (it must not exist yet). */
  statePath: string;
  program: Program;
  /** Runs before each phase's host starts (e.g. to let a rate-limit window pass). */
  beforePhase?: (phase: PhaseName) => Promise<void>;
  /** Called after the deploy, before the refresh (e.g. to measure the state file). */
  afterDeploy?: (statePath: string) => void;
  /** The phases to run, in order (all by default); without "deploy", the state file must exist. */
  phases?: readonly PhaseName[];
}

/** Deploys, refreshes and destroys `setup.program` (or the phases asked for); stops early when a phase fails. */
export async function runPhases(setup: DeploymentSetup): Promise<PhaseRun[]> {
  const phases = setup.phases ?? PHASES;
  if (phases.includes("deploy")) fs.rmSync(setup.statePath, { force: true });
  const runs: PhaseRun[] = [];
  for (const phase of phases) {
    await setup.beforePhase?.(phase);
    const bench = await startBenchHost(setup.config, setup.firstCheck);
    let firstStepAt: number | undefined;
    try {
      const harness = new ProgramHarness({
        statePath: setup.statePath,
        project: BENCH_PROJECT,
        stack: BENCH_STACK,
        cwd: REPO_ROOT,
        config: setup.config,
        secretConfigKeys: ["snyk:token"],
        host: bench.host,
        parallel: setup.parallel,
        // The harness stands in for the CLI's own checkpoints, whose cost is not the providers':
        // rewriting a state file of megabytes every 200 ms would be most of what is timed.
        saveIntervalMs: STATE_SAVE_INTERVAL_MS,
        checkpoints: "throttled",
        onEvent: (event) => {
          if (firstStepAt === undefined && event.status === "started" && STEP_OPS.has(event.op)) firstStepAt = performance.now();
        },
      });
      const { result, tally, startedAt, wallMs, firstRequestMs, lastRequestMs } = await counted(setup.emulator, () => operation(harness, phase, setup.program));
      runs.push({
        phase,
        firstRequestMs,
        ...(firstStepAt !== undefined ? { firstStepMs: firstStepAt - startedAt } : {}),
        lastRequestMs,
        resources: result.resources,
        tally,
        wallMs,
        failures: result.failures,
        hostStartToFirstCheckMs: bench.startToFirstCheckMs,
        hostPeakRssBytes: bench.peakRssBytes(),
      });
      if (phase === "deploy") setup.afterDeploy?.(setup.statePath);
      if (result.failures.length > 0) break;
    } finally {
      await bench.stop();
    }
  }
  return runs;
}

async function operation(harness: ProgramHarness, phase: PhaseName, program: Program): Promise<{ resources: number; failures: HarnessFailure[] }> {
  switch (phase) {
    case "deploy": {
      const up = await harness.up(program);
      return { resources: up.created.length, failures: up.failures };
    }
    case "refresh": {
      const refreshed = await harness.refresh();
      return { resources: refreshed.changes.length, failures: refreshed.failures };
    }
    case "destroy": {
      const destroyed = await harness.destroy();
      return { resources: destroyed.deleted.length, failures: destroyed.failures };
    }
  }
}

/**
 * How many times the bench refreshes (a refresh changes nothing, so it can be repeated), each
 * beside its do-nothing twin: the median of each is reported, as one run on a busy 2-core machine
 * varies by a fifth.
 */
export const REFRESH_RUNS = 5;

/**
 * One run per phase, in the order they first ran: the run with the median wall time of a phase
 * that ran more than once, or its first failed run when one failed.
 */
export function oneRunPerPhase(runs: readonly PhaseRun[]): PhaseRun[] {
  const order = [...new Set(runs.map((run) => run.phase))];
  return order.map((phase) => {
    const mine = runs.filter((run) => run.phase === phase);
    const failed = mine.find((run) => run.failures.length > 0);
    if (failed) return failed;
    const sorted = [...mine].sort((a, b) => a.wallMs - b.wallMs);
    return sorted[(sorted.length - 1) >> 1];
  });
}
