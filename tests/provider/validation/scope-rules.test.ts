import { strict as assert } from "assert";
import { invalidScopes, scopeWarnings } from "../../../provider/validation/scope-rules";
import { startHostFixture, HostFixture } from "../../../harness/host-fixture";

describe("provider/validation/scope-rules", () => {
  it("rejects what cannot be a scope, naming the entry and the likely scope", () => {
    const failures = invalidScopes(["org.read", "org read", "Org.Project.Read", "org:read", "x"]);
    assert.deepEqual(failures.map((f) => f.property), ["scopes", "scopes", "scopes", "scopes"]);
    assert.match(failures[0].reason, /^scopes\[1\] "org read" is not a scope: scopes are dotted lowercase names such as org\.read \(did you mean org\.read\?\)$/);
    assert.match(failures[1].reason, /scopes\[2\] .*did you mean org\.project\.read\?/);
    assert.match(failures[2].reason, /scopes\[3\] "org:read" .*did you mean org\.read\?/);
    assert.doesNotMatch(failures[3].reason, /did you mean/);
  });

  it("rejects a typo of a documented scope and accepts every documented one", () => {
    assert.deepEqual(invalidScopes(["org.reed"]), [{ property: "scopes", reason: `scopes[0] "org.reed" is not one of Snyk's documented scopes (did you mean org.read?)` }]);
    assert.deepEqual(invalidScopes(["org.read", "org.project.read", "org.project.ignore.delete", "org.package.test"]), []);
  });

  it("leaves empty entries and non-lists to the schema's rules", () => {
    assert.deepEqual(invalidScopes([""]), []);
    assert.deepEqual(invalidScopes("org.read"), []);
  });

  it("warns about a well-formed scope Snyk does not document, and about a missing org.read", () => {
    assert.deepEqual(scopeWarnings(["org.read", "org.project.read"]), []);
    const warnings = scopeWarnings(["org.widget.admin"]);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /"org\.widget\.admin" is not one of Snyk's documented scopes/);
    assert.match(warnings[1], /org\.read is missing; Snyk requires every app to request it/);
  });

  it("does not warn twice about what check already rejects", () => {
    assert.deepEqual(scopeWarnings(["org.read", "org read", "org.reed"]), []);
  });
});

describe("scope and redirect URI rules through Pulumi's provider host", function () {
  this.timeout(60_000);
  let f: HostFixture;
  before(async () => {
    f = await startHostFixture();
  });
  after(async () => f?.stop());

  const app = (overrides: Record<string, unknown>) => ({
    orgId: f.emulator.orgId, name: "Typo check", redirectUris: ["https://ci.example.com/cb"], scopes: ["org.read"], ...overrides,
  });

  for (const [label, overrides, pattern] of [
    ["a typo of org.read", { scopes: ["org.reed"] }, /scopes\[0\] "org\.reed" .*did you mean org\.read\?/],
    ["a space for a dot", { scopes: ["org read"] }, /scopes\[0\] "org read" is not a scope.*did you mean org\.read\?/],
    ["a plain-http redirect to a remote host", { redirectUris: ["http://ci.example.com/cb"] }, /redirectUris\[0\] "http:\/\/ci\.example\.com\/cb" must use https/],
  ] as const) {
    it(`fails check on ${label}, before any API call, and creates no app`, async () => {
      f.emulator.admin.clearLog();
      const before = f.emulator.admin.listApps(f.emulator.orgId).length;
      const checked = await f.host.check(f.urn("app", "typo"), {}, f.withProvider("app", app(overrides)));
      assert.equal(checked.failures.length, 1, JSON.stringify(checked.failures));
      assert.match(checked.failures[0].reason, pattern);
      assert.deepEqual(f.emulator.admin.requestLog.filter((r) => !r.path.startsWith("/_emulator")), []);
      assert.equal(f.emulator.admin.listApps(f.emulator.orgId).length, before);
    });
  }

  it("creates an app once the advice is followed (the scope fixed, https or a loopback redirect)", async () => {
    const { id, outputs } = await f.create("app", "fixed", app({ scopes: ["org.read"], redirectUris: ["https://ci.example.com/cb", "http://127.0.0.1:8080/cb", "http://localhost/cb"] }));
    assert.ok(f.emulator.admin.listApps(f.emulator.orgId).some((a) => a.id === id));
    assert.deepEqual(outputs.scopes, ["org.read"]);
  });
});
