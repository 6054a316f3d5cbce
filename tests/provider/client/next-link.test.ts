import { strict as assert } from "assert";
import { nextPageRequest, pageKey } from "../../../provider/client/next-link";

describe("next-link", () => {
  const rest = "https://api.snyk.io/rest";
  const expected = { path: "/orgs/o1/apps/creations", query: { limit: "100", starting_after: "v1.abc" } };

  it("reads every link form Snyk uses as the same request, dropping its version", () => {
    for (const link of [
      "/orgs/o1/apps/creations?limit=100&starting_after=v1.abc",
      "/rest/orgs/o1/apps/creations?limit=100&starting_after=v1.abc&version=2024-01-01",
      "orgs/o1/apps/creations?limit=100&starting_after=v1.abc",
      "https://api.snyk.io/rest/orgs/o1/apps/creations?limit=100&starting_after=v1.abc",
      "https://api.eu.snyk.io/rest/orgs/o1/apps/creations?limit=100&starting_after=v1.abc",
      { href: "/rest/orgs/o1/apps/creations?limit=100&starting_after=v1.abc" },
    ]) {
      assert.deepEqual(nextPageRequest(link, rest), expected, JSON.stringify(link));
    }
  });

  it("strips a REST base under a path prefix", () => {
    assert.deepEqual(nextPageRequest("/p/rest/orgs/o1/apps/creations?limit=100&starting_after=v1.abc", "http://h/p/rest"), expected);
  });

  it("answers undefined for a missing or empty link", () => {
    for (const link of [undefined, null, "", "  ", { href: "" }]) assert.equal(nextPageRequest(link as any, rest), undefined);
  });

  it("keys requests independently of parameter order", () => {
    assert.equal(pageKey({ path: "/a", query: { b: "1", a: "2" } }), pageKey({ path: "/a", query: { a: "2", b: "1" } }));
  });
});
