import { strict as assert } from "assert";
import { SnykApiError, SnykAuthenticationError, SnykPermissionError } from "../../../provider/client/api-errors";
import { startHostFixture, HostFixture } from "../../../harness/host-fixture";
import { ProviderHostError, startProviderHost } from "../../../harness/provider-host";
import * as path from "path";

describe("provider/client/api-errors: advice on 401 and 403", () => {
  it("401 says which token to set, how, and the region and scheme to check", () => {
    const error = new SnykAuthenticationError({ status: 401, method: "GET", path: "/orgs/o/apps/creations", errors: [], requestId: "r1" });
    assert.match(error.message, /^Snyk API 401 Unauthorized on GET \/orgs\/o\/apps\/creations\. Snyk did not accept the token/);
    assert.match(error.message, /`pulumi config set --secret snyk:token <token>` \(or SNYK_TOKEN\)/);
    assert.match(error.message, /snyk:region \(or snyk:apiUrl\)/);
    assert.match(error.message, /snyk:authScheme "bearer" only for OAuth access tokens\. \(request id r1\)$/);
  });

  it("403 names the permission, the org or group, and the role that holds it", () => {
    const org = new SnykPermissionError({ status: 403, method: "POST", path: "/orgs/o1/apps/creations", errors: [{ detail: "no access" }] });
    assert.match(org.message, /: no access\. The token is valid but its account lacks the "Create Apps" permission \(org\.app\.create\) in org o1\. .*Org Admin, or a custom role with Create Apps/);
    const group = new SnykPermissionError({ status: 403, method: "DELETE", path: "/groups/g1/apps/installs/i1", errors: [] });
    assert.match(group.message, /"Install Apps" permission \(group\.app\.install\) in group g1\. .*Group Admin/);
  });

  it("adds no advice to other statuses", () => {
    assert.equal(new SnykApiError({ status: 422, method: "GET", path: "/x", errors: [] }).message, "Snyk API 422 Unprocessable Entity on GET /x");
  });
});

describe("401 and 403 advice through Pulumi's provider host, followed", function () {
  this.timeout(60_000);
  let f: HostFixture;
  before(async () => {
    f = await startHostFixture();
  });
  after(async () => f?.stop());
  const app = (orgId: string) => ({ orgId, name: `Advice ${orgId.slice(0, 8)}`, redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });

  it("403: declaring an org the token can manage (the advice's last option) creates the app", async () => {
    const error: ProviderHostError = await f.create("app", "foreign", app(f.emulator.foreignOrgId)).then(() => assert.fail("created"), (e) => e);
    assert.match(error.message, new RegExp(`"View Apps" permission \\(org\\.app\\.read\\) in org ${f.emulator.foreignOrgId}`));
    assert.match(error.message, /declare an org this token can manage/);
    const { id } = await f.create("app", "own", app(f.emulator.orgId));
    assert.ok(f.emulator.admin.listApps(f.emulator.orgId).some((a) => a.id === id));
  });

  it("401: setting the right token in snyk:token, as the advice says, makes the same create work", async () => {
    const wrong = await startProviderHost({
      cwd: path.resolve(__dirname, "..", "..", "..", ".."),
      project: "snyk-apps-tests",
      config: { "snyk:token": "revoked-token-0000", "snyk:apiUrl": f.emulator.url },
      env: { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "" },
    });
    try {
      const urn = f.urn("app", "wrong-token");
      const checked = await wrong.check(urn, {}, f.withProvider("app", app(f.emulator.orgId)));
      const error: Error = await wrong.create(urn, checked.inputs).then(() => assert.fail("created"), (e) => e);
      assert.match(error.message, /Snyk API 401 .*pulumi config set --secret snyk:token <token>/);
      assert.ok(!error.message.includes("revoked-token-0000"), "the token is never in the message");
    } finally {
      await wrong.stop();
    }
    // f.host is the same provider configured with the emulator's valid token.
    const { id } = await f.create("app", "right-token", { ...app(f.emulator.orgId), name: "Advice right token" });
    assert.ok(f.emulator.admin.listApps(f.emulator.orgId).some((a) => a.id === id));
  });
});
