import { strict as assert } from "assert";
import {
  DEFAULT_API_VERSION, SnykClient, SnykConfigurationError, SnykOAuthError,
} from "../../../provider/client";
import { packageVersion } from "../../../provider/client/user-agent";
import { caught, fastClient, TEST_TOKEN } from "./support/fast-client";
import { json, startTestServer, type TestServer } from "./support/test-server";

describe("SnykClient", () => {
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  afterEach(async () => { await server.close(); });

  it("sends the token, JSON:API Accept, a User-Agent and the pinned version on a GET", async () => {
    const snyk = fastClient(server.url);
    const res = await snyk.request("GET", "/orgs/o1/apps/creations");
    assert.equal(res.status, 200);
    const [req] = server.requests;
    assert.equal(req.method, "GET");
    assert.equal(req.path, "/rest/orgs/o1/apps/creations");
    assert.equal(req.query.get("version"), DEFAULT_API_VERSION);
    assert.equal(req.headers.authorization, `token ${TEST_TOKEN}`);
    assert.equal(req.headers.accept, "application/vnd.api+json");
    assert.equal(req.headers["content-type"], undefined);
    assert.match(String(req.headers["user-agent"]), new RegExp(`^pulumi-snyk-apps/${packageVersion().replace(/\./g, "\\.")} `));
    assert.notEqual(packageVersion(), "unknown");
  });

  it("sends `bearer <token>` when authScheme is bearer", async () => {
    await fastClient(server.url, { authScheme: "bearer" }).request("GET", "/self/apps");
    assert.equal(server.requests[0].headers.authorization, `bearer ${TEST_TOKEN}`);
  });

  it("sends a body as application/vnd.api+json and returns status, data and request id", async () => {
    server.handle((req, res) => json(res, 201, { data: { id: "a1", type: "app", echo: JSON.parse(req.body) } }, { "snyk-request-id": "req-9" }));
    const body = { data: { type: "app", attributes: { name: "x" } } };
    const res = await fastClient(server.url).request<any>("POST", "/orgs/o1/apps/creations", { body });
    assert.equal(res.status, 201);
    assert.deepEqual(res.data.data.echo, body);
    assert.equal(res.requestId, "req-9");
    assert.equal(res.headers["snyk-request-id"], "req-9");
    assert.equal(server.requests[0].headers["content-type"], "application/vnd.api+json");
  });

  it("lets apiVersion and the query override the version, and repeats array parameters", async () => {
    await fastClient(server.url, { apiVersion: "2024-10-15" }).request("GET", "/a");
    await fastClient(server.url).request("GET", "/b", { query: { version: "2023-11-03~beta", expand: ["app", "x"], n: 3, skip: undefined } });
    assert.equal(server.requests[0].query.get("version"), "2024-10-15");
    assert.equal(server.requests[1].query.get("version"), "2023-11-03~beta");
    assert.deepEqual(server.requests[1].query.getAll("expand"), ["app", "x"]);
    assert.equal(server.requests[1].query.get("n"), "3");
    assert.equal(server.requests[1].query.has("skip"), false);
  });

  it("accepts an apiUrl ending in /rest (with or without a slash) and a path starting with /rest", async () => {
    for (const apiUrl of [`${server.url}/rest`, `${server.url}/rest/`, `${server.url}/`]) {
      const snyk = fastClient(apiUrl);
      assert.equal(snyk.restUrl, `${server.url}/rest`);
      assert.equal(snyk.oauthUrl, `${server.url}/oauth2`);
    }
    await fastClient(`${server.url}/rest`).request("GET", "/rest/orgs/o1");
    assert.equal(server.requests[0].path, "/rest/orgs/o1");
  });

  it("answers a 204 with undefined data", async () => {
    server.handle((_req, res) => { res.writeHead(204); res.end(); });
    const res = await fastClient(server.url).request("DELETE", "/orgs/o1/apps/creations/a1");
    assert.equal(res.status, 204);
    assert.equal(res.data, undefined);
  });

  it("resolves regions and rejects an unknown one with the valid names", () => {
    assert.equal(new SnykClient({ token: "t", region: "SNYK-EU-01" }).restUrl, "https://api.eu.snyk.io/rest");
    assert.equal(new SnykClient({ token: "t" }).restUrl, "https://api.snyk.io/rest");
    assert.equal(new SnykClient({ token: "t", region: "SNYK-EU-01", apiUrl: "http://127.0.0.1:1" }).restUrl, "http://127.0.0.1:1/rest");
    assert.throws(() => new SnykClient({ token: "t", region: "SNYK-MARS-01" }),
      (e: unknown) => e instanceof SnykConfigurationError && /SNYK-US-01, SNYK-US-02, SNYK-EU-01, SNYK-AU-01/.test(e.message));
  });

  it("refuses to be built without a token or with a non-http URL", () => {
    assert.throws(() => new SnykClient({ token: " " }), SnykConfigurationError);
    assert.throws(() => new SnykClient({ token: "t", apiUrl: "ftp://x" }), SnykConfigurationError);
    assert.throws(() => new SnykClient({ token: "t", apiUrl: "not a url" }), SnykConfigurationError);
  });

  it("posts OAuth2 forms url-encoded to /oauth2 without the API token", async () => {
    server.handle((_req, res) => json(res, 200, { access_token: "at", token_type: "bearer", expires_in: 3599 }));
    const res = await fastClient(server.url).oauth<any>("/token", { grant_type: "client_credentials", client_id: "c1", client_secret: "cs-1", scope: undefined });
    assert.equal(res.data.token_type, "bearer");
    const [req] = server.requests;
    assert.equal(req.path, "/oauth2/token");
    assert.equal(req.headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(req.headers.authorization, undefined);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(req.body)), { grant_type: "client_credentials", client_id: "c1", client_secret: "cs-1" });
  });

  it("raises SnykOAuthError for an OAuth2 error answer", async () => {
    server.handle((_req, res) => json(res, 400, { error: "invalid_grant", error_description: "refresh token already used" }, { "snyk-request-id": "r-2" }));
    const error = await caught(() => fastClient(server.url).oauth("/token", { grant_type: "refresh_token", refresh_token: "rt" }));
    assert.ok(error instanceof SnykOAuthError);
    assert.equal(error.error, "invalid_grant");
    assert.equal(error.status, 400);
    assert.equal(error.message, "Snyk OAuth2 400 Bad Request on POST /oauth2/token: invalid_grant: refresh token already used (request id r-2)");
    assert.equal(server.requests.length, 1);
  });

  it("logs method, path, status and attempt, and counts requests and retries", async () => {
    const lines: string[] = [];
    server.handle((_req, res, i) => (i === 0 ? json(res, 503, {}) : json(res, 200, { data: [] })));
    const snyk = fastClient(server.url, { logger: (l) => lines.push(l) });
    await snyk.request("GET", "/orgs/o1/apps/installs");
    assert.deepEqual(snyk.stats, { requests: 2, retries: 1 });
    assert.match(lines[0], /^snyk: GET \/orgs\/o1\/apps\/installs -> 503 \(attempt 1\); retrying in \d+ ms$/);
    assert.equal(lines[1], "snyk: GET /orgs/o1/apps/installs -> 200 (attempt 2)");
  });
});
