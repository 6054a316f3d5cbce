/**
 * The package as users get it: `npm pack`, install the tarball into a fresh project, run a
 * program there under setMocks (the consumer's own @pulumi/pulumi serializes the providers), and
 * drive the serialized providers through Pulumi's provider host started in that project, so
 * `require("pulumi-snyk-apps/provider/runtime")` resolves from the consumer's node_modules.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { startProviderHost, ProviderHost } from "../support/provider-host";

const root = path.resolve(__dirname, "..", "..", "..");

const consumerProgram = `
const pulumi = require("@pulumi/pulumi");
const { SnykApp, SnykAppSecret } = require("pulumi-snyk-apps");
const registered = [];
pulumi.runtime.setMocks({
  newResource: (args) => { registered.push({ type: args.type, name: args.name, inputs: args.inputs }); return { id: args.name + "-id", state: args.inputs }; },
  call: () => ({}),
}, "consumer", "dev", false);
const app = new SnykApp("app", { orgId: process.argv[2], name: "From the tarball", redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });
new SnykAppSecret("secret", { app, rotationTriggers: { n: 1 } });
// Once every registration has settled nothing is left to run: print then, not after a guessed pause.
process.once("beforeExit", () => process.stdout.write(JSON.stringify(registered)));
`;

describe("the npm package as a consumer installs it", function () {
  this.timeout(300_000);
  let consumer: string;
  let emulator: RunningEmulator;
  let host: ProviderHost | undefined;

  before(async () => {
    consumer = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-apps-consumer-"));
    const tarball = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", consumer], { cwd: root, encoding: "utf8" }).trim().split("\n").pop()!;
    fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", path.join(consumer, tarball)], { cwd: consumer, stdio: "pipe" });
    emulator = await startEmulator({ port: 0 });
  });
  after(async () => {
    await host?.stop();
    await emulator?.close();
    fs.rmSync(consumer, { recursive: true, force: true });
  });

  it("ships compiled JS, type declarations and the spec, and nothing from tests", () => {
    const installed = path.join(consumer, "node_modules", "pulumi-snyk-apps");
    for (const file of ["dist/sdk/index.js", "dist/sdk/index.d.ts", "dist/provider/runtime.js", "dist/emulator/index.js", "spec/snyk-rest-apps-2025-11-05.json"]) {
      assert.ok(fs.existsSync(path.join(installed, file)), file);
    }
    assert.ok(!fs.existsSync(path.join(installed, "dist", "tests")));
    assert.ok(!fs.lstatSync(installed).isSymbolicLink(), "a real install, not a link to the repository");
    assert.ok(fs.existsSync(path.join(consumer, "node_modules", ".bin", "snyk-apps-emulator")), "the emulator's command");
  });

  it("creates an app and its secret from the consumer's project through the provider host", async () => {
    fs.writeFileSync(path.join(consumer, "program.js"), consumerProgram);
    const out = execFileSync(process.execPath, ["program.js", emulator.orgId], { cwd: consumer, encoding: "utf8" });
    const registered: Array<{ type: string; name: string; inputs: Record<string, unknown> }> = JSON.parse(out);
    assert.deepEqual(registered.map((r) => r.type), ["pulumi-nodejs:dynamic/snyk:App", "pulumi-nodejs:dynamic/snyk:AppSecret"]);
    const appInputs = registered[0].inputs;
    assert.ok(!String(appInputs.__provider).includes(consumer), "no consumer path in the serialized provider");

    host = await startProviderHost({ cwd: consumer, project: "consumer", config: { "snyk:token": emulator.token, "snyk:apiUrl": emulator.url }, env: { SNYK_TOKEN: "" } });
    const urn = "urn:pulumi:dev::consumer::pulumi-nodejs:dynamic/snyk:App::app";
    const checked = await host.check(urn, {}, appInputs);
    assert.deepEqual(checked.failures, []);
    const created = await host.create(urn, checked.inputs);
    assert.ok(emulator.admin.listApps(emulator.orgId).some((a) => a.id === created.id && a.name === "From the tarball"));
    await host.delete(created.id, urn, created.properties);
    assert.ok(!emulator.admin.listApps(emulator.orgId).some((a) => a.id === created.id));
  });
});
