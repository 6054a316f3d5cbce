/**
 * The provider host killed (SIGKILL) while a Snyk request is in flight, in a whole-program run of
 * the example stack, and the run repeated with a new host, as a user does after a crash or a
 * killed CI job.
 */
import { rotationWindow } from "../../../sdk";
import type { ProgramHarness } from "../../../tests/support/program-harness";
import type { FaultLab } from "../lab";
import { Scenario, shorten } from "../scenario";
import { adoptIdIn } from "../user-flow";
import { nothingLost } from "../verdict";
import { exampleHarness, exampleHost, exampleProgram, newStatePath, trackedByHarness } from "../example-stack";

const IN_FLIGHT_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** rotationDays whose window differs from the default 90's, so an up rotates. */
function otherRotationDays(): number {
  const now = rotationWindow(90);
  return [7, 1, 2, 3, 5].find((d) => rotationWindow(d) !== now) ?? 11;
}

type Operation = "up" | "destroy";

async function perform(harness: ProgramHarness, op: Operation): Promise<string[]> {
  const result = op === "up" ? await harness.up(exampleProgram) : await harness.destroy();
  return result.failures.map((f) => f.message);
}

async function waitForRequest(lab: FaultLab, method: string, path: string, nth: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (lab.admin.requestLog.filter((r) => r.method === method && r.path === path).length < nth) {
    if (Date.now() > deadline) throw new Error(`no ${method} ${path} was sent`);
    await sleep(20);
  }
}

function killDuring(options: {
  name: string;
  short: boolean;
  what: string;
  /** The operation killed, and repeated. */
  op: Operation;
  /** Program config of the killed run. */
  overrides?: () => Record<string, unknown>;
  /** Runs before the killed one (e.g. a first up). */
  prepared: boolean;
  method: string;
  path: (lab: FaultLab, harness: ProgramHarness) => string;
  /** Matching requests to let through first. */
  skip?: number;
}): Scenario {
  return {
    name: options.name,
    kind: "host killed",
    short: options.short,
    injected: `SIGKILL of the provider host during ${options.what} (${options.method} in flight, processed after the kill)`,
    async run(lab) {
      const statePath = newStatePath();
      if (options.prepared) {
        const first = await perform(exampleHarness(lab, statePath), "up");
        if (first.length > 0) throw new Error(`the first up failed: ${first.join("; ")}`);
      }
      const overrides = options.overrides?.() ?? {};
      const host = await exampleHost(lab);
      const killedRun = exampleHarness(lab, statePath, { host, overrides });
      const path = options.path(lab, killedRun);
      const skip = options.skip ?? 0;
      if (skip > 0) lab.inject({ method: options.method, path, times: skip });
      lab.inject({ method: options.method, path, delayMs: IN_FLIGHT_MS });
      lab.admin.clearLog();
      const running = perform(killedRun, options.op);
      await waitForRequest(lab, options.method, path, skip + 1);
      await host.kill();
      const killedFailures = await running;
      lab.otherHostLogs.push(...host.hostLog());
      await sleep(IN_FLIGHT_MS + 300);

      const again = exampleHarness(lab, statePath, { overrides });
      const failures = await perform(again, options.op);
      lab.errorsSeen.push(...killedFailures, ...failures);
      const named = failures.map(adoptIdIn).filter((id): id is string => id !== undefined);
      const problems = nothingLost(lab, trackedByHarness(again), { namedToAdopt: named });
      if (failures.length > 0 && named.length === 0) problems.push("the repeated run failed without naming what to adopt");
      const saw = `${options.op} failed (${killedFailures.length} step${killedFailures.length === 1 ? "" : "s"}); ${options.op} again: ${failures.length === 0 ? "ok" : `error: ${shorten(failures[0], 90)}`}`;
      return { userSaw: saw, problems };
    },
  };
}

/** The host-kill scenarios. */
export function hostKillScenarios(): Scenario[] {
  const appsPath = (lab: FaultLab) => `/orgs/${lab.ids.orgId}/apps/creations`;
  const ciBotId = (harness: ProgramHarness) => harness.state().resources.find((r) => r.name === "ci-bot")?.id ?? "";
  return [
    killDuring({ name: "host killed during app create, up again", short: true, what: "the first up's ci-bot create", op: "up", prepared: false, method: "POST", path: appsPath }),
    killDuring({ name: "host killed during install create, up again", short: false, what: "the first up's org install", op: "up", prepared: false, method: "POST", path: (lab) => `/orgs/${lab.ids.orgId}/apps/installs` }),
    killDuring({
      name: "host killed during secret rotation, up again",
      short: false,
      what: "a rotation's mint (after its delete)",
      op: "up",
      prepared: true,
      overrides: () => ({ rotationDays: otherRotationDays() }),
      method: "POST",
      path: (lab, harness) => `${appsPath(lab)}/${ciBotId(harness)}/secrets`,
      skip: 1,
    }),
    killDuring({ name: "host killed during destroy, destroy again", short: false, what: "destroy's ci-bot delete", op: "destroy", prepared: true, method: "DELETE", path: (lab, harness) => `${appsPath(lab)}/${ciBotId(harness)}` }),
  ];
}
