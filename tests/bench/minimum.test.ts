import { strict as assert } from "assert";
import { listPages, longestChain, minimumRequests } from "../../bench/support/minimum";

describe("bench minimum", () => {
  const shape = { n: 200, appsInOrgBefore: 200 };

  it("deploy: a request per app, secret and install, and the org's app list once", () => {
    assert.equal(minimumRequests("deploy", shape), 200 + 200 + 400 + 2);
    assert.equal(longestChain("deploy", shape), 2 + 2, "the list's two pages, then an app create and its secret mint");
  });

  it("refresh: the org's app list (400 apps once deployed) and each owner's install list, no request per resource", () => {
    assert.equal(minimumRequests("refresh", shape), 4 + 2 + 2);
    assert.equal(longestChain("refresh", shape), 4, "the app list's four pages, one after another");
  });

  it("destroy: a request per app, secret and install", () => {
    assert.equal(minimumRequests("destroy", shape), 800);
  });

  it("an empty list is still one page", () => {
    assert.equal(listPages(0), 1);
    assert.equal(listPages(100), 1);
    assert.equal(listPages(101), 2);
  });
});
