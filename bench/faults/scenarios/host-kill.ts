/**
 * The provider host killed (SIGKILL) while a Snyk request is in flight, in a whole-program run of
 * the example stack, and the run repeated with a new host, as a user does after a crash or a
 * killed CI job; when the repeated run fails, the user adds what its errors advise (adoptId with
 * resetSecretOnAdopt, recoverWithReplace) to the resources they name and runs again.
 */
import type { ProgramHarness } from "../../../harness/program-harness";
import type { FaultLab } from "../lab";
import { Scenario, shorten } from "../scenario";
import { nothingLost } from "../verdict";
import { exampleHarness, exampleHost, exampleProgram, newStatePath, rotationWindowConfig, trackedByHarness } from "../example-stack";
import { adviceIn, advisedInputs, describeAdvice, isNewAdvice } from "../advice";
import { nameOfUrn, programWithAdvice } from "../advised-program";
import type { PropertyMap } from "../../../harness/provider-host";
import { MAX_RERUNS } from "../user-flow";

const IN_FLIGHT_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Operation = "up" | "destroy";

type Failure = { urn: string; message: string };

async function perform(harness: ProgramHarness, op: Operation, advised: ReadonlyMap<string, PropertyMap> = new Map()): Promise<Failure[]> {
  const result = op === "up" ? await harness.up(programWithAdvice(exampleProgram, advised)) : await harness.destroy();
  return result.failures.map((f) => ({ urn: f.urn, message: f.message }));
}

/**
 * Adds each failure's new advice to `advised` (by the failed resource's name); returns what the
 * user does next, or undefined when no error advises anything (new inputs, or "run again").
 */
function followAdvice(failures: Failure[], advised: Map<string, PropertyMap>): string | undefined {
  const done: string[] = [];
  let runAgain = false;
  for (const failure of failures) {
    const advice = adviceIn(failure.message);
    const name = nameOfUrn(failure.urn);
    runAgain ||= advice.runAgain === true;
    if (!failure.urn || !isNewAdvice(advice, advised.get(name))) continue;
    advised.set(name, { ...advised.get(name), ...advisedInputs(advice) });
    done.push(`${describeAdvice(advice)} on ${name}`);
  }
  return done.length > 0 ? done.join(", ") : runAgain ? "as the error says" : undefined;
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

      lab.errorsSeen.push(...killedFailures.map((f) => f.message));

      // Run again; while the errors advise something new, add it to the program and run again.
      const again = exampleHarness(lab, statePath, { overrides });
      const advised = new Map<string, PropertyMap>();
      const steps: string[] = [];
      let failures = await perform(again, options.op);
      for (let rerun = 0; ; rerun++) {
        lab.errorsSeen.push(...failures.map((f) => f.message));
        steps.push(failures.length === 0 ? "ok" : `error: ${shorten(failures[0].message, 80)}${failures.length > 1 ? ` (+${failures.length - 1} more)` : ""}`);
        const followed = failures.length > 0 && rerun < MAX_RERUNS ? followAdvice(failures, advised) : undefined;
        if (!followed) break;
        steps.push(`${followed}, ${options.op} again:`);
        failures = await perform(again, options.op, advised);
      }
      const problems = nothingLost(lab, trackedByHarness(again));
      if (failures.length > 0) problems.push(`following the errors' advice did not recover: ${failures.map((f) => f.message).join("; ")}`);
      const killedSteps = `${killedFailures.length} step${killedFailures.length === 1 ? "" : "s"}`;
      return { userSaw: `${options.op} failed (${killedSteps}); ${options.op} again: ${steps.join(" ")}`, problems };
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
      // The window after the first up's (window 0): the killed up rotates.
      overrides: () => rotationWindowConfig(1),
      method: "POST",
      path: (lab, harness) => `${appsPath(lab)}/${ciBotId(harness)}/secrets`,
      skip: 1,
    }),
    killDuring({ name: "host killed during destroy, destroy again", short: false, what: "destroy's ci-bot delete", op: "destroy", prepared: true, method: "DELETE", path: (lab, harness) => `${appsPath(lab)}/${ciBotId(harness)}` }),
  ];
}
