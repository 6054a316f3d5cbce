/**
 * 500, 502 and 503 answers and connection resets on every route: idempotent calls must retry to
 * success; POST and PATCH must fail with an error naming what Snyk answered, change nothing
 * twice, and work when run again, following what the errors advise.
 */
import type { Fault } from "../../../emulator/types";
import type { FaultLab } from "../lab";
import { FaultKind, Scenario } from "../scenario";
import { actThenRerun } from "../user-flow";
import { nothingLost, trackedByStack } from "../verdict";
import { ROUTES, RouteCase } from "./routes";

/** A fault applied once to a route. */
interface RouteFault {
  label: string;
  kind: FaultKind;
  fault: Partial<Fault>;
  /** What the error of a non-idempotent call must mention. */
  mentions: RegExp;
}

const FAULTS: RouteFault[] = [
  { label: "500", kind: "5xx", fault: { status: 500 }, mentions: /500/ },
  { label: "502", kind: "5xx", fault: { status: 502 }, mentions: /502/ },
  { label: "503", kind: "5xx", fault: { status: 503 }, mentions: /503/ },
  { label: "reset", kind: "reset", fault: { reset: true }, mentions: /reset|connection|socket|hang up/i },
  { label: "lost answer", kind: "lost answer", fault: { afterProcessing: true }, mentions: /reset|connection|socket|hang up|lost/i },
];

const INJECTED: Record<string, string> = {
  reset: "connection reset before processing",
  "lost answer": "processed, then connection reset (answer lost)",
};

/** The subset `npm test` runs: each fault kind, and each route family, at least once. */
const SHORT = new Set([
  "500 POST /orgs/{org}/apps/creations",
  "502 GET /orgs/{org}/apps/creations (refresh)",
  "503 POST …/creations/{id}/secrets (rotate: the delete)",
  "lost answer POST /orgs/{org}/apps/creations",
  "lost answer POST /orgs/{org}/apps/installs",
  "lost answer POST …/creations/{id}/secrets (rotate: the mint)",
  "lost answer DELETE /orgs/{org}/apps/creations/{id}",
  "500 POST /orgs/{org}/apps/installs",
  "503 DELETE /groups/{group}/apps/installs/{id}",
  "502 POST /oauth2/token (verifyCredentials)",
  "reset GET /orgs/{org}/apps/installs (refresh)",
  "reset POST /orgs/{org}/apps/creations",
]);

function routeScenario(route: RouteCase, rf: RouteFault): Scenario {
  const name = `${rf.label} ${route.route}`;
  return {
    name,
    kind: rf.kind,
    short: SHORT.has(name),
    injected: `${INJECTED[rf.label] ?? rf.label} ×1 on ${route.route}`,
    async run(lab: FaultLab) {
      await route.setup(lab);
      const path = route.path(lab);
      if (route.skip) lab.inject({ method: route.method, path, times: route.skip });
      lab.inject({ method: route.method, path, times: 1, ...rf.fault });
      // The user reruns the same action; actThenRerun adds what the errors advise to the program.
      const flow = await actThenRerun(lab, () => route.act(lab));
      const problems = nothingLost(lab, trackedByStack(lab));
      if (route.idempotent && !flow.firstOk) problems.push(`${route.method} was not retried`);
      if (!flow.firstOk && !rf.mentions.test(flow.firstMessage ?? "")) problems.push("the error does not say what went wrong");
      if (!flow.finalOk) problems.push("running again did not recover");
      else problems.push(...(route.expect?.(lab) ?? []));
      return { userSaw: flow.saw, problems };
    },
  };
}

/** Every route with every fault. */
export function routeFaultScenarios(): Scenario[] {
  return ROUTES.flatMap((route) => FAULTS.map((rf) => routeScenario(route, rf)));
}
