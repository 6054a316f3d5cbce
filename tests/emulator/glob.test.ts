import * as assert from "assert";
import { globMatches } from "../../emulator/glob";

describe("glob", () => {
  for (const [glob, path, expected] of [
    ["/orgs/x/apps", "/orgs/x/apps", true],
    ["/orgs/x/apps", "/orgs/x/apps/", false],
    ["/orgs/*/apps", "/orgs/123/apps", true],
    ["/orgs/*/apps", "/orgs//apps", true],
    ["/orgs/*/apps", "/orgs/1/2/apps", false],
    ["/orgs/**/secrets", "/orgs/1/apps/creations/2/secrets", true],
    ["/orgs/**", "/orgs/", true],
    ["**", "", true],
    ["*", "/", false],
    ["/orgs/***/x", "/orgs/a/b/x", true],
    ["/oauth2/token", "/oauth2/token2", false],
    ["/a*b*c", "/aXbYc", true],
    ["/a*b*c", "/aXbY", false],
    ["", "", true],
    ["", "/", false],
  ] as const) {
    it(`${expected ? "matches" : "does not match"} ${JSON.stringify(path)} with ${JSON.stringify(glob)}`, () => {
      assert.strictEqual(globMatches(glob, path), expected);
    });
  }

  it("treats RegExp characters as themselves", () => {
    assert.strictEqual(globMatches("/(a|a)+$", "/(a|a)+$"), true);
    assert.strictEqual(globMatches("/(a|a)+$", "/aaaa"), false);
    assert.strictEqual(globMatches("/a.c", "/abc"), false);
  });
});
