import * as assert from "assert";
import { displayType, formatEvent } from "../../harness/harness-events";

const base = { urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/snyk:App::my-app", type: "pulumi-nodejs:dynamic/snyk:App", name: "my-app" };

describe("harness-events", () => {
  it("shortens dynamic type tokens only", () => {
    assert.strictEqual(displayType("pulumi-nodejs:dynamic/snyk:App"), "snyk:App");
    assert.strictEqual(displayType("aws:s3:Bucket"), "aws:s3:Bucket");
  });

  it("formats progress, plans and failures like the Pulumi CLI", () => {
    assert.strictEqual(formatEvent({ ...base, op: "create", status: "started" }), " +  snyk:App my-app creating");
    assert.strictEqual(formatEvent({ ...base, op: "replace", status: "done", detail: "replaces: orgId" }), " +- snyk:App my-app replaced replaces: orgId");
    assert.strictEqual(formatEvent({ ...base, op: "update", status: "planned", detail: "changes: name" }), " ~  snyk:App my-app update changes: name");
    assert.strictEqual(formatEvent({ ...base, op: "delete", status: "failed", detail: "403" }), " ** snyk:App my-app delete failed error: 403");
    assert.strictEqual(formatEvent({ ...base, op: "delete-replaced", status: "done" }), " -- snyk:App my-app deleted original");
    assert.strictEqual(formatEvent({ ...base, op: "import", status: "started" }), " =  snyk:App my-app importing");
    const warning = { op: "warning", status: "done", urn: "", type: "pulumi:pulumi:Stack", name: "p-dev", detail: "1 pending operation" } as const;
    assert.strictEqual(formatEvent(warning), " !  pulumi:pulumi:Stack p-dev warning: 1 pending operation");
  });
});
