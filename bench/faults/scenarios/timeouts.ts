/**
 * Requests that time out. The provider host's client waits 30 s per attempt and no stack config
 * shortens it, so the short run drives the providers' own code in this process with a client
 * whose timeout is 300 ms; the full run also sends one create through the real host (30 s).
 */
import { AppOperations } from "../../../provider/app";
import { SnykClient } from "../../../provider/client";
import type { PropertyMap } from "../../../tests/support/provider-host";
import type { FaultLab } from "../lab";
import { Scenario } from "../scenario";
import { actThenRerun, adoptIdIn } from "../user-flow";
import { nothingLost, trackedByStack } from "../verdict";

const IN_PROCESS_TIMEOUT_MS = 300;
/** The client's default per-attempt timeout, which the provider host uses. */
const HOST_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SnykApp create/read by the provider's AppOperations in this process, recorded in the lab's stack. */
function inProcessApps(lab: FaultLab) {
  const client = new SnykClient({ token: lab.emulator.token, apiUrl: lab.emulator.url, timeoutMs: IN_PROCESS_TIMEOUT_MS, retry: { baseDelayMs: 20 } });
  const ops = new AppOperations(() => client);
  return {
    async create(name: string, inputs: PropertyMap) {
      const checked = await ops.check({}, inputs);
      if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
      const created = await ops.create(checked.inputs as any);
      lab.stack.records.set(name, { kind: "app", name, id: created.id, inputs: checked.inputs as PropertyMap, outputs: created.outs });
      return created.outs;
    },
    async read(name: string) {
      const record = lab.stack.records.get(name)!;
      const read = await ops.read(record.id, record.outputs as any);
      return read.props;
    },
  };
}

/** Waits until the emulator has answered (or dropped) every request it received. */
async function settled(lab: FaultLab, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (lab.admin.requestLog.some((r) => r.status === 0 && !r.path.startsWith("/_emulator")) && Date.now() < deadline) await sleep(50);
  await sleep(100);
}

/** A create whose answer comes after the client gave up; the user follows the error's advice. */
function slowCreate(name: string, short: boolean, viaHost: boolean): Scenario {
  const delayMs = viaHost ? HOST_TIMEOUT_MS + 1000 : IN_PROCESS_TIMEOUT_MS * 2;
  return {
    name,
    kind: "timeout",
    short,
    injected: `POST /orgs/{org}/apps/creations answers after ${delayMs} ms (processed), client timeout ${viaHost ? HOST_TIMEOUT_MS : IN_PROCESS_TIMEOUT_MS} ms${viaHost ? "" : " (providers in-process)"}`,
    async run(lab) {
      const apps = inProcessApps(lab);
      const inputs = lab.appInputs("Slow app");
      const create = (extra: PropertyMap = {}) =>
        viaHost ? lab.stack.apply("app", "app", { ...inputs, ...extra }) : apps.create("app", { ...inputs, ...extra });
      lab.inject({ method: "POST", path: `/orgs/${lab.ids.orgId}/apps/creations`, delayMs });
      const flow = await actThenRerun(lab, () => create(), async (message) => {
        const adoptId = adoptIdIn(message);
        return adoptId ? create({ adoptId }) : create();
      });
      // Judge once the late request has been processed too.
      await settled(lab, delayMs + 2000);
      const problems = nothingLost(lab, trackedByStack(lab));
      if (!flow.finalOk) problems.push("following the error's advice did not recover");
      return { userSaw: flow.saw, problems };
    },
  };
}

/** The timeout scenarios; `full` adds the one through the real host. */
export function timeoutScenarios(): Scenario[] {
  return [
    slowCreate("timeout on app create (in-process)", true, false),
    {
      name: "timeout on app refresh (in-process)",
      kind: "timeout",
      short: true,
      injected: `GET /orgs/{org}/apps/creations/{id} answers after ${IN_PROCESS_TIMEOUT_MS * 2} ms, client timeout ${IN_PROCESS_TIMEOUT_MS} ms (providers in-process)`,
      async run(lab) {
        const apps = inProcessApps(lab);
        const outs = await apps.create("app", lab.appInputs("Slow read"));
        lab.inject({ method: "GET", path: `/orgs/${lab.ids.orgId}/apps/creations/${outs.appId}`, delayMs: IN_PROCESS_TIMEOUT_MS * 2 });
        const flow = await actThenRerun(lab, () => apps.read("app"));
        await settled(lab, 2000);
        const problems = nothingLost(lab, trackedByStack(lab));
        if (!flow.firstOk) problems.push("GET was not retried after a timeout");
        return { userSaw: flow.saw, problems };
      },
    },
    slowCreate("timeout on app create (provider host, 30 s)", false, true),
  ];
}
