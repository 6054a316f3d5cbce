import { strict as assert } from "assert";
import axios from "axios";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { SnykClient, SnykOAuthError, type AppResource, type JsonApiDocument } from "../../provider/client";
import { getAppInstalls } from "../../sdk/lookups";
import { authorizeUrl, authorizeWebUrl, OAuthArgumentError, type AuthorizeUrlArgs } from "../../sdk/oauth";
import { createPkcePair } from "../../sdk/pkce";

const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const base: AuthorizeUrlArgs = {
  clientId: "64ae3415-5ccd-49e5-91f0-9101a6793ec2",
  redirectUri: "https://example.com/callback?tenant=a b",
  scopes: ["org.read", "org.project.read"],
  state: "st/ate+1",
  codeChallenge: CHALLENGE,
};

describe("sdk/oauth", () => {
  describe("authorizeUrl", () => {
    it("builds Snyk's authorize URL on app.snyk.io with every parameter encoded", () => {
      assert.equal(authorizeUrl(base),
        "https://app.snyk.io/oauth2/authorize?response_type=code" +
        "&client_id=64ae3415-5ccd-49e5-91f0-9101a6793ec2" +
        "&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3Ftenant%3Da%20b" +
        "&scope=org.read%20org.project.read" +
        "&state=st%2Fate%2B1" +
        `&code_challenge=${CHALLENGE}` +
        "&code_challenge_method=S256");
      const parsed = new URL(authorizeUrl(base)).searchParams;
      assert.equal(parsed.get("redirect_uri"), base.redirectUri);
      assert.equal(parsed.get("state"), base.state);
      assert.equal(parsed.get("scope"), "org.read org.project.read");
    });

    it("picks the web host from a region, a region's API URL, or any other API URL", () => {
      assert.equal(authorizeWebUrl({}), "https://app.snyk.io");
      assert.equal(authorizeWebUrl({ region: "snyk-eu-01" }), "https://app.eu.snyk.io");
      assert.equal(authorizeWebUrl({ apiUrl: "https://api.au.snyk.io/rest/" }), "https://app.au.snyk.io");
      assert.equal(authorizeWebUrl({ apiUrl: "https://api.us.snyk.io" }), "https://app.us.snyk.io");
      assert.equal(authorizeWebUrl({ apiUrl: "http://127.0.0.1:4000" }), "http://127.0.0.1:4000");
      assert.equal(authorizeWebUrl({ webUrl: "https://snyk.example.com/prefix/" }), "https://snyk.example.com/prefix");
      assert.ok(authorizeUrl({ ...base, region: "SNYK-US-02" }).startsWith("https://app.us.snyk.io/oauth2/authorize?"));
    });

    const bad: [string, Partial<Record<keyof AuthorizeUrlArgs, unknown>>, string][] = [
      ["an empty clientId", { clientId: "" }, "clientId"],
      ["a missing clientId", { clientId: undefined }, "clientId"],
      ["a relative redirectUri", { redirectUri: "/callback" }, "redirectUri"],
      ["a redirectUri with a fragment", { redirectUri: "https://example.com/cb#x" }, "redirectUri"],
      ["no scopes", { scopes: [] }, "scopes"],
      ["a scope with a space", { scopes: ["org.read org.write"] }, "scopes"],
      ["scopes as a string", { scopes: "org.read" }, "scopes"],
      ["an empty state", { state: "" }, "state"],
      ["a blank state", { state: "   " }, "state"],
      ["a missing codeChallenge", { codeChallenge: undefined }, "codeChallenge"],
      ["a code challenge that is not S256 of a verifier", { codeChallenge: "YWVjMDcwNjQ1ZmU1M2VlM2IzNzYzMDU5Mzc2MTM0ZjA1OGNjMzM3MjQ3Yzk3OGFkZDE3OGI2Y2NkZmIwMDE5Zg" }, "codeChallenge"],
      ["the plain method", { codeChallengeMethod: "plain" }, "codeChallengeMethod"],
      ["an unknown region", { region: "SNYK-MARS-01" }, "region"],
      ["both region and apiUrl", { region: "SNYK-EU-01", apiUrl: "https://api.eu.snyk.io" }, "apiUrl|region"],
      ["a webUrl that is not http(s)", { webUrl: "ftp://snyk.example.com" }, "webUrl"],
      ["an apiUrl that is not a URL", { apiUrl: "api.snyk.io" }, "apiUrl"],
    ];
    for (const [name, change, argument] of bad) {
      it(`rejects ${name}, naming ${argument}`, () => {
        assert.throws(() => authorizeUrl({ ...base, ...change } as AuthorizeUrlArgs), (error: unknown) => {
          assert.ok(error instanceof OAuthArgumentError, String(error));
          assert.equal(error.argument, argument);
          for (const part of argument.split("|")) assert.match(error.message, new RegExp(part));
          return true;
        });
      });
    }
  });

  describe("the authorization-code flow against the emulator", () => {
    const redirectUri = "https://example.com/snyk/callback";
    let emulator: RunningEmulator;
    let client: SnykClient;
    let app: { id: string; clientId: string; clientSecret: string };

    before(async () => {
      emulator = await startEmulator({ port: 0 });
      client = new SnykClient({ token: emulator.token, apiUrl: emulator.url, retry: { maxAttempts: 1 } });
      const created = await client.request<JsonApiDocument<AppResource>>("POST", `/orgs/${emulator.orgId}/apps/creations`, {
        body: { data: { type: "app", attributes: { name: "flow", redirect_uris: [redirectUri], scopes: ["org.read", "org.project.read"], context: "tenant" } } },
      });
      const { id, attributes } = created.data.data;
      app = { id, clientId: attributes.client_id, clientSecret: attributes.client_secret! };
    });
    after(async () => { await emulator?.close(); });

    /** Follows authorizeUrl like a browser would, up to the redirect back to the app. */
    async function authorize(codeChallenge: string, state: string): Promise<URL> {
      const url = authorizeUrl({ clientId: app.clientId, redirectUri, scopes: ["org.read"], state, codeChallenge, webUrl: emulator.url });
      assert.ok(url.startsWith(`${emulator.url}/oauth2/authorize?`));
      const answer = await axios.get(url, { maxRedirects: 0, validateStatus: () => true });
      assert.equal(answer.status, 302);
      return new URL(answer.headers.location as string);
    }

    it("authorizes with createPkcePair's challenge and exchanges the code with its verifier", async () => {
      const pkce = createPkcePair();
      const state = createPkcePair().codeVerifier;
      const callback = await authorize(pkce.codeChallenge, state);
      assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
      assert.equal(callback.searchParams.get("error"), null, callback.searchParams.get("error_description") ?? "");
      assert.ok(callback.searchParams.get("state") === state, "the state comes back unchanged");
      const code = callback.searchParams.get("code");
      assert.ok(code);

      const { data } = await client.oauth<Record<string, unknown>>("/token", {
        grant_type: "authorization_code",
        code,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code_verifier: pkce.codeVerifier,
        redirect_uri: redirectUri,
      });
      assert.equal(data.token_type, "bearer");
      assert.equal(data.scope, "org.read");
      assert.equal(typeof data.access_token, "string");
      assert.equal(typeof data.refresh_token, "string");

      // The access token acts for the org the user authorized: a lookup sees the new install.
      const { installs } = await getAppInstalls({ orgId: emulator.orgId }, {
        settings: { token: data.access_token as string, authScheme: "bearer", apiUrl: emulator.url },
      });
      assert.ok(installs.some((install) => install.appId === app.id));
    });

    it("refuses the code with another pair's verifier", async () => {
      const callback = await authorize(createPkcePair().codeChallenge, "state-2");
      await assert.rejects(client.oauth("/token", {
        grant_type: "authorization_code",
        code: callback.searchParams.get("code") ?? "",
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code_verifier: createPkcePair().codeVerifier,
      }), (error: unknown) => error instanceof SnykOAuthError && error.error === "invalid_grant");
    });
  });
});
