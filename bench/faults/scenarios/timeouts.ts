/**
 * Requests that time out, through the real provider host: each scenario runs on a host of its
 * own whose `snyk:timeoutMs` is short, while the emulator holds the faulted request until the
 * host gives up on it (closes the connection) and does the work then: late whatever the load. A create that timed out may land after the error: the user either runs again once
 * it has landed (a person reading the error) or at once (a CI job that retries straight away).
 */
import type { Fault } from "../../../emulator/types";
import { startProviderHost, ProviderHost } from "../../../harness/provider-host";
import { CLEAN_ENV, REPO_ROOT } from "../example-stack";
import { FaultLab, LAB_VERIFY_TIMEOUT_MS } from "../lab";
import { Scenario, ScenarioOutcome } from "../scenario";
import { actThenRerun, Flow } from "../user-flow";
import { nothingLost, trackedByStack } from "../verdict";

/** The host's per-request timeout (`snyk:timeoutMs`): long enough that only held requests time out on a busy machine. */
export const HOST_TIMEOUT_MS = 1000;
/** The faulted request is processed only once the host has timed out and closed the connection. */
const LATE = { untilClientGone: true } as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A provider host like the lab's, with `snyk:timeoutMs` set. */
function timeoutHost(lab: FaultLab): Promise<ProviderHost> {
  return startProviderHost({
    cwd: REPO_ROOT,
    project: "snyk-apps-tests",
    config: {
      "snyk:token": lab.emulator.token,
      "snyk:apiUrl": lab.emulator.url,
      "snyk:verifyTimeoutMs": String(LAB_VERIFY_TIMEOUT_MS),
      "snyk:timeoutMs": String(HOST_TIMEOUT_MS),
    },
    env: CLEAN_ENV,
  });
}

/** Runs `body` with the lab's stack on a timeout host, then stops the host (keeping its log for the sweep). */
async function onTimeoutHost(lab: FaultLab, body: () => Promise<ScenarioOutcome>): Promise<ScenarioOutcome> {
  await lab.endCommand();
  const host = await timeoutHost(lab);
  lab.stack = lab.newStack(host, () => timeoutHost(lab));
  try {
    return await body();
  } finally {
    lab.otherHostLogs.push(...host.hostLog());
    await host.stop();
  }
}

/** Waits until the emulator has answered (or dropped) every request it received. */
async function settled(lab: FaultLab, timeoutMs = HOST_TIMEOUT_MS + 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (lab.admin.requestLog.some((r) => r.status === 0 && !r.path.startsWith("/_emulator")) && Date.now() < deadline) await sleep(20);
  await sleep(50);
}

type Rerun = "after it landed" | "at once";

/**
 * A non-idempotent request that times out but is processed late; the user follows the errors.
 * Judged once every late request has been processed.
 */
function lateWrite(options: {
  name: string;
  short: boolean;
  route: string;
  rerun: Rerun;
  setup?: (lab: FaultLab) => Promise<unknown>;
  fault: (lab: FaultLab) => Fault;
  act: (lab: FaultLab) => Promise<unknown>;
}): Scenario {
  return {
    name: `${options.name}, run again ${options.rerun}`,
    kind: "timeout",
    short: options.short,
    injected: `${options.route} processed and answered once the host timed out; snyk:timeoutMs ${HOST_TIMEOUT_MS}; the user reruns ${options.rerun === "at once" ? "at once (a CI retry)" : "once the late request landed"}`,
    run: (lab) =>
      onTimeoutHost(lab, async () => {
        await options.setup?.(lab);
        lab.inject(options.fault(lab));
        const act = () => options.act(lab);
        const flow: Flow = await actThenRerun(lab, act, options.rerun === "at once" ? act : () => settled(lab).then(act));
        await settled(lab);
        const problems = nothingLost(lab, trackedByStack(lab));
        if (flow.firstOk) problems.push(`the request did not time out (snyk:timeoutMs ${HOST_TIMEOUT_MS} not applied)`);
        if (!flow.finalOk) problems.push("following the errors' advice did not recover");
        return { userSaw: flow.saw, problems };
      }),
  };
}

const appsPath = (lab: FaultLab) => `/orgs/${lab.ids.orgId}/apps/creations`;
const createApp = (lab: FaultLab) => lab.stack.apply("app", "app", lab.appInputs("Slow app"));
const lateCreate = (lab: FaultLab): Fault => ({ method: "POST", path: appsPath(lab), ...LATE });

/** The timeout scenarios. */
export function timeoutScenarios(): Scenario[] {
  return [
    lateWrite({ name: "timeout on app create", short: true, route: "POST /orgs/{org}/apps/creations", rerun: "after it landed", fault: lateCreate, act: createApp }),
    lateWrite({ name: "timeout on app create", short: false, route: "POST /orgs/{org}/apps/creations", rerun: "at once", fault: lateCreate, act: createApp }),
    lateWrite({
      name: "timeout on org install create",
      short: false,
      route: "POST /orgs/{org}/apps/installs",
      rerun: "at once",
      fault: (lab) => ({ method: "POST", path: `/orgs/${lab.ids.orgId}/apps/installs`, ...LATE }),
      act: (lab) => lab.stack.apply("install", "install", lab.installInputs("org")),
    }),
    lateWrite({
      name: "timeout on secret mint",
      short: false,
      route: "POST …/creations/{id}/secrets",
      rerun: "after it landed",
      setup: createApp,
      fault: (lab) => ({ method: "POST", path: `${appsPath(lab)}/${lab.stack.outputs("app").appId}/secrets`, ...LATE }),
      act: (lab) => lab.stack.apply("secret", "secret", lab.appSecretInputs("app")),
    }),
    {
      name: "timeout on app refresh",
      kind: "timeout",
      short: true,
      injected: `GET /orgs/{org}/apps/creations (the refresh's listing) answers once the host timed out; snyk:timeoutMs ${HOST_TIMEOUT_MS}`,
      run: (lab) =>
        onTimeoutHost(lab, async () => {
          await createApp(lab);
          lab.inject({ method: "GET", path: appsPath(lab), ...LATE });
          const flow = await actThenRerun(lab, () => lab.stack.refresh("app"));
          await settled(lab);
          const problems = nothingLost(lab, trackedByStack(lab));
          if (!flow.firstOk) problems.push("GET was not retried after a timeout");
          const timedOut = lab.admin.requestLog.filter((r) => r.method === "GET" && r.path === appsPath(lab)).length;
          if (timedOut < 2) problems.push(`the GET did not time out (snyk:timeoutMs ${HOST_TIMEOUT_MS} not applied)`);
          return { userSaw: flow.firstOk ? `ok after ${timedOut - 1} timed-out GET` : flow.saw, problems };
        }),
    },
  ];
}
