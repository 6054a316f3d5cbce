/**
 * The package as a user installs it: a fresh project with the `npm pack` tarball and, in turn,
 * the newest `@pulumi/pulumi` this Node allows and the oldest of the peer range. Each install
 * prints no warning about this package or its dependency tree; every README snippet and every
 * documented entry point type-checks in strict mode under node10, node16 and bundler resolution;
 * and the example stack (examples/program.ts, shipped in the package) runs in the project, its
 * resources created and deleted through that project's own provider host.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { startProviderHost } from "../../harness/provider-host";
import { createConsumer, Consumer, newestSdkFor, OLDEST_SDK, relevantWarnings, root } from "./consumer";
import { ENTRY_POINTS_SOURCE, exampleUsageSnippets, readmeSnippets } from "./readme-snippets";

const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");

const RESOLUTIONS: Record<string, Record<string, unknown>> = {
  node10: { module: "commonjs", moduleResolution: "node10" },
  node16: { module: "node16", moduleResolution: "node16" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
};

/** Type-checks the snippets in `dir` with one resolution; returns tsc's output ("" when clean). */
function typeCheck(dir: string, resolution: string): string {
  const config = { compilerOptions: { ...RESOLUTIONS[resolution], target: "es2022", lib: ["es2022"], strict: true, noEmit: true, types: [] }, include: ["check/*.ts"] };
  fs.writeFileSync(path.join(dir, `tsconfig.${resolution}.json`), JSON.stringify(config, null, 2));
  try {
    execFileSync(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`], { cwd: dir, encoding: "utf8" });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

/** Runs the shipped example program under setMocks in the consumer and returns what it registered. */
function runExample(consumer: Consumer, config: Record<string, string>, node = process.execPath): Array<{ type: string; name: string; inputs: Record<string, unknown> }> {
  const dir = consumer.dir;
  fs.copyFileSync(path.join(dir, "node_modules", "pulumi-snyk-apps", "examples", "program.ts"), path.join(dir, "program.ts"));
  const tsconfig = { compilerOptions: { module: "commonjs", moduleResolution: "node10", target: "es2020", lib: ["es2022"], strict: true, types: [], outDir: "out" }, files: ["program.ts"] };
  fs.writeFileSync(path.join(dir, "tsconfig.example.json"), JSON.stringify(tsconfig, null, 2));
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.example.json"], { cwd: dir, encoding: "utf8" });
  } catch (error) {
    assert.fail(`the example does not compile in the consumer project:\n${(error as { stdout?: string }).stdout}`);
  }
  fs.writeFileSync(path.join(dir, "run-example.js"), `
const pulumi = require("@pulumi/pulumi");
const registered = [];
pulumi.runtime.setAllConfig(${JSON.stringify(config)});
pulumi.runtime.setMocks({
  newResource: (args) => { registered.push({ type: args.type, name: args.name, inputs: args.inputs }); return { id: args.name + "-id", state: args.inputs }; },
  call: () => ({}),
}, "snyk-apps-example", "dev", false);
require("./out/program.js").snykAppsProgram();
// Under mocks every registration settles on its own; print once nothing is left to run.
process.once("beforeExit", () => process.stdout.write(JSON.stringify(registered)));
`);
  return JSON.parse(execFileSync(node, ["run-example.js"], { cwd: dir, encoding: "utf8" }));
}

/** Creates the example's apps, installs and secret through the consumer's provider host, then deletes them. */
async function deployThroughHost(consumer: Consumer, emulator: RunningEmulator, registered: ReturnType<typeof runExample>, node = process.execPath): Promise<string> {
  const host = await startProviderHost({
    cwd: consumer.dir,
    project: "snyk-apps-example",
    config: { "snyk:token": emulator.token, "snyk:apiUrl": emulator.url },
    env: { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "" },
    hostScript: path.join(consumer.dir, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js"),
    node,
  });
  const created: Array<{ urn: string; id: string; properties: Record<string, unknown> }> = [];
  try {
    const { version } = await host.getPluginInfo();
    const urn = (r: { type: string; name: string }) => `urn:pulumi:dev::snyk-apps-example::${r.type}::${r.name}`;
    const apps = new Map<string, Record<string, unknown>>();
    for (const r of registered) {
      let inputs = r.inputs;
      if (r.type.endsWith("snyk:AppSecret")) {
        // Under mocks the app's outputs are its inputs; hand the secret the app Snyk really made.
        const app = apps.get("ci-bot")!;
        inputs = { ...inputs, orgId: app.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret };
      }
      const checked = await host.check(urn(r), {}, inputs);
      assert.deepEqual(checked.failures, [], `${r.name}: ${JSON.stringify(checked.failures)}`);
      const made = await host.create(urn(r), checked.inputs);
      created.push({ urn: urn(r), id: made.id, properties: made.properties });
      if (r.type.endsWith("snyk:App")) apps.set(r.name, made.properties);
    }
    assert.equal(emulator.admin.listApps(emulator.orgId).filter((a) => a.name === "CI bot" || a.name === "Developer portal").length, 2);
    for (const r of [...created].reverse()) await host.delete(r.id, r.urn, r.properties);
    assert.equal(emulator.admin.listApps(emulator.orgId).filter((a) => a.name === "CI bot" || a.name === "Developer portal").length, 0);
    return version;
  } finally {
    await host.stop();
  }
}

function exampleConfig(emulator: RunningEmulator): Record<string, string> {
  const values: Record<string, unknown> = {
    orgId: emulator.orgId, groupId: emulator.groupId, brokerAppId: emulator.brokerApp.appId,
    ciBotRedirectUris: ["https://ci.example.com/oauth/callback"], ciBotScopes: ["org.read", "org.project.read"],
    portalRedirectUris: ["https://portal.example.com/auth/snyk/callback"], portalScopes: ["org.read"],
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`snyk-apps-example:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
}

for (const [label, sdk] of [["the newest @pulumi/pulumi this Node allows", newestSdkFor()], ["the oldest @pulumi/pulumi of the peer range", OLDEST_SDK]] as const) {
  describe(`a fresh consumer project with ${label} (${sdk})`, function () {
    this.timeout(600_000);
    let consumer: Consumer;
    let emulator: RunningEmulator;
    before(async () => {
      consumer = createConsumer(sdk);
      emulator = await startEmulator({ port: 0 });
    });
    after(async () => {
      await emulator?.close();
      consumer?.remove();
    });

    it("installs the tarball with no warning about it or its dependencies, and one @pulumi/pulumi", () => {
      assert.deepEqual(relevantWarnings(consumer.installWarnings), []);
      assert.ok(!fs.existsSync(path.join(consumer.dir, "node_modules", "pulumi-snyk-apps", "node_modules", "@pulumi", "pulumi")), "no second copy of the SDK");
      assert.equal(JSON.parse(fs.readFileSync(path.join(consumer.dir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version, sdk);
    });

    it("ships compiled JS, declarations, the spec, LICENSE, CHANGELOG and every file the README links to, and nothing from tests", () => {
      const installed = path.join(consumer.dir, "node_modules", "pulumi-snyk-apps");
      for (const file of ["dist/sdk/index.js", "dist/sdk/index.d.ts", "dist/provider/runtime.js", "dist/emulator/index.d.ts", "spec/snyk-rest-apps-2025-11-05.json"]) {
        assert.ok(fs.existsSync(path.join(installed, file)), file);
      }
      assert.ok(!fs.existsSync(path.join(installed, "dist", "tests")) && !fs.existsSync(path.join(installed, "dist", ".tsbuildinfo")));
      assert.ok(!fs.lstatSync(installed).isSymbolicLink(), "a real install, not a link to the repository");
      assert.ok(fs.existsSync(path.join(consumer.dir, "node_modules", ".bin", "snyk-apps-emulator")), "the emulator's command");
      assert.match(fs.readFileSync(path.join(installed, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0/);
      assert.ok(fs.existsSync(path.join(installed, "CHANGELOG.md")));
      const readme = fs.readFileSync(path.join(installed, "README.md"), "utf8");
      const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
      assert.ok(links.length >= 4, links.join(", "));
      for (const link of links) assert.ok(fs.existsSync(path.join(installed, link)), `README links to ${link}, which the package does not ship`);
    });

    // Resolution is about this package's entry points, so every mode runs with the newest SDK; the
    // oldest is checked under node10, what most Pulumi TypeScript projects use.
    for (const resolution of sdk === OLDEST_SDK ? ["node10"] : Object.keys(RESOLUTIONS)) {
      it(`type-checks every README snippet, Example Usage and entry point under moduleResolution ${resolution}, strict`, () => {
        const check = path.join(consumer.dir, "check");
        fs.mkdirSync(check, { recursive: true });
        const readme = fs.readFileSync(path.join(consumer.dir, "node_modules", "pulumi-snyk-apps", "README.md"), "utf8");
        const snippets = readmeSnippets(readme);
        assert.ok(snippets.length >= 3);
        for (const s of snippets) fs.writeFileSync(path.join(check, `snippet-${s.index}.ts`), `// README.md line ${s.line}\n${s.source}`);
        for (const kind of ["app", "app-secret", "app-install"]) {
          const declarations = fs.readFileSync(path.join(consumer.dir, "node_modules", "pulumi-snyk-apps", "dist", "sdk", `${kind}.d.ts`), "utf8");
          const examples = exampleUsageSnippets(declarations);
          assert.equal(examples.length, 1, `one Example Usage in ${kind}.d.ts`);
          fs.writeFileSync(path.join(check, `example-${kind}.ts`), examples[0].source);
        }
        fs.writeFileSync(path.join(check, "entry-points.ts"), ENTRY_POINTS_SOURCE);
        assert.equal(typeCheck(consumer.dir, resolution), "");
      });
    }

    it("runs the example stack in the project, through the project's own provider host", async () => {
      const registered = runExample(consumer, exampleConfig(emulator));
      assert.deepEqual(registered.map((r) => r.type.split("/").pop()).sort(), ["snyk:App", "snyk:App", "snyk:AppInstall", "snyk:AppInstall", "snyk:AppSecret"]);
      const hostVersion = await deployThroughHost(consumer, emulator, registered);
      assert.equal(hostVersion, sdk, "the provider host is the consumer's own SDK");
    });
  });
}

// Other Node versions, when their binaries are given (CI covers them with its Node matrix instead):
// PULUMI_SNYK_APPS_TEST_NODES=/path/to/node22:/path/to/node24. Each one installs the consumer with
// its own npm engine checks, and runs the example and the provider host.
for (const node of (process.env.PULUMI_SNYK_APPS_TEST_NODES ?? "").split(":").filter(Boolean)) {
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim().slice(1);
  describe(`a fresh consumer project on Node ${version}`, function () {
    this.timeout(600_000);
    let consumer: Consumer;
    let emulator: RunningEmulator;
    before(async () => {
      consumer = createConsumer(newestSdkFor(version), node);
      emulator = await startEmulator({ port: 0 });
    });
    after(async () => {
      await emulator?.close();
      consumer?.remove();
    });

    it(`installs @pulumi/pulumi ${newestSdkFor(version)} and the tarball with no warning about them`, () => {
      assert.deepEqual(relevantWarnings(consumer.installWarnings), []);
    });

    it("runs the example stack and the provider host on this Node", async () => {
      const registered = runExample(consumer, exampleConfig(emulator), node);
      assert.equal(registered.length, 5);
      assert.equal(await deployThroughHost(consumer, emulator, registered, node), newestSdkFor(version));
    });
  });
}
