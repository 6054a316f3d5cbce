/**
 * Lookups in a user's unit test: under setMocks, with no token anywhere, the mocks' `call`
 * answers each lookup by its token, with the checked arguments.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { getApp, getApps, getAppInstallsOutput, LOOKUP_TOKENS, type GetAppsResult, type GetAppResult } from "../../sdk";
import { runProgram } from "../../harness/mock-program";

const ORG = "5e1f0c5a-0000-4000-8000-000000000001";
const APP = "5e1f0c5a-0000-4000-8000-000000000003";
const GROUP = "5e1f0c5a-0000-4000-8000-000000000002";

describe("sdk/lookup-mocks: lookups under pulumi.runtime.setMocks", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    delete process.env.SNYK_TOKEN;
    delete process.env.SNYK_API_URL;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("are answered by the mocks' call, by token, without a token or a request", async () => {
    const calls: pulumi.runtime.MockCallArgs[] = [];
    const app: GetAppResult = {
      orgId: ORG, appId: APP, clientId: "c1", name: "Mocked", redirectUris: ["https://x.example/cb"], scopes: ["org.read"],
      context: "tenant", accessTokenTtlSeconds: 3600, grantType: "authorization_code", isPublic: false, isConfidential: true,
    };
    const answers: Record<string, object> = {
      [LOOKUP_TOKENS.getApp]: app,
      [LOOKUP_TOKENS.getApps]: { orgId: ORG, apps: [app] },
      [LOOKUP_TOKENS.getAppInstalls]: { groupId: GROUP, installs: [{ installId: "i1", appName: "Broker" }] },
    };
    let results: { app?: GetAppResult; apps?: GetAppsResult; installNames?: string[] } = {};
    await runProgram(
      async () => {
        results.app = await getApp({ orgId: ORG, appId: APP });
        results.apps = await getApps({ orgId: ORG });
        const installs = getAppInstallsOutput({ groupId: pulumi.output(GROUP) });
        results.installNames = await new Promise((resolve) => installs.apply((r) => resolve(r.installs.map((i) => i.appName ?? ""))));
      },
      { project: "unit", stack: "test", mocks: { call: (args) => { calls.push(args); return answers[args.token] as Record<string, unknown>; } } },
    );
    assert.deepEqual(results.app, app);
    assert.deepEqual(results.apps, { orgId: ORG, apps: [app] });
    assert.deepEqual(results.installNames, ["Broker"]);
    assert.deepEqual(calls.map((c) => [c.token, c.inputs]), [
      [LOOKUP_TOKENS.getApp, { orgId: ORG, appId: APP }],
      [LOOKUP_TOKENS.getApps, { orgId: ORG }],
      [LOOKUP_TOKENS.getAppInstalls, { groupId: GROUP }],
    ]);
    results = {};
  });

  it("still check their arguments before the mocks are asked", async () => {
    let called = 0;
    let error: unknown;
    await runProgram(
      async () => {
        error = await getApps({ orgId: "not-a-uuid" }).catch((e) => e);
      },
      { project: "unit", stack: "test", mocks: { call: () => { called++; return {}; } } },
    );
    assert.match(String(error), /getApps: orgId must be a UUID/);
    assert.equal(called, 0);
  });
});
