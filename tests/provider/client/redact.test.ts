import { strict as assert } from "assert";
import { inspect } from "util";
import { SnykClient } from "../../../provider/client";
import { redact, REDACTED, redactDeep, secretsIn } from "../../../provider/client/redact";
import { caught, fastClient, TEST_TOKEN } from "./support/fast-client";
import { dropConnection, errorDocument, json, refusedUrl, startTestServer, type TestServer } from "./support/test-server";

const CLIENT_SECRET = "snyk_cs_ctZW0JsWG^Bm`*oPo=mnV26qU_6pjxht";

/** Every way an error can be shown or logged, as text. */
function renderings(error: any): string[] {
  return [String(error.message), String(error.stack), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
}

function assertClean(texts: string[]): void {
  for (const text of texts) {
    assert.ok(!text.includes(TEST_TOKEN), `token leaked: ${text.slice(0, 200)}`);
    assert.ok(!text.includes(CLIENT_SECRET), `client secret leaked: ${text.slice(0, 200)}`);
    assert.ok(!text.includes("snyk-test-token"), "part of the token leaked");
  }
}

describe("redact", () => {
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  afterEach(async () => { await server.close(); });

  it("replaces every occurrence of each secret, ignoring very short ones", () => {
    assert.equal(redact("a secret1 b secret1", ["secret1", "ab"]), `a ${REDACTED} b ${REDACTED}`);
    assert.deepEqual(redactDeep({ a: ["x secret1"], n: 1 }, ["secret1"]), { a: [`x ${REDACTED}`], n: 1 });
  });

  it("finds credentials in request bodies and forms at any depth", () => {
    const found = secretsIn({ data: { attributes: { mode: "delete", secret: "s-1" } }, client_secret: "s-2", refresh_token: "s-3", code: "s-4", name: "n" });
    assert.deepEqual(found.sort(), ["s-1", "s-2", "s-3", "s-4"]);
  });

  it("keeps the token and client secrets out of every error and log line, even when the server echoes them", async () => {
    const lines: string[] = [];
    const errors: unknown[] = [];
    const statuses = [400, 401, 403, 404, 409, 429, 500];
    server.handle((req, res) => {
      const status = Number(req.query.get("status"));
      if (status === 0) return dropConnection(res);
      const echoed = `${req.headers.authorization} ${req.body}`;
      json(res, status, errorDocument(status, `echo: ${echoed}`, { title: echoed, meta: { auth: req.headers.authorization } }), { "retry-after": "0" });
    });
    const snyk = fastClient(server.url, { logger: (l) => lines.push(l) });
    const body = { data: { type: "app", attributes: { mode: "delete", secret: CLIENT_SECRET } } };
    for (const status of [...statuses, 0]) {
      errors.push(await caught(() => snyk.request("POST", "/orgs/o1/apps/creations/a1/secrets", { body, query: { status } })));
      errors.push(await caught(() => snyk.request("GET", "/orgs/o1/apps/creations", { query: { status } })));
    }
    server.handle(() => undefined);
    errors.push(await caught(() => fastClient(server.url, { timeoutMs: 20, logger: (l) => lines.push(l) }).request("GET", "/hang")));
    errors.push(await caught(async () => fastClient(await refusedUrl(), { logger: (l) => lines.push(l) }).request("POST", "/x", { body })));
    assert.ok(errors.some((e: any) => e.message.includes(REDACTED)), "the echoed secrets were redacted, not dropped silently");
    assertClean(errors.flatMap(renderings));
    assertClean(lines);
    assert.ok(lines.length > 20);
  });

  it("keeps the token out of OAuth2 errors and out of the client when inspected or stringified", async () => {
    server.handle((req, res) => json(res, 401, { error: "invalid_client", error_description: `bad ${req.body}` }));
    const snyk = new SnykClient({ token: TEST_TOKEN, apiUrl: server.url });
    const error = await caught(() => snyk.oauth("/token", { grant_type: "client_credentials", client_id: "c", client_secret: CLIENT_SECRET }));
    assertClean([...renderings(error), inspect(snyk, { depth: 10, showHidden: true }), JSON.stringify(snyk)]);
  });
});
