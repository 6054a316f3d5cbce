/** Tests bench/faults/advised-program.ts: advised inputs reach only the resource they name. */
import { strict as assert } from "assert";
import { SnykApp } from "../../sdk";
import { runProgram } from "../../harness/mock-program";
import { nameOfUrn, programWithAdvice } from "../../bench/faults/advised-program";

const ORG = "00000000-0000-4000-8000-000000000000";
const ID = "3f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

const program = () => {
  for (const name of ["a", "b"]) new SnykApp(name, { orgId: ORG, name, redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });
};

describe("advised-program", () => {
  it("merges the advised inputs into the named resource only", async () => {
    const run = await runProgram(programWithAdvice(program, new Map([["b", { adoptId: ID, resetSecretOnAdopt: true }]])), { project: "p", stack: "s" });
    assert.equal(run.byName("b").inputs.adoptId, ID);
    assert.equal(run.byName("b").inputs.resetSecretOnAdopt, true);
    assert.equal(run.byName("b").inputs.name, "b");
    assert.equal(typeof run.byName("b").inputs.__provider, "string");
    assert.equal(run.byName("a").inputs.adoptId, undefined);
  });

  it("leaves the program as it is without advice", () => {
    assert.equal(programWithAdvice(program, new Map()), program);
  });

  it("names the resource of a URN", () => {
    assert.equal(nameOfUrn("urn:pulumi:dev::proj::pulumi-nodejs:dynamic/snyk:App::ci-bot"), "ci-bot");
  });
});
