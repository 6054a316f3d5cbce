import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { serializeProvider } from "../../harness/mock-program";
import { ProviderHost, ProviderHostError, startProviderHost, UNKNOWN } from "../../harness/provider-host";
import { byNameProvider } from "./fixtures/by-name-provider";
import { CounterRecord, counterProvider } from "./fixtures/counter-provider";

const urn = (name: string) => `urn:pulumi:dev::counter::pulumi-nodejs:dynamic/counter:Counter::${name}`;

describe("provider-host", () => {
  let dir: string;
  let storePath: string;
  let host: ProviderHost;
  let provider: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-host-"));
    storePath = path.join(dir, "store.json");
    provider = await serializeProvider(counterProvider);
    host = await startProviderHost({
      cwd: dir,
      project: "counter",
      config: { "counter:storePath": storePath, "counter:greeting": "hello from config" },
    });
  });

  after(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const store = (): Record<string, CounterRecord> => JSON.parse(fs.readFileSync(storePath, "utf8"));

  it("reports the host's @pulumi/pulumi version", async () => {
    const { version } = await host.getPluginInfo();
    assert.strictEqual(version, require("@pulumi/pulumi/package.json").version);
  });

  it("delivers stack config to configure(), un-namespaced keys prefixed with the project", async () => {
    const created = await host.create(urn("config"), { __provider: provider, name: "config", count: 0 });
    assert.strictEqual(created.properties.greeting, "hello from config");
    assert.ok(store()[created.id], "the provider wrote to the store path from config");
  });

  it("returns check failures by property", async () => {
    const result = await host.check(urn("bad"), {}, { __provider: provider, name: "", count: -1 });
    assert.deepStrictEqual(result.failures, [
      { property: "name", reason: "name must be a non-empty string" },
      { property: "count", reason: "count must be a number >= 0" },
    ]);
  });

  it("passes the unknown sentinel through check, with __provider kept in the inputs", async () => {
    const result = await host.check(urn("later"), {}, { __provider: provider, name: UNKNOWN, count: 1 });
    assert.deepStrictEqual(result.failures, []);
    assert.strictEqual(result.inputs.name, UNKNOWN);
    assert.strictEqual(result.inputs.__provider, provider);
  });

  it("round-trips create, read, diff, update and delete", async () => {
    const created = await host.create(urn("rt"), { __provider: provider, name: "rt", count: 1 });
    assert.strictEqual(created.properties.__provider, provider, "the host adds __provider to outputs");
    assert.strictEqual(created.properties.revision, 1);

    const read = await host.read(created.id, urn("rt"), created.properties);
    assert.strictEqual(read.id, created.id);
    assert.deepStrictEqual(read.inputs, { __provider: provider, name: "rt", count: 1 });

    const news = { __provider: provider, name: "rt", count: 2 };
    assert.deepStrictEqual(await host.diff(created.id, urn("rt"), created.properties, news), {
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const renamed = { ...news, name: "rt2", deleteFirst: true };
    assert.deepStrictEqual(await host.diff(created.id, urn("rt"), created.properties, renamed), {
      changes: "some",
      replaces: ["name"],
      deleteBeforeReplace: true,
    });
    assert.strictEqual((await host.diff(created.id, urn("rt"), created.properties, { ...news, count: 1 })).changes, "none");

    const updated = await host.update(created.id, urn("rt"), created.properties, news);
    assert.strictEqual(updated.properties.count, 2);
    assert.strictEqual(updated.properties.revision, 2);
    assert.strictEqual(store()[created.id].count, 2);

    await host.delete(created.id, urn("rt"), updated.properties);
    assert.strictEqual(store()[created.id], undefined);
    const gone = await host.read(created.id, urn("rt"), updated.properties);
    assert.strictEqual(gone.id, "", "an empty id tells the engine the object is gone");
  });

  it("decodes ErrorResourceInitFailed from a failed create", async () => {
    const err = await host.create(urn("init"), { __provider: provider, name: "init", count: 1, failInit: true }).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderHostError);
    assert.strictEqual(err.method, "Create");
    assert.strictEqual(err.details, "counter created but not ready");
    assert.ok(err.initFailure, "init failure details decoded");
    assert.deepStrictEqual(err.initFailure.reasons, ["not ready"]);
    assert.strictEqual(err.initFailure.properties.name, "init");
    assert.ok(store()[err.initFailure.id], "the object exists in the store");
    // The host does not add __provider to init-failure properties: a provider must include it
    // itself, or a Delete/Read of the recorded outputs cannot find the provider.
    assert.strictEqual(err.initFailure.properties.__provider, undefined);
    const deleteErr = await host.delete(err.initFailure.id, urn("init"), err.initFailure.properties).catch((e: unknown) => e);
    assert.ok(deleteErr instanceof ProviderHostError);
  });

  it("decodes ErrorResourceInitFailed from a failed update", async () => {
    const created = await host.create(urn("upd"), { __provider: provider, name: "upd", count: 1 });
    const news = { __provider: provider, name: "upd", count: 5, failInit: true };
    const err = await host.update(created.id, urn("upd"), created.properties, news).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderHostError);
    assert.strictEqual(err.initFailure?.id, created.id);
    assert.deepStrictEqual(err.initFailure?.reasons, ["still not ready"]);
    assert.strictEqual(err.initFailure?.properties.count, 5);
  });

  it("rejects a plain provider error without init details and logs it on the host", async () => {
    const err = await host.delete("id", urn("x"), { __provider: "exports.handler = () => { throw new Error('no such provider') };" }).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderHostError);
    assert.strictEqual(err.method, "Delete");
    assert.strictEqual(err.initFailure, undefined);
    assert.match(err.message, /no such provider/);
    assert.ok(host.hostLog().some((line) => line.includes("no such provider")));
  });

  it("keeps secret outputs out of the host's log", async () => {
    const created = await host.create(urn("quiet"), { __provider: provider, name: "quiet", count: 1 });
    assert.ok(!host.hostLog().join("\n").includes(String(created.properties.token)));
  });

  it("resolves a provider's require() by package name from the host's working directory", async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "provider-host-cwd-"));
    const pkg = path.join(cwd, "node_modules", "harness-fixture-greeter");
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "harness-fixture-greeter", main: "index.js" }));
    fs.writeFileSync(path.join(pkg, "index.js"), "exports.greet = (name) => `hello, ${name}`;\n");
    assert.throws(() => require.resolve("harness-fixture-greeter"), "this process cannot resolve the package");
    const other = await startProviderHost({ cwd, project: "greeter" });
    try {
      const text = await serializeProvider(byNameProvider);
      const created = await other.create(urn("greeted"), { __provider: text, name: "world" });
      assert.strictEqual(created.properties.message, "hello, world");
    } finally {
      await other.stop();
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("fails to start in a directory that does not exist", async () => {
    await assert.rejects(startProviderHost({ cwd: path.join(dir, "missing"), project: "x" }), /provider host did not start/);
  });
});
