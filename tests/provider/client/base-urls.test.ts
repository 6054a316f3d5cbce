import { strict as assert } from "assert";
import { resolveBaseUrls } from "../../../provider/client/base-urls";
import { SNYK_REGIONS, snykWebUrl, SnykConfigurationError } from "../../../provider/client";

describe("base-urls", () => {
  it("maps each region to its API host and web host", () => {
    const expected: Record<string, [string, string]> = {
      "SNYK-US-01": ["https://api.snyk.io", "https://app.snyk.io"],
      "SNYK-US-02": ["https://api.us.snyk.io", "https://app.us.snyk.io"],
      "SNYK-EU-01": ["https://api.eu.snyk.io", "https://app.eu.snyk.io"],
      "SNYK-AU-01": ["https://api.au.snyk.io", "https://app.au.snyk.io"],
    };
    assert.deepEqual(Object.keys(SNYK_REGIONS), Object.keys(expected));
    for (const [region, [api, web]] of Object.entries(expected)) {
      assert.deepEqual(resolveBaseUrls({ region }), { restUrl: `${api}/rest`, oauthUrl: `${api}/oauth2` });
      assert.equal(snykWebUrl(region), web);
    }
    assert.equal(snykWebUrl("snyk-eu-01"), "https://app.eu.snyk.io");
    assert.equal(snykWebUrl(), "https://app.snyk.io");
  });

  it("normalizes API URLs with or without /rest and trailing slashes", () => {
    for (const apiUrl of ["https://api.snyk.io", "https://api.snyk.io/", "https://api.snyk.io/rest", "https://api.snyk.io/rest/"]) {
      assert.deepEqual(resolveBaseUrls({ apiUrl }), { restUrl: "https://api.snyk.io/rest", oauthUrl: "https://api.snyk.io/oauth2" });
    }
  });

  it("rejects unknown regions, naming the valid ones, and URLs with credentials", () => {
    assert.throws(() => snykWebUrl("EU"), /Unknown Snyk region "EU"\. Valid regions: SNYK-US-01, SNYK-US-02, SNYK-EU-01, SNYK-AU-01\./);
    assert.throws(() => resolveBaseUrls({ apiUrl: "https://user:pw@api.snyk.io" }), (e: unknown) => e instanceof SnykConfigurationError && !e.message.includes("pw"));
  });
});
