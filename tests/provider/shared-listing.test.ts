import { strict as assert } from "assert";
import { SharedListing } from "../../provider/shared-listing";

/** Pages handed out one at a time by the test: `next()` releases the next page. */
function pagedSource(pages: { id: string }[][]) {
  let walks = 0;
  const released: (() => void)[] = [];
  const gates = pages.map(() => new Promise<void>((resolve) => released.push(resolve)));
  let failAt: number | undefined;
  return {
    get walks() {
      return walks;
    },
    release: (page: number) => released[page](),
    failAt: (page: number) => (failAt = page),
    fetch: async function* () {
      walks++;
      for (let i = 0; i < pages.length; i++) {
        await gates[i];
        if (failAt === i) throw new Error(`page ${i} failed`);
        yield* pages[i];
      }
    },
  };
}

/** Lets every promise callback that is ready run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("provider/shared-listing", () => {
  const clock = { now: () => 0 };
  const pages = [[{ id: "a" }, { id: "b" }], [{ id: "c" }], [{ id: "d" }]];

  it("answers a caller as soon as the page holding its id arrives, before the later pages", async () => {
    const source = pagedSource(pages);
    const listing = new SharedListing({ fetch: source.fetch, clock, maxAgeMs: 1000 });
    let found: { id: string } | undefined;
    const finding = listing.find("c").then((item) => (found = item));
    source.release(0);
    await settle();
    assert.equal(found, undefined, "page 0 does not hold c");
    source.release(1);
    await finding;
    assert.deepEqual(found, { id: "c" }, "found with page 2 still to come");
    source.release(2);
    assert.deepEqual((await listing.items()).map((i) => i.id), ["a", "b", "c", "d"]);
    assert.equal(source.walks, 1, "every caller shared one walk");
  });

  it("says 'not listed' only once every page has arrived", async () => {
    const source = pagedSource(pages);
    const listing = new SharedListing({ fetch: source.fetch, clock, maxAgeMs: 1000 });
    let answered = false;
    const finding = listing.find("zz").then((item) => {
      answered = true;
      return item;
    });
    source.release(0);
    source.release(1);
    await settle();
    assert.equal(answered, false, "a page may still hold it");
    source.release(2);
    assert.equal(await finding, undefined);
  });

  it("rejects callers still waiting when a page fails, keeps the earlier answers, and walks again for the next caller", async () => {
    const source = pagedSource(pages);
    const listing = new SharedListing({ fetch: source.fetch, clock, maxAgeMs: 1000 });
    source.failAt(1);
    const early = listing.find("a");
    const late = listing.find("d");
    source.release(0);
    assert.deepEqual(await early, { id: "a" });
    source.release(1);
    await assert.rejects(late, /page 1 failed/);
    await assert.rejects(listing.items(), /page 1 failed/, "a caller that asks again gets a new walk, which fails the same way here");
    assert.equal(source.walks, 2);
  });

  it("folds in what this host created or deleted, without waiting for the listing", async () => {
    const source = pagedSource(pages);
    const listing = new SharedListing({ fetch: source.fetch, clock, maxAgeMs: 1000 });
    listing.noteCreated({ id: "new" });
    listing.noteDeleted("a");
    assert.deepEqual(await listing.find("new"), { id: "new" });
    assert.equal(await listing.find("a"), undefined);
    assert.equal(source.walks, 0, "no walk was needed for either");
    const all = listing.items();
    for (const page of [0, 1, 2]) source.release(page);
    assert.deepEqual((await all).map((i) => i.id).sort(), ["b", "c", "d", "new"]);
  });
});
