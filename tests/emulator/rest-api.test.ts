import * as assert from "assert";
import { randomUUID } from "crypto";
import { RunningEmulator, startEmulator } from "../../emulator";
import { specValidator } from "../../emulator/spec-validator";
import { Answer, appBody, consent, installBody, oauth, rest, secretsBody } from "./http";

const validator = specValidator();
const covered = new Map<string, Set<number>>();

/** Asserts the status and that the answer validates against the spec for that operation and status. */
function check(operationId: string, answer: Answer, status: number): Answer {
  assert.strictEqual(answer.status, status, `${operationId}: ${JSON.stringify(answer.body)}`);
  const violations = validator.validateResponse(operationId, answer.status, answer.body);
  assert.deepStrictEqual(violations, [], `${operationId} ${status} breaks the spec`);
  assert.match(answer.headers.get("snyk-request-id") ?? "", /^[0-9a-f-]{36}$/);
  if (answer.body !== undefined) {
    assert.strictEqual(answer.headers.get("content-type"), "application/vnd.api+json");
    assert.deepStrictEqual(answer.body.jsonapi, { version: "1.0" });
  }
  if (status < 300) assert.strictEqual(answer.headers.get("snyk-version-served"), "2025-11-05");
  if (!covered.has(operationId)) covered.set(operationId, new Set());
  covered.get(operationId)!.add(status);
  return answer;
}

/** A body that passes the schema of `operationId` (undefined for bodiless operations). */
function validBody(operationId: string, appId: string): unknown {
  const bodies: Record<string, unknown> = {
    createOrgApp: appBody(),
    createApp: { name: "Flat", redirect_uris: ["https://flat.example.test/cb"], scopes: ["org.read"] },
    updateAppCreationByID: { data: { type: "app", attributes: { name: "n" } } },
    updateApp: { name: "n" },
    manageAppCreationSecret: secretsBody("create"),
    manageSecrets: { mode: "create" },
    createOrgAppInstall: installBody(appId),
    createGroupAppInstall: installBody(appId),
    updateOrgAppInstallSecret: secretsBody("create"),
    updateGroupAppInstallSecret: secretsBody("create"),
  };
  return bodies[operationId];
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? randomUUID());
}

describe("rest-api", () => {
  let emu: RunningEmulator;
  before(async () => (emu = await startEmulator({ validateResponses: true })));
  beforeEach(() => emu.admin.reset());
  after(async () => emu.close());

  /**
   * Scenarios that call operations and check every answer against the spec; each one sets up
   * what it needs on a freshly reset emulator, so any one can run alone or in any order.
   */
  const scenarios: [name: string, run: () => Promise<void>][] = [
    ["app creations: create, list, get, patch, secrets, delete", async () => {
      const base = `/orgs/${emu.orgId}/apps/creations`;
      const app = check("createOrgApp", await rest(emu, "POST", base, { body: appBody() }), 201).body.data;
      assert.ok(app.attributes.client_secret);
      const listed = check("getOrgApps", await rest(emu, "GET", base), 200).body;
      assert.deepStrictEqual(listed.data.map((a: any) => a.id), [app.id]);
      assert.strictEqual(listed.data[0].attributes.client_secret, undefined);
      check("getAppByID", await rest(emu, "GET", `${base}/${app.id}`), 200);
      const patched = check("updateAppCreationByID", await rest(emu, "PATCH", `${base}/${app.id}`, { body: { data: { type: "app", attributes: { name: "Renamed" } } } }), 200);
      assert.strictEqual(patched.body.data.attributes.name, "Renamed");
      check("manageAppCreationSecret", await rest(emu, "POST", `${base}/${app.id}/secrets`, { body: secretsBody("create") }), 200);
      check("manageAppCreationSecret", await rest(emu, "POST", `${base}/${app.id}/secrets`, { body: secretsBody("create") }), 409);
      check("deleteAppByID", await rest(emu, "DELETE", `${base}/${app.id}`), 204);
      check("getAppByID", await rest(emu, "GET", `${base}/${app.id}`), 404);
    }],
    ...(["org", "group"] as const).map((scope): [string, () => Promise<void>] => [
      `${scope} installs: create, conflict, list with expand=app, secrets, delete`,
      async () => {
        const suffix = scope === "org" ? "Org" : "Group";
        const base = scope === "org" ? `/orgs/${emu.orgId}/apps/installs` : `/groups/${emu.groupId}/apps/installs`;
        const ops = {
          create: `create${suffix}AppInstall`,
          list: scope === "org" ? "getAppInstallsForOrg" : "getAppInstallsForGroup",
          secrets: `update${suffix}AppInstallSecret`,
          remove: scope === "org" ? "deleteAppOrgInstallById" : "deleteGroupAppInstallById",
        };
        const install = check(ops.create, await rest(emu, "POST", base, { body: installBody(emu.brokerApp.appId) }), 201).body.data;
        check(ops.create, await rest(emu, "POST", base, { body: installBody(emu.brokerApp.appId) }), 409);
        const listed = check(ops.list, await rest(emu, "GET", base, { query: { expand: "app" } }), 200).body.data;
        assert.deepStrictEqual(listed.map((i: any) => i.id), [install.id]);
        assert.strictEqual(listed[0].attributes.client_id, install.attributes.client_id);
        assert.strictEqual(listed[0].relationships.app.data.attributes.name, "Snyk Broker");
        check(ops.secrets, await rest(emu, "POST", `${base}/${install.id}/secrets`, { body: secretsBody("replace") }), 200);
        check(ops.remove, await rest(emu, "DELETE", `${base}/${install.id}`), 204);
        check(ops.remove, await rest(emu, "DELETE", `${base}/${install.id}`), 404);
      },
    ]),
    ["self: authorized apps, sessions, user installs", async () => {
      const tenant = await consent(emu, { context: "tenant" });
      const user = await consent(emu, { context: "user" });
      const apps = check("getUserInstalledApps", await rest(emu, "GET", "/self/apps"), 200).body.data;
      assert.deepStrictEqual(apps.map((app: any) => app.id).sort(), [tenant.appId, user.appId].sort());
      const sessions = check("getUserAppSessions", await rest(emu, "GET", `/self/apps/${tenant.appId}/sessions`), 200).body.data;
      assert.strictEqual(sessions.length, 1);
      check("revokeUserAppSession", await rest(emu, "DELETE", `/self/apps/${tenant.appId}/sessions/${sessions[0].id}`), 204);
      const installs = check("getAppInstallsForUser", await rest(emu, "GET", "/self/apps/installs", { query: { expand: "app" } }), 200).body.data;
      assert.deepStrictEqual(installs.map((i: any) => i.relationships.app.data.id), [user.appId]);
      check("deleteUserAppInstallById", await rest(emu, "DELETE", `/self/apps/installs/${installs[0].id}`), 204);
      const again = await consent(emu, { context: "tenant" });
      check("revokeUserInstalledApp", await rest(emu, "DELETE", `/self/apps/${again.appId}`), 204);
      check("revokeUserInstalledApp", await rest(emu, "DELETE", `/self/apps/${again.appId}`), 404);
    }],
    ["deprecated app bots: list and delete", async () => {
      const tenant = await consent(emu, { context: "tenant" });
      const bots = check("getAppBots", await rest(emu, "GET", `/orgs/${emu.orgId}/app_bots`, { query: { expand: "app" } }), 200);
      assert.ok(bots.headers.get("deprecation"));
      assert.deepStrictEqual(bots.body.data.map((b: any) => b.relationships.app.data.id), [tenant.appId]);
      check("deleteAppBot", await rest(emu, "DELETE", `/orgs/${emu.orgId}/app_bots/${bots.body.data[0].id}`), 204);
      assert.deepStrictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/app_bots`)).body.data, []);
    }],
    ["deprecated flat apps: create, list, get, patch, secrets, delete", async () => {
      const base = `/orgs/${emu.orgId}/apps`;
      const flat = { name: "Flat", redirect_uris: ["https://flat.example.test/cb"], scopes: ["org.read"] };
      const app = check("createApp", await rest(emu, "POST", base, { body: flat }), 201).body.data;
      const clientId = app.attributes.client_id;
      check("getApps", await rest(emu, "GET", base), 200);
      check("getApp", await rest(emu, "GET", `${base}/${clientId}`), 200);
      check("updateApp", await rest(emu, "PATCH", `${base}/${clientId}`, { body: { name: "Flat 2" } }), 200);
      check("manageSecrets", await rest(emu, "POST", `${base}/${clientId}/secrets`, { body: { mode: "replace" } }), 200);
      check("deleteApp", await rest(emu, "DELETE", `${base}/${clientId}`), 204);
      check("getApp", await rest(emu, "GET", `${base}/${clientId}`), 404);
    }],
    ["every operation: 400 on a bad version, 401 without a token, 403 on a foreign org or group, 404 on unknown ids", async () => {
      for (const op of validator.operations) {
        const own = fill(op.path, { org_id: emu.orgId, group_id: emu.groupId });
        const body = op.hasBody ? {} : undefined;
        check(op.operationId, await rest(emu, op.method, own, { version: "2023-01-01", body }), 400);
        check(op.operationId, await rest(emu, op.method, own, { auth: null, body }), 401);
        if (/\{(org_id|group_id)\}/.test(op.path)) {
          const foreign = fill(op.path, { org_id: emu.foreignOrgId, group_id: emu.foreignGroupId });
          check(op.operationId, await rest(emu, op.method, foreign, { body: validBody(op.operationId, emu.brokerApp.appId) }), 403);
        }
        if (op.path.includes("{")) {
          const unknown = fill(op.path, {});
          check(op.operationId, await rest(emu, op.method, unknown, { body: validBody(op.operationId, randomUUID()) }), 404);
        }
      }
    }],
  ];

  describe("every operation of the spec answers as the spec says", () => {
    for (const [name, run] of scenarios) it(name, run);

    it("covers every operation of the spec with a success answer, and with 400, 401 and 404", async () => {
      // Runs every scenario itself, so that it does not depend on the tests above having run.
      covered.clear();
      for (const [, run] of scenarios) {
        emu.admin.reset();
        await run();
      }
      for (const op of validator.operations) {
        const statuses = covered.get(op.operationId) ?? new Set();
        const success = [...statuses].some((status) => status < 300);
        assert.ok(success, `${op.operationId} was never answered with success`);
        for (const status of [400, 401, 404]) {
          if (status === 404 && !op.path.includes("{")) continue;
          assert.ok(statuses.has(status), `${op.operationId} was never answered with ${status}`);
        }
      }
    });
  });

  describe("version", () => {
    for (const version of [null, "2023-11-02", "2025-13-01", "2025-02-30", "latest", "2025-11-05~wip"]) {
      it(`rejects version ${version} with 400 naming the parameter`, async () => {
        const answer = check("getOrgApps", await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { version }), 400);
        assert.deepStrictEqual(answer.body.errors[0].source, { parameter: "version" });
      });
    }
    for (const [version, served] of [["2023-11-03", "2023-11-03"], ["2024-10-15~beta", "2023-11-03"], ["2026-01-01~experimental", "2025-11-05"]]) {
      it(`accepts ${version} and serves ${served}`, async () => {
        const answer = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { version });
        assert.strictEqual(answer.status, 200);
        assert.strictEqual(answer.headers.get("snyk-version-served"), served);
        assert.strictEqual(answer.headers.get("snyk-version-requested"), version);
      });
    }
  });

  describe("request bodies", () => {
    const base = () => `/orgs/${emu.orgId}/apps/creations`;
    it("requires Content-Type application/vnd.api+json", async () => {
      check("createOrgApp", await rest(emu, "POST", base(), { body: appBody(), contentType: "application/json" }), 400);
    });
    it("rejects malformed JSON", async () => {
      check("createOrgApp", await rest(emu, "POST", base(), { body: "{not json" }), 400);
    });
    for (const [attributes, pointer] of [
      [{ redirect_uris: [] }, "/data/attributes/redirect_uris"],
      [{ redirect_uris: ["not a uri"] }, "/data/attributes/redirect_uris/0"],
      [{ name: "" }, "/data/attributes/name"],
      [{ scopes: [] }, "/data/attributes/scopes"],
      [{ context: "everyone" }, "/data/attributes/context"],
      [{ access_token_ttl_seconds: 60 }, "/data/attributes/access_token_ttl_seconds"],
      [{ grant_type: "client_credentials" }, "/data/attributes/grant_type"],
      [{ context: undefined }, "/data/attributes/context"],
    ] as const) {
      it(`rejects a create body with ${JSON.stringify(attributes)}, pointing at ${pointer}`, async () => {
        const answer = check("createOrgApp", await rest(emu, "POST", base(), { body: appBody(attributes) }), 400);
        assert.ok(answer.body.errors.some((error: any) => error.source?.pointer === pointer), JSON.stringify(answer.body.errors));
      });
    }
    for (const attribute of ["scopes", "context"]) {
      it(`rejects a PATCH of ${attribute} (immutable)`, async () => {
        const app = (await rest(emu, "POST", base(), { body: appBody() })).body.data;
        const answer = check("updateAppCreationByID", await rest(emu, "PATCH", `${base()}/${app.id}`, { body: { data: { type: "app", attributes: { [attribute]: attribute === "scopes" ? ["x"] : "user" } } } }), 400);
        assert.strictEqual(answer.body.errors[0].source.pointer, `/data/attributes/${attribute}`);
      });
    }
    it("rejects an empty PATCH", async () => {
      const app = (await rest(emu, "POST", base(), { body: appBody() })).body.data;
      check("updateAppCreationByID", await rest(emu, "PATCH", `${base()}/${app.id}`, { body: { data: { type: "app", attributes: {} } } }), 400);
    });
    it("rejects a path id that is not a UUID", async () => {
      const answer = check("getAppByID", await rest(emu, "GET", `${base()}/not-a-uuid`), 400);
      assert.deepStrictEqual(answer.body.errors[0].source, { parameter: "app_id" });
    });
  });

  describe("authentication", () => {
    it("rejects an unknown token and the right token with the wrong scheme", async () => {
      check("getOrgApps", await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { auth: "token nope" }), 401);
      check("getOrgApps", await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { auth: `bearer ${emu.token}` }), 401);
    });
    it("accepts a bearer access token from /oauth2/token for the install's org only", async () => {
      const install = (await rest(emu, "POST", `/orgs/${emu.orgId}/apps/installs`, { body: installBody((emu.admin.createClientCredentialsApp()).appId) })).body.data;
      const token = await oauth(emu, "/token", { grant_type: "client_credentials", client_id: install.attributes.client_id, client_secret: install.attributes.client_secret });
      const auth = `bearer ${token.body.access_token}`;
      check("getOrgApps", await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { auth }), 200);
      check("getOrgApps", await rest(emu, "GET", `/orgs/${emu.foreignOrgId}/apps/creations`, { auth }), 403);
    });
  });

  it("answers 404 with a JSON:API error on an unknown path and 405 on a known path with another method", async () => {
    const unknown = await rest(emu, "GET", "/nothing/here");
    assert.strictEqual(unknown.status, 404);
    assert.strictEqual(unknown.body.errors[0].status, "404");
    assert.strictEqual((await rest(emu, "PUT", `/orgs/${emu.orgId}/apps/creations`)).status, 405);
  });
});
