import * as assert from "assert";
import { parseRequestTarget } from "../../emulator/request-target";

describe("request-target", () => {
  it("reads the area off the raw path and keeps the path as sent", () => {
    assert.deepStrictEqual(
      [parseRequestTarget("/rest/orgs/a%20b?version=1&x=%2e%2e").area, parseRequestTarget("/oauth2/token").area, parseRequestTarget("/_emulator/log").area, parseRequestTarget("/restx").area],
      ["rest", "oauth2", "admin", "other"],
    );
    const target = parseRequestTarget("/rest/orgs/a%20b?version=1&x=%2e%2e");
    assert.strictEqual(target.pathname, "/rest/orgs/a%20b");
    assert.deepStrictEqual(Object.fromEntries(target.query), { version: "1", x: ".." });
    assert.strictEqual(target.problem, undefined);
  });

  for (const path of ["/rest/orgs/", "/rest/a.b", "/rest/a%2eb", "/rest/...", "/"]) {
    it(`accepts ${path} (no dot segment, no empty segment inside)`, () => {
      assert.strictEqual(parseRequestTarget(path).problem, undefined);
    });
  }

  for (const [path, reason] of [
    ["/rest/../_emulator/reset", /\. or \.\. segment/],
    ["/rest/%2E/x", /\. or \.\. segment/],
    ["/rest/x/..", /\. or \.\. segment/],
    ["/rest//x", /empty segment/],
    ["/rest/a%2Fb", /encoded slash or a backslash/],
    ["/rest/a\\b", /encoded slash or a backslash/],
    ["http://emulator/_emulator/reset", /must start with \//],
    ["*", /must start with \//],
  ] as const) {
    it(`refuses ${path}, saying why`, () => {
      assert.match(parseRequestTarget(path).problem ?? "", reason);
    });
  }
});
