import { strict as assert } from "assert";
import {
  SnykApiError, SnykAuthenticationError, SnykBadRequestError, SnykConflictError, SnykConnectionError,
  SnykError, SnykNotFoundError, SnykPermissionError, SnykRateLimitError, SnykServerError, SnykTimeoutError,
} from "../../../provider/client";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { caught, fastClient } from "./support/fast-client";
import { dropConnection, errorDocument, json, refusedUrl, startTestServer, type TestServer } from "./support/test-server";

describe("errors", () => {
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  afterEach(async () => { await server.close(); });

  const cases: Array<[number, new (...a: any[]) => SnykApiError, string, string]> = [
    [401, SnykAuthenticationError, "Unauthorized", "SNYK_UNAUTHENTICATED"],
    [403, SnykPermissionError, "Forbidden", "SNYK_FORBIDDEN"],
    [404, SnykNotFoundError, "Not Found", "SNYK_NOT_FOUND"],
    [409, SnykConflictError, "Conflict", "SNYK_CONFLICT"],
    [410, SnykApiError, "Gone", "SNYK_API_ERROR"],
  ];
  for (const [status, ErrorClass, text, code] of cases) {
    it(`raises ${ErrorClass.name} on ${status}, once, with status, method, path, errors and request id`, async () => {
      server.handle((_req, res) => json(res, status, errorDocument(status, "it went wrong"), { "snyk-request-id": "req-1" }));
      const error = await caught(() => fastClient(server.url).request("POST", "/orgs/o1/apps/creations", { body: { data: {} } }));
      assert.equal(error.constructor, ErrorClass);
      assert.ok(error instanceof SnykApiError && error instanceof SnykError && error instanceof Error);
      assert.equal(error.name, ErrorClass.name);
      assert.equal(error.code, code);
      // 401 and 403 add advice between Snyk's detail and the request id (tests/provider/client/api-errors.test.ts).
      assert.match(error.message, new RegExp(`^Snyk API ${status} ${text} on POST /orgs/o1/apps/creations: it went wrong(\\. .+\\.)? \\(request id req-1\\)$`));
      assert.deepEqual(
        { status: error.status, method: error.method, path: error.path, requestId: error.requestId },
        { status, method: "POST", path: "/orgs/o1/apps/creations", requestId: "req-1" },
      );
      assert.equal(error.errors[0].detail, "it went wrong");
      assert.equal(server.requests.length, 1);
    });
  }

  it("names the JSON pointer of each 400 error and keeps the query string out of the path", async () => {
    server.handle((_req, res) => json(res, 400, {
      jsonapi: { version: "1.0" },
      errors: [
        { status: "400", detail: "must not be empty", source: { pointer: "/data/attributes/name" } },
        { status: "400", detail: "invalid limit", source: { parameter: "limit" } },
      ],
    }));
    const error = await caught(() => fastClient(server.url).request("GET", "/orgs/o1/apps/creations", { query: { limit: 7 } }));
    assert.ok(error instanceof SnykBadRequestError);
    assert.equal(error.path, "/orgs/o1/apps/creations");
    assert.equal(error.message,
      "Snyk API 400 Bad Request on GET /orgs/o1/apps/creations: must not be empty (at /data/attributes/name); " +
      "invalid limit (query parameter limit)");
    assert.equal(error.errors[0].source?.pointer, "/data/attributes/name");
  });

  it("reads Snyk's `details` when `detail` is missing", async () => {
    server.handle((_req, res) => json(res, 404, { errors: [{ status: "404", details: "app not found" }] }));
    const error = await caught(() => fastClient(server.url).request("GET", "/orgs/o1/apps/creations/a1"));
    assert.equal(error.errors[0].detail, "app not found");
    assert.match(error.message, /: app not found$/);
  });

  it("copes with an error answer that is not JSON", async () => {
    server.handle((_req, res) => { res.writeHead(502, { "content-type": "text/html" }); res.end("<html>bad gateway</html>"); });
    const error = await caught(() => fastClient(server.url).request("PATCH", "/orgs/o1/apps/creations/a1", { body: {} }));
    assert.ok(error instanceof SnykServerError);
    assert.equal(error.message, "Snyk API 502 Bad Gateway on PATCH /orgs/o1/apps/creations/a1");
    assert.deepEqual(error.errors, []);
  });

  it("raises SnykServerError on 5xx after the GET retries run out", async () => {
    server.handle((_req, res) => json(res, 500, errorDocument(500, "boom")));
    const error = await caught(() => fastClient(server.url).request("GET", "/orgs/o1/apps/creations"));
    assert.ok(error instanceof SnykServerError);
    assert.equal(error.status, 500);
    assert.equal(error.code, "SNYK_SERVER_ERROR");
    assert.equal(server.requests.length, 3);
  });

  it("raises SnykRateLimitError with the wait Snyk asked for once 429 retries run out", async () => {
    server.handle((_req, res) => json(res, 429, errorDocument(429, "Too many requests"), { "retry-after": "0.002" }));
    const error = await caught(() => fastClient(server.url).request("GET", "/orgs/o1/apps/creations"));
    assert.ok(error instanceof SnykRateLimitError);
    assert.equal(error.retryAfterMs, 2);
    assert.equal(error.code, "SNYK_RATE_LIMITED");
    assert.equal(server.requests.length, 3);
  });

  it("raises SnykConnectionError with the code when the connection is refused", async () => {
    const error = await caught(async () => fastClient(await refusedUrl()).request("GET", "/orgs/o1"));
    assert.ok(error instanceof SnykConnectionError);
    assert.equal(error.transportCode, "ECONNREFUSED");
    assert.equal(error.code, "SNYK_CONNECTION_FAILED");
    assert.deepEqual(Object.keys(error.cause).sort(), ["code", "message"]);
    assert.match(error.message, /^Could not reach the Snyk API on GET \/orgs\/o1: .*ECONNREFUSED/);
  });

  it("raises SnykConnectionError when the server drops the connection", async () => {
    server.handle((_req, res) => dropConnection(res));
    const error = await caught(() => fastClient(server.url).request("DELETE", "/orgs/o1/apps/installs/i1"));
    assert.ok(error instanceof SnykConnectionError);
    assert.equal(error.transportCode, "ECONNRESET");
    assert.equal(error.code, "SNYK_CONNECTION_FAILED");
    assert.equal(server.requests.length, 3);
  });

  it("raises SnykTimeoutError when no answer comes within timeoutMs", async () => {
    server.handle(() => undefined); // never answers
    const error = await caught(() => fastClient(server.url, { timeoutMs: 30 }).request("GET", "/orgs/o1"));
    assert.ok(error instanceof SnykTimeoutError);
    assert.equal(error.timeoutMs, 30);
    assert.equal(error.transportCode, "ETIMEDOUT");
    assert.equal(error.code, "SNYK_TIMEOUT");
    assert.equal(error.message, "The Snyk API did not answer GET /orgs/o1 within 30 ms");
  });

  it("keeps only plain data on errors (no request config, no raw axios error)", async () => {
    server.handle((_req, res) => dropConnection(res));
    const error = await caught(() => fastClient(server.url, { retry: { maxAttempts: 1 } }).request("GET", "/x"));
    for (const value of Object.values(error)) {
      assert.ok(value === undefined || typeof value !== "object" || Object.getPrototypeOf(value) === Object.prototype || Array.isArray(value));
    }
    assert.equal(error.config, undefined);
    assert.equal(error.request, undefined);
    assert.equal(error.isAxiosError, undefined);
  });

  describe("against the emulator", () => {
    let emulator: RunningEmulator;
    before(async () => { emulator = await startEmulator(); });
    after(async () => { await emulator.close(); });
    const client = (token?: string) => fastClient(emulator.url, { token: token ?? emulator.token });
    const creations = (orgId: string) => `/orgs/${orgId}/apps/creations`;
    const appBody = (attributes: Record<string, unknown>) => ({ data: { type: "app", attributes } });
    const validApp = { name: "errors-test", redirect_uris: ["https://example.com/cb"], scopes: ["apps:beta"], context: "tenant" };

    it("401 with a wrong token", async () => {
      const error = await caught(() => client("wrong-token-0000").request("GET", creations(emulator.orgId)));
      assert.ok(error instanceof SnykAuthenticationError);
      assert.match(error.message, new RegExp(`^Snyk API 401 Unauthorized on GET /orgs/${emulator.orgId}/apps/creations: .+ \\(request id .+\\)$`));
      assert.ok(error.requestId);
    });

    it("403 on an org the token cannot use", async () => {
      const error = await caught(() => client().request("POST", creations(emulator.foreignOrgId), { body: appBody(validApp) }));
      assert.ok(error instanceof SnykPermissionError);
      assert.match(error.message, new RegExp(`^Snyk API 403 Forbidden on POST /orgs/${emulator.foreignOrgId}/apps/creations: `));
    });

    it("404 for an app that does not exist", async () => {
      const error = await caught(() => client().request("GET", `${creations(emulator.orgId)}/00000000-0000-4000-8000-000000000000`));
      assert.ok(error instanceof SnykNotFoundError);
    });

    it("400 with a pointer at the invalid attribute", async () => {
      const error = await caught(() => client().request("POST", creations(emulator.orgId), { body: appBody({ ...validApp, name: "" }) }));
      assert.ok(error instanceof SnykBadRequestError);
      assert.ok(error.errors.some((e: any) => e.source?.pointer === "/data/attributes/name"), JSON.stringify(error.errors));
      assert.match(error.message, /\(at \/data\/attributes\/name\)/);
    });

    it("409 for a third secret", async () => {
      const snyk = client();
      const created = await snyk.request<any>("POST", creations(emulator.orgId), { body: appBody(validApp) });
      const secrets = `${creations(emulator.orgId)}/${created.data.data.id}/secrets`;
      await snyk.request("POST", secrets, { body: appBody({ mode: "create" }) });
      const error = await caught(() => snyk.request("POST", secrets, { body: appBody({ mode: "create" }) }));
      assert.ok(error instanceof SnykConflictError);
      assert.equal(snyk.stats.retries, 0);
    });
  });
});
