import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ProgramRunError, runProgram, serializeProvider } from "../../harness/mock-program";
import { UNKNOWN } from "../../harness/struct";
import { Counter } from "./fixtures/counter";
import { counterProvider } from "./fixtures/counter-provider";
import { LeakyProvider } from "./fixtures/leaky-provider";

class Leaky extends pulumi.dynamic.Resource {}

const options = { project: "counter", stack: "dev" };

describe("mock-program", () => {
  it("captures __provider exactly as serializeProvider produces it", async () => {
    const run = await runProgram(() => {
      new Counter("a", { name: "a", count: 1 });
    }, options);
    const a = run.byName("a");
    assert.strictEqual(a.type, "pulumi-nodejs:dynamic/counter:Counter");
    assert.strictEqual(a.urn, "urn:pulumi:dev::counter::pulumi-nodejs:dynamic/counter:Counter::a");
    assert.strictEqual(a.inputs.__provider, await serializeProvider(counterProvider));
  });

  it("captures additionalSecretOutputs, dependencies, protect and secret inputs", async () => {
    const run = await runProgram(() => {
      const a = new Counter("a", { name: "a", count: 1 });
      const b = new Counter("b", { name: a.name.apply((n) => `${n}-b`), count: 2, label: pulumi.secret("hidden") }, { protect: true });
      new Counter("c", { name: "c", count: 3 }, { dependsOn: [b], deleteBeforeReplace: true });
    }, options);
    const [a, b, c] = ["a", "b", "c"].map((n) => run.byName(n));
    assert.deepStrictEqual(a.options.additionalSecretOutputs, ["token"]);
    assert.deepStrictEqual(b.options.dependencies, [a.urn], "an input from a's output is a dependency");
    assert.deepStrictEqual(b.options.propertyDependencies.name, [a.urn]);
    assert.strictEqual(b.options.protect, true);
    assert.strictEqual(b.inputs.name, "a-b");
    assert.strictEqual(b.inputs.label, "hidden", "secret inputs are unwrapped");
    assert.deepStrictEqual(b.secretInputs, ["label"]);
    assert.deepStrictEqual(c.options.dependencies, [b.urn]);
    assert.strictEqual(c.options.deleteBeforeReplace, true);
    assert.strictEqual(a.options.deleteBeforeReplace, undefined);
    assert.deepStrictEqual(run.resources.map((r) => r.name), ["a", "b", "c"]);
  });

  it("returns the mocks' outputs to the program and its exports, secret ones named", async () => {
    const run = await runProgram(
      () => {
        const a = new Counter("a", { name: "a", count: 1 });
        return { token: pulumi.secret(a.token), revision: a.revision, greeting: new pulumi.Config("counter").require("greeting") };
      },
      {
        ...options,
        config: { "counter:greeting": "hi" },
        mocks: { newResource: (r) => ({ id: "id-1", state: { ...r.inputs, token: "t0k3n", revision: 7 } }) },
      },
    );
    assert.deepStrictEqual(run.exports, { token: "t0k3n", revision: 7, greeting: "hi" });
    assert.deepStrictEqual(run.secretExports, ["token"]);
    assert.strictEqual(run.byName("a").id, "id-1");
    assert.strictEqual(run.byName("a").outputs.token, "t0k3n");
  });

  it("shows unknown inputs as the UNKNOWN sentinel in a preview", async () => {
    const run = await runProgram(
      () => {
        const a = new Counter("a", { name: "a", count: 1 });
        new Counter("b", { name: a.token, count: 1 });
      },
      { ...options, preview: true, mocks: { newResource: (r) => ({ state: { name: r.inputs.name, count: r.inputs.count } }) } },
    );
    assert.strictEqual(run.byName("b").inputs.name, UNKNOWN);
  });

  it("fails with a clear error when a provider cannot be serialized", async () => {
    const err = await runProgram(() => {
      new Leaky(new LeakyProvider(), "leaky", {}, {}, "leaky", "Leaky");
    }, options).catch((e: unknown) => e);
    assert.ok(err instanceof ProgramRunError, String(err));
    assert.match(err.message, /error serializing property "__provider"/);
    assert.strictEqual(err.errors.length, 1, "one failure reported once");
  });

  it("fails when the program throws, and can run again afterwards", async () => {
    await assert.rejects(
      runProgram(() => {
        throw new Error("program bug");
      }, options),
      (e: unknown) => e instanceof ProgramRunError && /program bug/.test(e.message),
    );
    const run = await runProgram(() => {
      new Counter("again", { name: "again", count: 1 });
    }, { project: "other", stack: "prod" });
    assert.strictEqual(run.byName("again").urn, "urn:pulumi:prod::other::pulumi-nodejs:dynamic/counter:Counter::again");
  });

  it("refuses to run two programs at once", async () => {
    const first = runProgram(() => {
      new Counter("one", { name: "one", count: 1 });
    }, options);
    await assert.rejects(runProgram(() => undefined, options), /another program is running/);
    await first;
  });
});
