import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as sinon from "sinon";
import { SnykApp } from "../../sdk";
import { runProgram } from "../../harness/mock-program";

const ORG = "00000000-0000-4000-8000-000000000000";

describe("sdk/scope-warnings: a SnykApp warns about scopes in the program", () => {
  let warn: sinon.SinonSpy;
  beforeEach(() => {
    // Under setMocks there is no engine, so pulumi.log.warn writes to console.warn.
    warn = sinon.stub(console, "warn");
  });
  afterEach(() => warn.restore());

  const warnings = () => warn.getCalls().map((c) => String(c.args[0]));
  const declare = (scopes: pulumi.Input<pulumi.Input<string>[]>) => () => {
    new SnykApp("app", { orgId: ORG, name: "n", redirectUris: ["https://x.example/cb"], scopes });
  };

  it("says which scope is not documented and that org.read is missing", async () => {
    await runProgram(declare(["org.widget.admin"]), { project: "p", stack: "dev" });
    assert.equal(warnings().length, 2, warnings().join("\n"));
    assert.match(warnings()[0], /"org\.widget\.admin" is not one of Snyk's documented scopes/);
    assert.match(warnings()[1], /org\.read is missing; Snyk requires every app to request it/);
  });

  it("is silent once the advice is followed, and for scopes known only at deploy time", async () => {
    await runProgram(declare(["org.read", "org.project.read"]), { project: "p", stack: "dev" });
    await runProgram(declare(pulumi.output(pulumi.unknown as unknown as string[])), { project: "p", stack: "dev", preview: true });
    assert.deepEqual(warnings(), []);
  });
});
