import { strict as assert } from "assert";
import type { JsonApiLink } from "../../../provider/client";
import { startEmulator, type NextLinkStyle, type RunningEmulator } from "../../../emulator";
import { fastClient } from "./support/fast-client";
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

  it("stops when the next link repeats a cursor, even though pages are not empty", async () => {
    server.handle((_req, res) => json(res, 200, { data: [{ id: "a" }], links: { next: "/orgs/o1/apps/creations?starting_after=same" } }));
    const items = await collect(fastClient(server.url).paginate("/orgs/o1/apps/creations"));
    assert.equal(items.length, 2);
    assert.equal(server.requests.length, 2);
  });

  it("stops when the next link points back at a page already fetched", async () => {
    server.handle((req, res) => json(res, 200, {
      data: [{ id: req.query.get("starting_after") ?? "first" }],
      links: { next: req.query.get("starting_after") === "b" ? "/orgs/o1/x?starting_after=a&limit=100" : "/orgs/o1/x?starting_after=b&limit=100" },
    }));
    const items = await collect(fastClient(server.url).paginate("/orgs/o1/x"));
    assert.deepEqual(items, [{ id: "first" }, { id: "b" }, { id: "a" }]);
    assert.equal(server.requests.length, 3);
  });

  it("stops on an empty page even when it has a next link", async () => {
    server.handle((_req, res, i) => json(res, 200, { data: i === 0 ? [{ id: "a" }] : [], links: { next: `/orgs/o1/x?starting_after=c${i}` } }));
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
