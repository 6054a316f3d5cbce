import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { RunningEmulator, startEmulator } from "../../../emulator";
import { authorize, consent, installBody, oauth, pkce, rest } from "../http";

// The test reads the OAuth2 spec with js-yaml (a dependency of this package); the emulator hand-writes the OAuth2 rules.
const yaml = require("js-yaml");
const spec = yaml.load(fs.readFileSync(path.join(__dirname, "../../../../spec/snyk-oauth2.openapi.yaml"), "utf8"));
const ajv = new Ajv({ strict: false });
addFormats(ajv);
ajv.addSchema(spec, "oauth2");
const tokenAnswer = ajv.compile({ $ref: "oauth2#/paths/~1token/post/responses/200/content/application~1json/schema" });
const errorAnswer = ajv.compile({ $ref: "oauth2#/components/schemas/OAuthError" });

// A plain boolean, not ajv's type guard, so a passing check does not narrow `body` to unknown.
const isOAuthError = (body: unknown): boolean => errorAnswer(body);

function assertToken(answer: { status: number; body: any }): any {
  assert.strictEqual(answer.status, 200, JSON.stringify(answer.body));
  assert.ok(tokenAnswer(answer.body), JSON.stringify(tokenAnswer.errors));
  return answer.body;
}

function assertError(answer: { status: number; body: any }, status: number, error: string): void {
  assert.strictEqual(answer.status, status);
  assert.ok(isOAuthError(answer.body), JSON.stringify(errorAnswer.errors));
  assert.strictEqual(answer.body.error, error);
}

describe("routes/oauth2", () => {
  let emu: RunningEmulator;
  before(async () => (emu = await startEmulator()));
  beforeEach(() => emu.admin.reset());
  after(async () => emu.close());

  describe("authorization code with PKCE", () => {
    it("redirects with code and state, and exchanges the code for tokens acting for the org", async () => {
      const app = await consent(emu);
      const body = assertToken(await oauth(emu, "/token", { grant_type: "authorization_code", code: app.code, client_id: app.clientId, client_secret: app.clientSecret, code_verifier: app.verifier }));
      assert.strictEqual(body.token_type, "bearer");
      assert.strictEqual(body.expires_in, 3599);
      assert.strictEqual(body.scope, "org.read");
      assert.strictEqual((await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { auth: `bearer ${body.access_token}` })).status, 200);
    });

    it("refuses a wrong code_verifier and a reused code", async () => {
      const app = await consent(emu);
      const form = { grant_type: "authorization_code", code: app.code, client_id: app.clientId, client_secret: app.clientSecret };
      assertError(await oauth(emu, "/token", { ...form, code_verifier: pkce().verifier }), 400, "invalid_grant");
      assertError(await oauth(emu, "/token", { ...form, code_verifier: app.verifier }), 400, "invalid_grant");
    });

    it("refuses a wrong client secret with invalid_client (401)", async () => {
      const app = await consent(emu);
      assertError(await oauth(emu, "/token", { grant_type: "authorization_code", code: app.code, client_id: app.clientId, client_secret: "wrong", code_verifier: app.verifier }), 401, "invalid_client");
    });

    it("does not redirect to an unregistered redirect_uri", async () => {
      const app = await consent(emu);
      const answer = await authorize(emu, { response_type: "code", client_id: app.clientId, redirect_uri: `${app.redirectUri}/other`, state: "s", code_challenge: pkce().challenge, code_challenge_method: "S256" });
      assert.strictEqual(answer.status, 400);
      assert.strictEqual(answer.location, undefined);
    });

    for (const [change, error] of [
      [{ code_challenge_method: "plain" }, "invalid_request"],
      [{ code_challenge: "" }, "invalid_request"],
      [{ state: "" }, "invalid_request"],
      [{ response_type: "token" }, "unsupported_response_type"],
      [{ scope: "org.admin" }, "invalid_scope"],
      [{ org_id: "00000000-0000-4000-8000-000000000000" }, "access_denied"],
    ] as const) {
      it(`redirects with error=${error} when ${JSON.stringify(change)}`, async () => {
        const app = await consent(emu);
        const base: Record<string, string> = { response_type: "code", client_id: app.clientId, redirect_uri: app.redirectUri, state: "s", code_challenge: pkce().challenge, code_challenge_method: "S256" };
        const params: Record<string, string> = { ...base, ...change };
        const answer = await authorize(emu, params);
        assert.strictEqual(answer.status, 302);
        assert.strictEqual(answer.location!.searchParams.get("error"), error);
        assert.strictEqual(answer.location!.searchParams.get("code"), null);
      });
    }
  });

  describe("refresh tokens", () => {
    it("are single use and rotate", async () => {
      const app = await consent(emu);
      const first = assertToken(await oauth(emu, "/token", { grant_type: "authorization_code", code: app.code, client_id: app.clientId, client_secret: app.clientSecret, code_verifier: app.verifier }));
      const second = assertToken(await oauth(emu, "/token", { grant_type: "refresh_token", client_secret: app.clientSecret, refresh_token: first.refresh_token }));
      assert.notStrictEqual(second.refresh_token, first.refresh_token);
      assertError(await oauth(emu, "/token", { grant_type: "refresh_token", client_secret: app.clientSecret, refresh_token: first.refresh_token }), 400, "invalid_grant");
      assertToken(await oauth(emu, "/token", { grant_type: "refresh_token", client_secret: app.clientSecret, refresh_token: second.refresh_token }));
    });

    it("stop working once revoked at /oauth2/revoke", async () => {
      const app = await consent(emu);
      const tokens = assertToken(await oauth(emu, "/token", { grant_type: "authorization_code", code: app.code, client_id: app.clientId, client_secret: app.clientSecret, code_verifier: app.verifier }));
      const revoked = await oauth(emu, "/revoke", { client_id: app.clientId, client_secret: app.clientSecret, token: tokens.refresh_token });
      assert.strictEqual(revoked.status, 200);
      assertError(await oauth(emu, "/token", { grant_type: "refresh_token", client_secret: app.clientSecret, refresh_token: tokens.refresh_token }), 400, "invalid_grant");
      assertError(await oauth(emu, "/revoke", { client_id: app.clientId, client_secret: "wrong", token: tokens.access_token }), 401, "invalid_client");
    });
  });

  describe("client credentials", () => {
    it("work for a client-credentials app and not for an authorization-code app", async () => {
      assertToken(await oauth(emu, "/token", { grant_type: "client_credentials", client_id: emu.brokerApp.clientId, client_secret: emu.brokerApp.clientSecret }));
      const app = await consent(emu);
      assertError(await oauth(emu, "/token", { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret }), 400, "unauthorized_client");
    });

    it("give a group install's token access to the group", async () => {
      const install = (await rest(emu, "POST", `/groups/${emu.groupId}/apps/installs`, { body: installBody(emu.admin.createClientCredentialsApp().appId) })).body.data;
      const token = assertToken(await oauth(emu, "/token", { grant_type: "client_credentials", client_id: install.attributes.client_id, client_secret: install.attributes.client_secret }));
      assert.strictEqual((await rest(emu, "GET", `/groups/${emu.groupId}/apps/installs`, { auth: `bearer ${token.access_token}` })).status, 200);
    });
  });

  it("answers invalid_request without a form body and unsupported_grant_type for other grants", async () => {
    const response = await fetch(`${emu.url}/oauth2/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assertError({ status: response.status, body: (await response.json()) as any }, 400, "invalid_request");
    assertError(await oauth(emu, "/token", { grant_type: "password" }), 400, "unsupported_grant_type");
  });

  describe("client authentication with HTTP Basic (RFC 6749 2.3.1)", () => {
    async function tokenWithBasic(credential: string): Promise<{ status: number; headers: Headers; body: any }> {
      const response = await fetch(`${emu.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${credential}` },
        body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    }
    const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

    it("accepts a well-formed credential, percent-encoded as the RFC asks", async () => {
      assertToken(await tokenWithBasic(base64(`${encodeURIComponent(emu.brokerApp.clientId)}:${encodeURIComponent(emu.brokerApp.clientSecret)}`)));
    });

    for (const [what, credential] of [
      ["bad percent escapes", base64("%zz:%E0%A4%A")],
      ["no colon", base64("only-an-id")],
      ["not base64", "!!!***"],
      ["nothing", ""],
      ["two parts", `${base64("a:b")} extra`],
    ]) {
      it(`answers a malformed credential (${what}) with 401 invalid_client and a Basic challenge, never 500`, async () => {
        const answer = await tokenWithBasic(credential);
        assertError(answer, 401, "invalid_client");
        assert.match(answer.headers.get("www-authenticate") ?? "", /^Basic /);
      });
    }
  });
});
