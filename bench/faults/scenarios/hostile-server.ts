/**
 * A hostile server: a proxy between the provider host and the emulator answers what the API
 * never specifies (an HTML login page, `data: null`, truncated JSON, a 20 MB body, a body that
 * drips forever, pages that loop or never end, a request id that reflects the token), on reads,
 * lists, creates and updates. Each must be a clear error (never a raw TypeError, never the
 * token), must lose nothing (a garbage answer to a create is handled as a lost answer and the
 * object named), and running again once the server behaves (following the advice) must recover.
 */
import { startProviderHost, ProviderHost } from "../../../harness/provider-host";
import {
  DATA_NULL, HTML_LOGIN, NO_DATA, TRUNCATED, startHostileProxy,
  type HostileAnswer, type HostileProxy, type HostileRule,
} from "../../../harness/hostile-proxy";
import { CLEAN_ENV, REPO_ROOT } from "../example-stack";
import { FaultLab, LAB_VERIFY_TIMEOUT_MS } from "../lab";
import { Scenario } from "../scenario";
import { actThenRerun } from "../user-flow";
import { nothingLost, trackedByStack } from "../verdict";

/** The hosts' `snyk:timeoutMs` in this family (a dripping answer must end there). */
const HOSTILE_TIMEOUT_MS = 500;

const JSON_API = "application/vnd.api+json";
/** 20 MB of JSON, past the client's 16 MiB cap (made when first asked for). */
const HUGE = (): HostileAnswer => ({ status: 200, contentType: JSON_API, body: `{"data": [${'"x",'.repeat(5_000_000)}"x"]}` });
const DRIP: HostileAnswer = { status: 200, contentType: JSON_API, body: "{", drip: true };
const NO_ID_ITEM: HostileAnswer = { status: 200, contentType: JSON_API, body: '{"data": [{"type": "app", "attributes": {}}]}' };
const NO_ATTRIBUTES: HostileAnswer = { status: 201, contentType: JSON_API, body: '{"data": {"type": "app", "id": "6e0f1a2b-0000-4000-8000-00000000f00d"}}' };

/** A page whose next link always points at the first page again. */
const LOOP = ({ path }: { path: string }): HostileAnswer => ({
  status: 200, contentType: JSON_API,
  body: JSON.stringify({ data: [{ id: "6e0f1a2b-0000-4000-8000-000000000001", type: "app", attributes: { name: "loop", scopes: [] } }], links: { next: `${path}?starting_after=same` } }),
});
/** Pages that never end: each hands out a new cursor. */
const ENDLESS = ({ path, index }: { path: string; index: number }): HostileAnswer => ({
  status: 200, contentType: JSON_API,
  body: JSON.stringify({ data: [{ id: `endless-${index}`, type: "app", attributes: { name: "endless", scopes: [] } }], links: { next: `${path}?starting_after=c${index}` } }),
});

/** The words a clear error about a hostile answer uses. */
const CLEAR = /not what the Snyk API specifies|stopped after \d+ pages?|within \d+ ms|Snyk API 50\d/;
const RAW = /TypeError|Cannot read propert|is not iterable|is not a function|undefined \(reading/;

const appsPath = (lab: FaultLab) => `/rest/orgs/${lab.ids.orgId}/apps/creations`;
const installsPath = (lab: FaultLab) => `/rest/orgs/${lab.ids.orgId}/apps/installs`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const exactly = (path: string) => new RegExp(`^${escape(path)}$`);

const createApp = (lab: FaultLab) => lab.stack.apply("app", "app", lab.appInputs("Hostile app"));
const createInstallAndSecret = async (lab: FaultLab) => {
  await lab.stack.apply("install", "install", lab.installInputs("org"));
  await lab.stack.apply("secret", "secret", lab.installSecretInputs("install"));
};
const refreshAll = async (lab: FaultLab) => {
  for (const name of ["secret", "install", "app"]) if (lab.stack.records.has(name)) await lab.stack.refresh(name);
};

/** A provider host whose API URL is the proxy. */
function proxiedHost(lab: FaultLab, proxy: HostileProxy): Promise<ProviderHost> {
  return startProviderHost({
    cwd: REPO_ROOT,
    project: "snyk-apps-tests",
    config: {
      "snyk:token": lab.emulator.token,
      "snyk:apiUrl": proxy.url,
      "snyk:verifyTimeoutMs": String(LAB_VERIFY_TIMEOUT_MS),
      "snyk:timeoutMs": String(HOSTILE_TIMEOUT_MS),
    },
    env: CLEAN_ENV,
  });
}

interface HostileCase {
  /** The route and what it answers, for the table. */
  route: string;
  answerName: string;
  short?: boolean;
  setup?: (lab: FaultLab) => Promise<unknown>;
  rule: (lab: FaultLab) => HostileRule;
  act: (lab: FaultLab) => Promise<unknown>;
  /** Extra rules, judged at the end. */
  expect?: (lab: FaultLab, proxy: HostileProxy) => string[];
}

function hostileScenario(c: HostileCase): Scenario {
  return {
    name: `hostile server: ${c.answerName} on ${c.route}`,
    kind: "hostile server",
    short: c.short ?? false,
    injected: `a proxy answers ${c.route} with ${c.answerName}`,
    async run(lab) {
      const proxy = await startHostileProxy();
      proxy.target = lab.emulator.url;
      await lab.endCommand();
      const host = await proxiedHost(lab, proxy);
      lab.stack = lab.newStack(host, () => proxiedHost(lab, proxy));
      try {
        await c.setup?.(lab);
        proxy.add(c.rule(lab));
        // The user runs again once the server behaves, following what the error advises.
        const flow = await actThenRerun(lab, () => c.act(lab), () => {
          proxy.clear();
          return c.act(lab);
        });
        proxy.clear();
        const problems = nothingLost(lab, trackedByStack(lab));
        const first = flow.firstMessage ?? "";
        if (flow.firstOk) problems.push("the hostile answer was accepted as if it were Snyk's");
        else if (RAW.test(first)) problems.push(`a raw error reached the user: ${first.slice(0, 120)}`);
        else if (!CLEAR.test(first)) problems.push("the error does not say the answer was malformed, late or cut");
        if ([first, flow.finalMessage ?? ""].some((m) => m.includes(lab.emulator.token))) problems.push("the token reached an error message");
        if (!flow.finalOk) problems.push("running again once the server behaved did not recover");
        problems.push(...(c.expect?.(lab, proxy) ?? []));
        return { userSaw: flow.saw, problems };
      } finally {
        lab.otherHostLogs.push(...host.hostLog());
        await host.stop();
        await proxy.close();
      }
    },
  };
}

const noPostSent = (_lab: FaultLab, proxy: HostileProxy): string[] =>
  proxy.seen.filter((s) => s.startsWith("POST")).length > 1 ? ["the duplicate guard passed on a list it could not read"] : [];

/** The hostile-server scenarios. */
export function hostileServerScenarios(): Scenario[] {
  const cases: HostileCase[] = [];
  const refreshApp = { setup: createApp, act: (lab: FaultLab) => lab.stack.refresh("app") };
  // A refresh reads the org's apps from their listing, one walk per run.
  const appList = (answer: HostileRule["answer"]) => (lab: FaultLab): HostileRule => ({ method: "GET", path: exactly(appsPath(lab)), answer });
  for (const [answerName, answer, short] of [
    ["an HTML login page", HTML_LOGIN, true], ["data: null", DATA_NULL, false], ["truncated JSON", TRUNCATED, false],
    ["a 20 MB body", HUGE, false], ["a body dripping a byte every 50 ms", DRIP, false],
    ["503 with a request id reflecting the token", undefined, false],
  ] as const) {
    cases.push({
      route: "GET /orgs/{org}/apps/creations (refresh)", answerName, short, ...refreshApp,
      rule: answer ? appList(answer) : (lab) => ({
        method: "GET", path: exactly(appsPath(lab)),
        answer: { status: 503, contentType: JSON_API, headers: { "snyk-request-id": `rid-${lab.emulator.token}` }, body: '{"errors": [{"status": "503", "detail": "down"}]}' },
      }),
    });
  }
  for (const [answerName, answer, short] of [
    ["data: null", DATA_NULL, true], ["no data", NO_DATA, false], ["an HTML login page", HTML_LOGIN, false],
    ["an item without an id", NO_ID_ITEM, false], ["a next link looping back", LOOP, false], ["pages that never end", ENDLESS, false],
  ] as const) {
    cases.push({
      route: "GET /orgs/{org}/apps/installs (refresh of an install and its secret)", answerName, short,
      setup: createInstallAndSecret, act: refreshAll,
      rule: (lab) => ({ method: "GET", path: exactly(installsPath(lab)), answer }),
    });
  }
  for (const [answerName, answer, short] of [
    ["data: null", DATA_NULL, false], ["an HTML login page", HTML_LOGIN, false],
    ["a next link looping back", LOOP, true], ["pages that never end", ENDLESS, false],
  ] as const) {
    cases.push({
      route: "GET /orgs/{org}/apps/creations (duplicate guard)", answerName, short, act: createApp,
      rule: (lab) => ({ method: "GET", path: exactly(appsPath(lab)), answer }), expect: noPostSent,
    });
  }
  for (const [answerName, answer, short] of [
    ["an HTML page", HTML_LOGIN, true], ["truncated JSON", TRUNCATED, false], ["data: null", DATA_NULL, false],
    ["a resource without attributes", NO_ATTRIBUTES, false], ["a 20 MB body", HUGE, false],
  ] as const) {
    cases.push({
      route: "POST /orgs/{org}/apps/creations, processed", answerName, short, act: createApp,
      rule: (lab) => ({ method: "POST", path: exactly(appsPath(lab)), afterProcessing: true, times: 1, answer }),
    });
  }
  for (const [answerName, answer, short] of [
    ["an HTML page", HTML_LOGIN, false], ["data: null", DATA_NULL, true], ["truncated JSON", TRUNCATED, false],
  ] as const) {
    cases.push({
      route: "POST /orgs/{org}/apps/installs, processed", answerName, short,
      act: (lab) => lab.stack.apply("install", "install", lab.installInputs("org")),
      rule: (lab) => ({ method: "POST", path: exactly(installsPath(lab)), afterProcessing: true, times: 1, answer }),
    });
  }
  for (const [answerName, answer] of [["data: null", DATA_NULL], ["an HTML page", HTML_LOGIN]] as const) {
    cases.push({
      route: "PATCH /orgs/{org}/apps/creations/{id}, processed", answerName, setup: createApp,
      act: (lab) => lab.stack.apply("app", "app", lab.appInputs("Hostile app renamed")),
      rule: (lab) => ({ method: "PATCH", path: exactly(`${appsPath(lab)}/${lab.stack.outputs("app").appId}`), afterProcessing: true, times: 1, answer }),
    });
  }
  for (const [answerName, answer] of [["an HTML page", HTML_LOGIN], ["data: null", DATA_NULL]] as const) {
    cases.push({
      route: "POST …/creations/{id}/secrets (mint), processed", answerName, setup: createApp,
      act: (lab) => lab.stack.apply("secret", "secret", lab.appSecretInputs("app")),
      rule: (lab) => ({ method: "POST", path: exactly(`${appsPath(lab)}/${lab.stack.outputs("app").appId}/secrets`), afterProcessing: true, times: 1, answer }),
    });
  }
  return cases.map(hostileScenario);
}
