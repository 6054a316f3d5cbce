import { strict as assert } from "assert";
import type { JsonApiLink } from "../../../provider/client";
import { startEmulator, type NextLinkStyle, type RunningEmulator } from "../../../emulator";
import { SnykMalformedResponseError, SnykPaginationError } from "../../../provider/client";
import { caught, fastClient, TEST_TOKEN } from "./support/fast-client";
import { ManualClock } from "./support/manual-clock";
import { json, startTestServer, type TestServer } from "./support/test-server";

type LinkStyle = (origin: string, path: string, query: string) => JsonApiLink;

const linkStyles: Record<string, LinkStyle> = {
  "relative without /rest": (_o, p, q) => `${p}?${q}`,
  "relative with /rest": (_o, p, q) => `/rest${p}?${q}`,
  "absolute": (o, p, q) => `${o}/rest${p}?${q}`,
  "{href}": (_o, p, q) => ({ href: `/rest${p}?${q}` }),
  "absolute on another host": (_o, p, q) => `https://elsewhere.example${`/rest${p}`}?${q}`,
};

/** Serves `total` items at `/rest/orgs/o1/apps/creations`, paged by `limit` and `starting_after`. */
function servePages(server: TestServer, total: number, style: LinkStyle): void {
  server.handle((req, res) => {
    const limit = Number(req.query.get("limit") ?? 10);
    const after = Number(req.query.get("starting_after") ?? -1);
    const items = Array.from({ length: total }, (_, i) => ({ id: `app-${i}`, type: "app", attributes: { n: i } }))
      .filter((item) => item.attributes.n > after).slice(0, limit);
    const last = items.at(-1);
    const more = last !== undefined && last.attributes.n < total - 1;
    const next = more ? style(server.url, "/orgs/o1/apps/creations", `limit=${limit}&starting_after=${last.attributes.n}&version=2025-11-05`) : undefined;
    json(res, 200, { jsonapi: { version: "1.0" }, data: items, links: next ? { self: "x", next } : { self: "x" } });
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("paginate", () => {
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  afterEach(async () => { await server.close(); });

  for (const [name, style] of Object.entries(linkStyles)) {
    it(`follows links.next ${name} across many pages`, async () => {
      servePages(server, 345, style);
      const items = await collect(fastClient(server.url).paginate<{ id: string }>("/orgs/o1/apps/creations", { query: { expand: "app" } }));
      assert.deepEqual(items.map((i) => i.id), Array.from({ length: 345 }, (_, i) => `app-${i}`));
      assert.equal(server.requests.length, 4);
      assert.equal(server.requests[0].query.get("limit"), "100");
      assert.equal(server.requests[0].query.get("expand"), "app");
      for (const req of server.requests) {
        assert.equal(req.path, "/rest/orgs/o1/apps/creations");
        assert.deepEqual(req.query.getAll("version"), ["2025-11-05"]);
      }
    });
  }

  it("resolves relative links against a REST base under a path prefix", async () => {
    servePages(server, 25, (_o, p, q) => `${p}?${q}`);
    await collect(fastClient(`${server.url}/proxy`).paginate("/orgs/o1/apps/creations", { query: { limit: 10 } }));
    assert.deepEqual(server.requests.map((r) => r.path), Array(3).fill("/proxy/rest/orgs/o1/apps/creations"));
  });

  it("a next link that repeats a cursor is a loop: an error, not a truncated list", async () => {
    server.handle((_req, res) => json(res, 200, { data: [{ id: "a", attributes: {} }], links: { next: "/orgs/o1/apps/creations?starting_after=same" } }));
    const error = await caught(() => collect(fastClient(server.url).paginate("/orgs/o1/apps/creations")));
    assert.ok(error instanceof SnykPaginationError, String(error));
    assert.match(error.message, /GET \/orgs\/o1\/apps\/creations stopped after 2 pages: .*loop/);
    assert.equal(server.requests.length, 2);
  });

  it("a next link pointing back at a page already fetched is a loop: an error", async () => {
    server.handle((req, res) => json(res, 200, {
      data: [{ id: req.query.get("starting_after") ?? "first", attributes: {} }],
      links: { next: req.query.get("starting_after") === "b" ? "/orgs/o1/x?starting_after=a&limit=100" : "/orgs/o1/x?starting_after=b&limit=100" },
    }));
    const error = await caught(() => collect(fastClient(server.url).paginate("/orgs/o1/x")));
    assert.ok(error instanceof SnykPaginationError, String(error));
    assert.equal(server.requests.length, 3);
  });

  it("a server handing out a new cursor on every page stops at the page budget, with an error", async () => {
    server.handle((_req, res, i) => json(res, 200, { data: [{ id: `a${i}`, attributes: {} }], links: { next: `/orgs/o1/x?starting_after=c${i}` } }));
    const error = await caught(() => collect(fastClient(server.url, { maxPages: 25 }).paginate("/orgs/o1/x")));
    assert.ok(error instanceof SnykPaginationError, String(error));
    assert.match(error.message, /more than 25 pages/);
    assert.equal(server.requests.length, 25);
  });

  it("a listing past its time budget (on the client's clock) stops with an error", async () => {
    const clock = new ManualClock();
    server.handle((_req, res, i) => {
      clock.advance(1000); // each page costs a second on the client's clock
      json(res, 200, { data: [{ id: `a${i}`, attributes: {} }], links: { next: `/orgs/o1/x?starting_after=c${i}` } });
    });
    const error = await caught(() => collect(fastClient(server.url, { clock, paginationBudgetMs: 4500 }).paginate("/orgs/o1/x")));
    assert.ok(error instanceof SnykPaginationError, String(error));
    assert.match(error.message, /longer than 4500 ms/);
    assert.equal(server.requests.length, 5);
  });

  const malformedPages: Record<string, unknown> = {
    "no data array": { links: {} },
    "data: null": { data: null },
    "data as an object": { data: { id: "a" } },
    "an HTML login page": "<html><form>Sign in</form></html>",
    "an item without an id": { data: [{ type: "app", attributes: {} }] },
    "an item that is null": { data: [null] },
    "an item without attributes": { data: [{ id: "a", type: "app" }] },
    "attributes that are not an object": { data: [{ id: "a", attributes: "x" }] },
    "a next link that is a number": { data: [{ id: "a", attributes: {} }], links: { next: 5 } },
  };
  for (const [name, body] of Object.entries(malformedPages)) {
    it(`a 2xx page with ${name} is a SnykMalformedResponseError naming the request, never the end of the list`, async () => {
      server.handle((_req, res, i) => {
        if (i === 0) return json(res, 200, { data: [{ id: "first", attributes: {} }], links: { next: "/orgs/o1/x?starting_after=first" } });
        if (typeof body === "string") {
          res.writeHead(200, { "content-type": "text/html" });
          res.end(body);
          return;
        }
        return json(res, 200, body);
      });
      const seen: unknown[] = [];
      const error = await caught(async () => {
        for await (const item of fastClient(server.url).paginate("/orgs/o1/x")) seen.push(item);
      });
      assert.ok(error instanceof SnykMalformedResponseError, String(error));
      assert.equal(error.method, "GET");
      assert.equal(error.path, "/orgs/o1/x");
      assert.match(error.message, /GET \/orgs\/o1\/x \(HTTP 200\)/);
      assert.deepEqual(seen, [{ id: "first", attributes: {} }]);
    });
  }

  it("a next link carrying the token in its path never puts it in an error", async () => {
    server.handle((_req, res, i) => i === 0
      ? json(res, 200, { data: [{ id: "a", attributes: {} }], links: { next: `/orgs/${TEST_TOKEN}/x` } })
      : json(res, 200, { data: "<html>" }));
    const error = await caught(() => collect(fastClient(server.url).paginate("/orgs/o1/x")));
    assert.ok(error instanceof SnykMalformedResponseError);
    assert.ok(!JSON.stringify(error).includes(TEST_TOKEN) && !error.message.includes(TEST_TOKEN), error.message);
  });

  it("stops on an empty page even when it has a next link", async () => {
    server.handle((_req, res, i) => json(res, 200, { data: i === 0 ? [{ id: "a", attributes: {} }] : [], links: { next: `/orgs/o1/x?starting_after=c${i}` } }));
    assert.equal((await collect(fastClient(server.url).paginate("/orgs/o1/x"))).length, 1);
    assert.equal(server.requests.length, 2);
  });

  it("is lazy: breaking out stops fetching, and no page is fetched before it is needed", async () => {
    servePages(server, 1000, (_o, p, q) => `${p}?${q}`);
    const snyk = fastClient(server.url);
    const pages = snyk.paginate<{ id: string }>("/orgs/o1/apps/creations");
    assert.equal(server.requests.length, 0);
    let seen = 0;
    for await (const item of pages) {
      assert.ok(item.id);
      if (++seen === 150) break;
    }
    assert.equal(server.requests.length, 2);
    assert.equal(snyk.stats.requests, 2);
  });

  describe("against the emulator", () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator();
      for (let i = 0; i < 25; i++) emulator.admin.createClientCredentialsApp({ name: `app-${i}` });
    });
    after(async () => { await emulator.close(); });

    for (const style of ["relative-no-rest", "relative", "absolute"] as NextLinkStyle[]) {
      it(`lists every app across pages with ${style} links`, async () => {
        emulator.admin.setNextLinkStyle(style);
        emulator.admin.clearLog();
        const snyk = fastClient(emulator.url, { token: emulator.token });
        const ids = [];
        for await (const app of snyk.paginate<{ id: string }>(`/orgs/${emulator.orgId}/apps/creations`, { query: { limit: 10 } })) ids.push(app.id);
        assert.deepEqual(ids.sort(), emulator.admin.listApps(emulator.orgId).map((a) => a.id).sort());
        assert.ok(ids.length >= 25);
        const pages = emulator.admin.requestLog.filter((e) => e.path.endsWith("/apps/creations"));
        assert.ok(pages.length >= 3);
        assert.ok(pages.every((e) => e.status === 200));
      });
    }
  });
});
