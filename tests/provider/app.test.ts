import { strict as assert } from "assert";
import fc from "fast-check";
import { AppOperations, AppInputs, AppOutputs } from "../../provider/app";
import { UNKNOWN } from "../../provider/validation/unknown";
import { ORG, noApi } from "./unit-fixtures";

const ops = new AppOperations(noApi);

const valid: AppInputs = {
  orgId: ORG,
  name: "CI bot",
  redirectUris: ["https://ci.example.com/callback"],
  scopes: ["org.read"],
  context: "tenant",
  accessTokenTtlSeconds: 3600,
};

async function failuresFor(inputs: Record<string, unknown>) {
  return (await ops.check({}, inputs)).failures ?? [];
}

describe("provider/app check", () => {
  it("accepts valid inputs and defaults context to tenant", async () => {
    const { context: _c, ...withoutContext } = valid;
    const result = await ops.check({}, withoutContext);
    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs.context, "tenant");
  });

  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["empty name", { name: "" }, "name", /must not be empty/],
    ["blank name", { name: "   " }, "name", /must not be blank/],
    ["no redirect URIs", { redirectUris: [] }, "redirectUris", /at least 1 item/],
    ["relative redirect URI", { redirectUris: ["/callback"] }, "redirectUris", /redirectUris\[0\] must be an absolute URI/],
    ["duplicate redirect URIs", { redirectUris: ["https://a.example/cb", "https://a.example/cb"] }, "redirectUris", /must not repeat/],
    ["no scopes", { scopes: [] }, "scopes", /at least 1 item/],
    ["empty scope", { scopes: [""] }, "scopes", /scopes\[0\] must not be empty/],
    ["bad context", { context: "org" }, "context", /must be one of: "tenant", "user"/],
    ["TTL too short", { accessTokenTtlSeconds: 60 }, "accessTokenTtlSeconds", /between 3600 and 86400/],
    ["TTL too long", { accessTokenTtlSeconds: 90000 }, "accessTokenTtlSeconds", /between 3600 and 86400/],
    ["fractional TTL", { accessTokenTtlSeconds: 3600.5 }, "accessTokenTtlSeconds", /whole number/],
    ["orgId not a UUID", { orgId: "my-org" }, "orgId", /must be a UUID/],
    ["adoptId not a UUID", { adoptId: "x" }, "adoptId", /must be a UUID/],
    ["unknown input", { clientSecret: "x" }, "clientSecret", /not an input of this resource/],
    ["resetSecretOnAdopt without adoptId", { resetSecretOnAdopt: true }, "resetSecretOnAdopt", /only applies with adoptId/],
  ];
  for (const [title, change, property, reason] of cases) {
    it(`rejects ${title}, naming ${property}`, async () => {
      const failures = await failuresFor({ ...valid, ...change });
      assert.equal(failures.length, 1, JSON.stringify(failures));
      assert.equal(failures[0].property, property);
      assert.match(failures[0].reason, reason);
    });
  }

  it("names every missing required input", async () => {
    const failures = await failuresFor({});
    assert.deepEqual(failures.map((f) => f.property).sort(), ["name", "orgId", "redirectUris", "scopes"]);
  });

  it("defers unknown values during preview and still checks the known ones", async () => {
    const failures = await failuresFor({ ...valid, orgId: UNKNOWN, redirectUris: [UNKNOWN], name: "" });
    assert.deepEqual(failures.map((f) => f.property), ["name"]);
  });
});

describe("provider/app diff", () => {
  const olds: AppOutputs = {
    ...valid,
    appId: "a1",
    clientId: "c1",
    grantType: "authorization_code",
    isPublic: false,
    isConfidential: true,
  };

  it("reports no change for the same inputs", async () => {
    assert.deepEqual(await ops.diff("a1", olds, { ...valid }), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces on orgId, scopes and context", async () => {
    const result = await ops.diff("a1", olds, { ...valid, orgId: "4f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", scopes: ["org.read", "org.project.read"], context: "user" });
    assert.deepEqual(result.replaces, ["orgId", "scopes", "context"]);
    assert.equal(result.changes, true);
  });

  it("updates in place on name, redirect URIs and TTL", async () => {
    for (const change of [{ name: "x" }, { redirectUris: ["https://other.example/cb"] }, { accessTokenTtlSeconds: 7200 }]) {
      const result = await ops.diff("a1", olds, { ...valid, ...change });
      assert.equal(result.changes, true, JSON.stringify(change));
      assert.deepEqual(result.replaces, []);
    }
  });

  it("treats unknown values in preview as changes", async () => {
    const result = await ops.diff("a1", olds, { ...valid, scopes: [UNKNOWN] });
    assert.deepEqual(result.replaces, ["scopes"]);
  });

  const uri = fc.webUrl({ withFragments: false, withQueryParameters: false });
  const scope = fc.constantFrom("org.read", "org.project.read", "org.project.write", "group.read", "org.app.read");
  const inputs = fc.record({
    orgId: fc.constantFrom(ORG, "4f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
    name: fc.constantFrom("a", "b", "CI bot"),
    redirectUris: fc.uniqueArray(uri, { minLength: 1, maxLength: 4 }),
    scopes: fc.uniqueArray(scope, { minLength: 1, maxLength: 4 }),
    context: fc.constantFrom("tenant" as const, "user" as const),
    accessTokenTtlSeconds: fc.integer({ min: 3600, max: 86400 }),
  });
  const asOutputs = (i: AppInputs): AppOutputs => ({ ...i, appId: "a", clientId: "c", grantType: "authorization_code", isPublic: false, isConfidential: true });
  const set = (xs: string[]) => JSON.stringify([...xs].sort());

  it("property: changes and replaces match a field-by-field comparison over random pairs", async () => {
    await fc.assert(
      fc.asyncProperty(inputs, inputs, async (a, b) => {
        const result = await ops.diff("a", asOutputs(a), b);
        const expectedReplaces = [
          ...(a.orgId !== b.orgId ? ["orgId"] : []),
          ...(set(a.scopes) !== set(b.scopes) ? ["scopes"] : []),
          ...(a.context !== b.context ? ["context"] : []),
        ];
        const updates = a.name !== b.name || set(a.redirectUris) !== set(b.redirectUris) || a.accessTokenTtlSeconds !== b.accessTokenTtlSeconds;
        assert.deepEqual(result.replaces, expectedReplaces);
        assert.equal(result.changes, expectedReplaces.length > 0 || updates);
      }),
      { numRuns: 300 },
    );
  });

  it("property: Snyk returning lists in another order is never a change", async () => {
    await fc.assert(
      fc.asyncProperty(inputs, fc.integer(), async (a, seed) => {
        const shuffle = (xs: string[]) => [...xs].sort(() => ((seed = (seed * 1103515245 + 12345) | 0) & 1 ? 1 : -1));
        const snykView = asOutputs({ ...a, redirectUris: shuffle(a.redirectUris), scopes: shuffle(a.scopes) });
        const result = await ops.diff("a", snykView, a);
        assert.deepEqual(result, { changes: false, replaces: [], deleteBeforeReplace: false });
      }),
      { numRuns: 200 },
    );
  });
});
