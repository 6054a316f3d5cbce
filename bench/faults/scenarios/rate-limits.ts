/**
 * 429 storms, with Retry-After, with X-RateLimit-Reset, with no header at all, and the
 * emulator's own per-token window: every call must wait and succeed (a 429 was provably not
 * processed, so even POST retries), or, past the retry budget, fail saying so.
 */
import type { FaultLab } from "../lab";
import { Scenario } from "../scenario";
import { actThenRerun } from "../user-flow";
import { nothingLost, trackedByStack } from "../verdict";

const appsPath = (lab: FaultLab) => `/orgs/${lab.ids.orgId}/apps/creations`;

function storm(options: {
  name: string;
  short: boolean;
  times: number;
  headers?: Record<string, string>;
  method: "GET" | "POST" | "DELETE";
  setup: (lab: FaultLab) => Promise<unknown>;
  path: (lab: FaultLab) => string;
  act: (lab: FaultLab) => Promise<unknown>;
  mustSucceed: boolean;
}): Scenario {
  const headers = options.headers ? Object.entries(options.headers).map(([k, v]) => `${k}: ${v}`).join(", ") : "no headers";
  return {
    name: options.name,
    kind: "429",
    short: options.short,
    injected: `429 ×${options.times} (${headers}) on ${options.method} ${options.name.split(" on ")[1] ?? ""}`.trim(),
    async run(lab) {
      await options.setup(lab);
      lab.inject({ method: options.method, path: options.path(lab), times: options.times, status: 429, headers: options.headers });
      const flow = await actThenRerun(lab, () => options.act(lab));
      const problems = nothingLost(lab, trackedByStack(lab));
      if (options.mustSucceed && !flow.firstOk) problems.push("did not wait out the 429s");
      if (!options.mustSucceed && (flow.firstOk || !/429/.test(flow.firstMessage ?? ""))) problems.push("a storm past the retry budget must fail naming 429");
      if (!flow.finalOk) problems.push("running again did not recover");
      return { userSaw: flow.saw, problems };
    },
  };
}

const createApp = (lab: FaultLab) => lab.stack.apply("app", "app", lab.appInputs("Rate-limited app"));
const nothing = async () => undefined;

/** The 429 scenarios. */
export function rateLimitScenarios(): Scenario[] {
  return [
    storm({ name: "429 storm with Retry-After: 0 on app create", short: true, times: 4, headers: { "retry-after": "0" }, method: "POST", setup: nothing, path: appsPath, act: createApp, mustSucceed: true }),
    storm({ name: "429 storm without headers on app refresh", short: true, times: 3, method: "GET", setup: createApp, path: (lab) => `${appsPath(lab)}/${lab.stack.outputs("app").appId}`, act: (lab) => lab.stack.refresh("app"), mustSucceed: true }),
    storm({ name: "429 storm without headers on app create", short: false, times: 3, method: "POST", setup: nothing, path: appsPath, act: createApp, mustSucceed: true }),
    storm({
      name: "429 storm without headers on secret mint",
      short: false,
      times: 3,
      method: "POST",
      setup: createApp,
      path: (lab) => `${appsPath(lab)}/${lab.stack.outputs("app").appId}/secrets`,
      act: (lab) => lab.stack.apply("secret", "secret", lab.appSecretInputs("app")),
      mustSucceed: true,
    }),
    storm({ name: "429 storm with X-RateLimit-Reset: 1 on app delete", short: false, times: 2, headers: { "x-ratelimit-reset": "1" }, method: "DELETE", setup: createApp, path: (lab) => `${appsPath(lab)}/${lab.stack.outputs("app").appId}`, act: (lab) => lab.stack.destroy("app"), mustSucceed: true }),
    storm({ name: "429 storm past the retry budget on app create", short: false, times: 5, headers: { "retry-after": "0" }, method: "POST", setup: nothing, path: appsPath, act: createApp, mustSucceed: false }),
    {
      name: "rate-limit window 3 requests / 1 s over a stack's life",
      kind: "429",
      short: true,
      injected: "emulator rate limit 3 req/1 s (429 + Retry-After, X-RateLimit-Reset) on every REST call",
      async run(lab) {
        lab.admin.setRateLimit({ limit: 3, windowMs: 1000 });
        const flow = await actThenRerun(lab, async () => {
          await createApp(lab);
          await lab.stack.apply("secret", "secret", lab.appSecretInputs("app"));
          await lab.stack.apply("install", "install", lab.installInputs("org"));
          for (const name of ["app", "secret", "install"]) await lab.stack.refresh(name);
          await lab.stack.apply("secret", "secret", lab.appSecretInputs("app", { rotationTriggers: { window: "2" } }));
        });
        const problems = nothingLost(lab, trackedByStack(lab));
        if (!flow.firstOk) problems.push("did not wait out the rate limit");
        return { userSaw: flow.saw, problems };
      },
    },
  ];
}
