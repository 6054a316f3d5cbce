import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { SnykClient, SnykNotFoundError, SnykPermissionError, type AppResource, type JsonApiDocument } from "../../provider/client";
import { ProviderConfigurationError } from "../../provider/settings";
import {
  getApp, getAppInstalls, getAppOutput, getApps, LookupArgumentError, type GetAppResult,
} from "../../sdk/lookups";

const APPS_CREATED = 105;
const CC_APPS = 101;
const GROUP_INSTALLS = 3;

describe("sdk/lookups", () => {
  let emulator: RunningEmulator;
  let client: SnykClient;
  /** What POST /apps/creations answered for the first app, secret included. */
  let created: JsonApiDocument<AppResource>["data"];

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    client = new SnykClient({ token: emulator.token, apiUrl: emulator.url, retry: { maxAttempts: 1 } });
    const creations = Array.from({ length: APPS_CREATED }, (_, i) =>
      client.request<JsonApiDocument<AppResource>>("POST", `/orgs/${emulator.orgId}/apps/creations`, {
        body: {
          data: {
            type: "app",
            attributes: { name: `app ${i}`, redirect_uris: [`https://example.com/cb/${i}`], scopes: ["org.read"], context: "tenant" },
          },
        },
      }));
    created = (await Promise.all(creations))[0].data.data;
    const ccApps = Array.from({ length: CC_APPS }, (_, i) => emulator.admin.createClientCredentialsApp({ name: `cc ${i}`, scopes: ["org.read", "org.project.read"] }));
    const installable = [emulator.brokerApp.appId, ...ccApps.map((a) => a.appId)];
    const install = (owner: string, appId: string) =>
      client.request("POST", `${owner}/apps/installs`, { body: { data: { type: "app_install" }, relationships: { app: { data: { id: appId, type: "app" } } } } });
    await Promise.all(installable.map((appId) => install(`/orgs/${emulator.orgId}`, appId)));
    await Promise.all(installable.slice(0, GROUP_INSTALLS).map((appId) => install(`/groups/${emulator.groupId}`, appId)));
  });
  after(async () => { await emulator?.close(); });
  beforeEach(() => emulator.admin.clearLog());

  it("getApps pages through every app of the org with the creations endpoint", async () => {
    const { orgId, apps } = await getApps({ orgId: emulator.orgId }, { client });
    assert.equal(orgId, emulator.orgId, "the result echoes its argument, as Pulumi functions do");
    const expected = emulator.admin.listApps(emulator.orgId);
    assert.ok(expected.length > 200, "the fixture spans three pages");
    assert.deepEqual(apps.map((a) => a.appId), expected.map((a) => a.id));
    const pages = emulator.admin.requestLog.filter((e) => e.method === "GET");
    assert.equal(pages.length, 3);
    for (const page of pages) {
      assert.equal(page.path, `/orgs/${emulator.orgId}/apps/creations`);
      assert.equal(page.status, 200);
    }
    const cc = apps.find((a) => a.grantType === "client_credentials")!;
    assert.deepEqual(cc.redirectUris, [], "apps without redirect URIs answer an empty list");
  });

  it("getApp returns the app in camelCase, as created, without its client secret", async () => {
    const app = await getApp({ orgId: emulator.orgId, appId: created.id }, { client });
    const a = created.attributes;
    const expected: GetAppResult = {
      orgId: emulator.orgId,
      appId: created.id,
      clientId: a.client_id,
      name: a.name,
      redirectUris: a.redirect_uris,
      scopes: a.scopes,
      context: a.context,
      accessTokenTtlSeconds: a.access_token_ttl_seconds,
      grantType: a.grant_type,
      isPublic: a.is_public,
      isConfidential: a.is_confidential,
      orgPublicId: a.org_public_id,
    };
    assert.deepEqual(app, expected);
    assert.ok(a.client_secret, "the create answer held a secret");
    assert.ok(!JSON.stringify(app).includes(a.client_secret), "the lookup result holds no client secret");
    assert.ok(!Object.keys(app).some((k) => /secret/i.test(k)));
  });

  it("getAppInstalls({orgId}) pages through every org install, with the expanded app", async () => {
    const { installs, ...owner } = await getAppInstalls({ orgId: emulator.orgId }, { client });
    assert.deepEqual(owner, { orgId: emulator.orgId });
    const expected = emulator.admin.listInstalls().filter((i) => i.orgId === emulator.orgId);
    assert.equal(installs.length, CC_APPS + 1);
    assert.deepEqual(installs.map((i) => i.installId), expected.map((i) => i.id));
    const broker = installs.find((i) => i.appId === emulator.brokerApp.appId)!;
    const summary = expected.find((i) => i.appId === emulator.brokerApp.appId)!;
    assert.equal(broker.clientId, summary.clientId);
    assert.equal(broker.installedAt, summary.installedAt);
    assert.equal(broker.appClientId, emulator.brokerApp.clientId);
    assert.equal(typeof broker.appName, "string");
    assert.equal(broker.appContext, "tenant");
    assert.ok(Array.isArray(broker.appScopes) && broker.appScopes.length > 0);
    const pages = emulator.admin.requestLog;
    assert.equal(pages.length, 2);
    for (const page of pages) {
      assert.equal(page.path, `/orgs/${emulator.orgId}/apps/installs`);
      assert.equal(page.query.expand, "app");
    }
  });

  it("getAppInstalls({groupId}) lists the group's installs only", async () => {
    const { installs, ...owner } = await getAppInstalls({ groupId: emulator.groupId }, { client });
    assert.deepEqual(owner, { groupId: emulator.groupId });
    const expected = emulator.admin.listInstalls().filter((i) => i.groupId === emulator.groupId);
    assert.equal(installs.length, GROUP_INSTALLS);
    assert.deepEqual(installs.map((i) => i.installId), expected.map((i) => i.id));
    assert.deepEqual(emulator.admin.requestLog.map((e) => e.path), [`/groups/${emulator.groupId}/apps/installs`]);
  });

  const badArguments: [string, () => Promise<unknown>, string][] = [
    ["getApp with a non-UUID orgId", () => getApp({ orgId: "my-org", appId: created.id }, { client }), "orgId"],
    ["getApp without appId", () => getApp({ orgId: emulator.orgId } as any, { client }), "appId"],
    ["getApp with a numeric appId", () => getApp({ orgId: emulator.orgId, appId: 42 } as any, { client }), "appId"],
    ["getApps without orgId", () => getApps({} as any, { client }), "orgId"],
    ["getApps with no arguments object", () => getApps(undefined as any, { client }), "args"],
    ["getApps with a path in orgId", () => getApps({ orgId: `${emulator.orgId}/../x` }, { client }), "orgId"],
    ["getAppInstalls with both ids", () => getAppInstalls({ orgId: emulator.orgId, groupId: emulator.groupId } as any, { client }), "orgId|groupId"],
    ["getAppInstalls with neither id", () => getAppInstalls({} as any, { client }), "orgId|groupId"],
    ["getAppInstalls with a bad groupId", () => getAppInstalls({ groupId: "g1" }, { client }), "groupId"],
  ];
  for (const [name, call, argument] of badArguments) {
    it(`rejects ${name} before any request, naming ${argument}`, async () => {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof LookupArgumentError, String(error));
        assert.equal(error.argument, argument);
        for (const part of argument.split("|")) assert.match(error.message, new RegExp(part.replace(/[|]/g, "\\|")));
        return true;
      });
      assert.equal(emulator.admin.requestLog.length, 0);
    });
  }

  it("passes Snyk's errors through: 404 for an unknown app, 403 for a foreign org", async () => {
    await assert.rejects(getApp({ orgId: emulator.orgId, appId: "00000000-0000-4000-8000-000000000000" }, { client }), SnykNotFoundError);
    await assert.rejects(getApps({ orgId: emulator.foreignOrgId }, { client }), SnykPermissionError);
    await assert.rejects(getAppInstalls({ groupId: emulator.foreignGroupId }, { client }), (error: unknown) =>
      error instanceof SnykPermissionError && !error.message.includes(emulator.token));
  });

  it("resolves its client from the environment when none is given", async () => {
    const env = { SNYK_TOKEN: emulator.token, SNYK_API_URL: emulator.url };
    const { apps } = await getApps({ orgId: emulator.orgId }, { env });
    assert.equal(apps.length, emulator.admin.listApps(emulator.orgId).length);
  });

  it("prefers stack config (snyk:token, snyk:apiUrl) over the environment", async () => {
    const saved = pulumi.runtime.allConfig();
    try {
      pulumi.runtime.setConfig("snyk:token", emulator.token);
      pulumi.runtime.setConfig("snyk:apiUrl", emulator.url);
      const env = { SNYK_TOKEN: "not-the-token", SNYK_API_URL: "http://127.0.0.1:9" };
      const app = await getApp({ orgId: emulator.orgId, appId: created.id }, { env });
      assert.equal(app.appId, created.id);
    } finally {
      pulumi.runtime.setAllConfig(saved);
    }
  });

  it("lets settings override config and environment", async () => {
    const env = { SNYK_TOKEN: emulator.token, SNYK_API_URL: "http://127.0.0.1:9" };
    const { apps } = await getApps({ orgId: emulator.orgId }, { env, settings: { apiUrl: emulator.url } });
    assert.ok(apps.length > 0);
  });

  it("fails with the provider's missing-token error, without a request, when no token is set", async () => {
    await assert.rejects(getApps({ orgId: emulator.orgId }, { env: {} }), ProviderConfigurationError);
    await assert.rejects(getApps({ orgId: emulator.orgId }, { env: { SNYK_TOKEN: emulator.token, SNYK_AUTH_SCHEME: "basic" } }), /snyk:authScheme/);
    assert.equal(emulator.admin.requestLog.length, 0);
  });

  it("getAppOutput resolves the same app once its inputs are known", async () => {
    const output = getAppOutput({ orgId: pulumi.output(emulator.orgId), appId: Promise.resolve(created.id) }, { client });
    const app = await new Promise<GetAppResult>((resolve) => output.apply(resolve));
    assert.equal(app.appId, created.id);
    assert.equal(app.clientId, created.attributes.client_id);
  });
});
