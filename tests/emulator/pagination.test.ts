import * as assert from "assert";
import { RunningEmulator, startEmulator } from "../../emulator";
import { NextLinkStyle } from "../../emulator/types";
import { appBody, rest } from "./http";

describe("pagination", () => {
  let emu: RunningEmulator;
  let ids: string[];
  before(async () => (emu = await startEmulator()));
  // Each test starts from the same 25 apps and the default link style, whatever ran before it.
  beforeEach(async () => {
    emu.admin.reset();
    ids = [];
    for (let i = 0; i < 25; i++) ids.push((await rest(emu, "POST", `/orgs/${emu.orgId}/apps/creations`, { body: appBody({ name: `app ${i}` }) })).body.data.id);
  });
  after(async () => emu.close());

  /** Follows links.next from the first page, as a client would, in the given style. */
  async function walk(style: NextLinkStyle, limit?: string): Promise<{ pages: string[][]; nexts: string[] }> {
    emu.admin.setNextLinkStyle(style);
    const pages: string[][] = [];
    const nexts: string[] = [];
    let answer = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { query: limit ? { limit } : {} });
    for (;;) {
      assert.strictEqual(answer.status, 200);
      pages.push(answer.body.data.map((app: any) => app.id));
      const next: string | undefined = answer.body.links.next;
      if (!next) break;
      nexts.push(next);
      const url = style === "absolute" ? new URL(next) : new URL(next, emu.url + (style === "relative" ? "" : "/rest"));
      const path = url.pathname.replace(/^\/rest/, "");
      answer = await rest(emu, "GET", path, { query: Object.fromEntries(url.searchParams), version: null });
    }
    return { pages, nexts };
  }

  it("defaults to 10 per page and gives every item once, with no next on the last page", async () => {
    const { pages } = await walk("relative-no-rest");
    assert.deepStrictEqual(pages.map((page) => page.length), [10, 10, 5]);
    assert.deepStrictEqual(pages.flat(), ids);
  });

  it("writes next links without /rest by default (as Snyk's docs show), keeping version and limit", async () => {
    const { nexts } = await walk("relative-no-rest", "20");
    assert.strictEqual(nexts.length, 1);
    assert.match(nexts[0], new RegExp(`^/orgs/${emu.orgId}/apps/creations\\?version=2025-11-05&limit=20&starting_after=v1\\.`));
  });

  it("writes next links with /rest in the relative style", async () => {
    const { nexts, pages } = await walk("relative", "10");
    assert.ok(nexts.every((next) => next.startsWith(`/rest/orgs/${emu.orgId}/`)));
    assert.deepStrictEqual(pages.flat(), ids);
  });

  it("writes absolute next links in the absolute style", async () => {
    const { nexts, pages } = await walk("absolute", "10");
    assert.ok(nexts.every((next) => next.startsWith(`${emu.url}/rest/orgs/`)));
    assert.deepStrictEqual(pages.flat(), ids);
  });

  it("pages backwards with ending_before", async () => {
    const last = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { query: { limit: "10" } });
    const second = new URL(last.body.links.next, "http://x").searchParams.get("starting_after")!;
    const page2 = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { query: { starting_after: second } });
    const prev = new URL(page2.body.links.prev, "http://x").searchParams.get("ending_before")!;
    const back = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { query: { ending_before: prev } });
    assert.deepStrictEqual(back.body.data.map((app: any) => app.id), ids.slice(0, 10));
  });

  it("keeps its place when an item of the previous page is deleted", async () => {
    const first = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`);
    const cursor = new URL(first.body.links.next, "http://x").searchParams.get("starting_after")!;
    const extra = (await rest(emu, "POST", `/orgs/${emu.orgId}/apps/creations`, { body: appBody() })).body.data.id;
    await rest(emu, "DELETE", `/orgs/${emu.orgId}/apps/creations/${extra}`);
    emu.admin.deleteApp(ids[9]);
    const next = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { query: { starting_after: cursor } });
    assert.deepStrictEqual(next.body.data.map((app: any) => app.id), ids.slice(10, 20));
  });

  for (const limit of ["0", "5", "15", "110", "abc", "-10"]) {
    it(`rejects limit=${limit} with 400`, async () => {
      const answer = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { query: { limit } });
      assert.strictEqual(answer.status, 400);
      assert.deepStrictEqual(answer.body.errors[0].source, { parameter: "limit" });
    });
  }

  it("rejects a malformed cursor with 400", async () => {
    const answer = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { query: { starting_after: "garbage" } });
    assert.strictEqual(answer.status, 400);
  });

  it("answers an empty page with no next past the end", async () => {
    const full = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { query: { limit: "100" } });
    assert.strictEqual(full.body.data.length, 25);
    assert.strictEqual(full.body.links.next, undefined);
    const after = await rest(emu, "GET", `/orgs/${emu.orgId}/apps/creations`, { query: { starting_after: "v1." + Buffer.from('{"seq":999999}').toString("base64url") } });
    assert.deepStrictEqual(after.body.data, []);
    assert.strictEqual(after.body.links.next, undefined);
  });
});
