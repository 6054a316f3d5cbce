/**
 * Objects deleted behind the stack's back, of every kind: an app, an app with a secret resource,
 * an org install, a group install, the installed app itself, a secret; each followed by what a
 * user runs next (refresh then up, or up or destroy without refresh).
 */
import { SnykClient } from "../../../provider/client";
import type { FaultLab } from "../lab";
import { Scenario } from "../scenario";
import { actThenRerun } from "../user-flow";
import { nothingLost, trackedByStack } from "../verdict";

/** Refreshes every resource in state, secrets first (they are read against their targets). */
async function refreshAll(lab: FaultLab): Promise<void> {
  const names = [...lab.stack.records.values()].sort((a, b) => Number(b.kind === "secret") - Number(a.kind === "secret")).map((r) => r.name);
  for (const name of names) if (lab.stack.records.has(name)) await lab.stack.refresh(name);
}

const app = (lab: FaultLab) => lab.stack.apply("app", "app", lab.appInputs("Managed app"));
const appSecret = (lab: FaultLab, window = "1") => lab.stack.apply("secret", "secret", lab.appSecretInputs("app", { rotationTriggers: { window } }));
const install = (owner: "org" | "group") => (lab: FaultLab) => lab.stack.apply("install", "install", lab.installInputs(owner));

function outOfBand(options: {
  name: string;
  short: boolean;
  injected: string;
  setup: (lab: FaultLab) => Promise<unknown>;
  mutate: (lab: FaultLab) => Promise<unknown> | void;
  /** What the user runs next. */
  act: (lab: FaultLab) => Promise<unknown>;
  /** Whether the user's next run must succeed at once (false: an error, then refresh and up). */
  firstOk: boolean;
  /** Whether running again (refresh, then the same) must succeed. */
  recovers?: boolean;
}): Scenario {
  return {
    name: options.name,
    kind: "out-of-band delete",
    short: options.short,
    injected: options.injected,
    async run(lab) {
      await options.setup(lab);
      await options.mutate(lab);
      const flow = await actThenRerun(lab, () => options.act(lab), async () => {
        await refreshAll(lab);
        return options.act(lab);
      });
      const problems = nothingLost(lab, trackedByStack(lab));
      if (options.firstOk && !flow.firstOk) problems.push("the next run failed");
      if ((options.recovers ?? true) && !flow.finalOk) problems.push("refresh and up did not recover");
      return { userSaw: flow.saw, problems };
    },
  };
}

/** The out-of-band delete scenarios. */
export function outOfBandScenarios(): Scenario[] {
  const refreshThen = (...steps: ((lab: FaultLab) => Promise<unknown>)[]) => async (lab: FaultLab) => {
    await refreshAll(lab);
    for (const step of steps) await step(lab);
  };
  return [
    outOfBand({ name: "app deleted, refresh, up", short: true, injected: "admin.deleteApp(app)", setup: app, mutate: (lab) => lab.admin.deleteApp(lab.stack.outputs("app").appId as string), act: refreshThen(app), firstOk: true }),
    outOfBand({
      name: "app with a secret resource deleted, refresh, up",
      short: false,
      injected: "admin.deleteApp(app) (its secrets go with it)",
      setup: async (lab) => {
        await app(lab);
        await appSecret(lab);
      },
      mutate: (lab) => lab.admin.deleteApp(lab.stack.outputs("app").appId as string),
      act: refreshThen(app, (lab) => appSecret(lab)),
      firstOk: true,
    }),
    outOfBand({ name: "org install deleted, refresh, up", short: true, injected: "admin.deleteInstall(org install)", setup: install("org"), mutate: (lab) => lab.admin.deleteInstall(lab.stack.outputs("install").installId as string), act: refreshThen(install("org")), firstOk: true }),
    outOfBand({ name: "group install deleted, refresh, up", short: false, injected: "admin.deleteInstall(group install)", setup: install("group"), mutate: (lab) => lab.admin.deleteInstall(lab.stack.outputs("install").installId as string), act: refreshThen(install("group")), firstOk: true }),
    outOfBand({
      name: "install with a secret resource deleted, refresh, up",
      short: false,
      injected: "admin.deleteInstall(install) under a SnykAppSecret",
      setup: async (lab) => {
        await install("org")(lab);
        await lab.stack.apply("secret", "secret", lab.installSecretInputs("install"));
      },
      mutate: (lab) => lab.admin.deleteInstall(lab.stack.outputs("install").installId as string),
      act: refreshThen(install("org"), (lab) => lab.stack.apply("secret", "secret", lab.installSecretInputs("install"))),
      firstOk: true,
    }),
    outOfBand({
      name: "installed app deleted (installs go with it), refresh, up",
      short: false,
      injected: "admin.deleteApp(broker app) under an org install",
      setup: install("org"),
      mutate: (lab) => lab.admin.deleteApp(lab.ids.brokerAppId),
      act: refreshThen(install("org")),
      firstOk: false,
      recovers: false,
    }),
    outOfBand({
      name: "previous secret deleted, then rotation",
      short: false,
      injected: "POST …/secrets {mode: delete, previousSecret} by someone else",
      setup: async (lab) => {
        await app(lab);
        await appSecret(lab);
      },
      mutate: async (lab) => {
        const outs = lab.stack.outputs("secret");
        const client = new SnykClient({ token: lab.emulator.token, apiUrl: lab.emulator.url });
        await client.request("POST", `/orgs/${outs.orgId}/apps/creations/${outs.appId}/secrets`, {
          body: { data: { type: "app", attributes: { mode: "delete", secret: outs.previousSecret } } },
        });
      },
      act: (lab) => appSecret(lab, "2"),
      firstOk: true,
    }),
    outOfBand({ name: "app deleted, destroy without refresh", short: false, injected: "admin.deleteApp(app)", setup: app, mutate: (lab) => lab.admin.deleteApp(lab.stack.outputs("app").appId as string), act: (lab) => lab.stack.destroy("app"), firstOk: true }),
    outOfBand({
      name: "app deleted, up (rename) without refresh",
      short: true,
      injected: "admin.deleteApp(app), then a rename in the program",
      setup: app,
      mutate: (lab) => lab.admin.deleteApp(lab.stack.outputs("app").appId as string),
      act: (lab) => lab.stack.apply("app", "app", lab.appInputs("Managed app v2")),
      firstOk: false,
    }),
    outOfBand({ name: "install deleted, destroy without refresh", short: false, injected: "admin.deleteInstall(org install)", setup: install("org"), mutate: (lab) => lab.admin.deleteInstall(lab.stack.outputs("install").installId as string), act: (lab) => lab.stack.destroy("install"), firstOk: true }),
  ];
}
