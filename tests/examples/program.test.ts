/**
 * The example stack end to end against the emulator, through Pulumi's provider host with the
 * program harness: up, an in-place update, a replacement, out-of-band rename and delete then
 * refresh, scheduled secret rotation, destroy leaving the emulator empty, and what the state holds.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as sinon from "sinon";
import * as yaml from "js-yaml";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ProgramHarness } from "../../harness/program-harness";
import { snykAppsProgram } from "../../examples/program";
import { exampleConfig, PROJECT } from "../../examples/emulator-config";

const root = path.resolve(__dirname, "..", "..", "..");
const APP = "pulumi-nodejs:dynamic/snyk:App";

describe("examples/program: the example stack end to end", function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let dir: string | undefined;
  let clock: sinon.SinonFakeTimers | undefined;
  const urn = (type: string, name: string) => `urn:pulumi:dev::${PROJECT}::${type}::${name}`;
  const staging = { portalName: "Developer portal (staging)" };
  const stagingOrgRead = { ...staging, ciBotScopes: ["org.read"] };

  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  // Each test starts from nothing: a seeded emulator and an empty state file. Each command runs in
  // a provider host of its own, as under the CLI (a host keeps what its run listed for its life).
  beforeEach(async () => {
    emulator.admin.reset();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-example-"));
  });
  afterEach(async () => {
    clock?.restore();
    clock = undefined;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  after(async () => {
    await emulator?.close();
  });

  const harness = (overrides: Record<string, unknown> = {}) =>
    // The token is set with `pulumi config set --secret`, as the README says: the state holds it encrypted.
    new ProgramHarness({ statePath: path.join(dir!, "state.json"), project: PROJECT, stack: "dev", cwd: root, config: exampleConfig(emulator, overrides), secretConfigKeys: ["snyk:token"], env: { SNYK_TOKEN: "" } });
  const appsOfStack = () => emulator.admin.listApps(emulator.orgId);
  const installsOfStack = () => emulator.admin.listInstalls().filter((i) => i.appId === emulator.brokerApp.appId);
  /** The stack deployed with these config overrides: the state a test starts from. */
  const deployed = async (overrides: Record<string, unknown> = {}) => {
    const up = await harness(overrides).up(snykAppsProgram);
    assert.deepEqual(up.failures, [], "the setup's up");
    return up;
  };
  /** Renames the portal and uninstalls the group's broker install behind Pulumi's back. */
  const driftOutOfBand = () => {
    const portal = appsOfStack().find((a) => a.name.startsWith("Developer portal"))!;
    emulator.admin.renameApp(portal.id, "Renamed in the Snyk UI");
    const groupInstall = emulator.admin.listInstalls().find((i) => i.groupId === emulator.groupId && i.appId === emulator.brokerApp.appId)!;
    emulator.admin.deleteInstall(groupInstall.id);
  };

  it("Pulumi.emulator.yaml holds the same example values as the config the tests use", () => {
    const file = yaml.load(fs.readFileSync(path.join(root, "Pulumi.emulator.yaml"), "utf8")) as { config: Record<string, unknown> };
    const expected = exampleConfig({ url: "http://127.0.0.1:4010", token: "t", orgId: "5e1f0c5a-0000-4000-8000-000000000001", groupId: "5e1f0c5a-0000-4000-8000-000000000002", brokerApp: { appId: "5e1f0c5a-0000-4000-8000-000000000007" } });
    for (const [key, value] of Object.entries(file.config)) {
      assert.equal(typeof value === "string" ? value : JSON.stringify(value), expected[key], key);
    }
  });

  it("up creates two apps, a secret and two installs, and exports secrets as secrets", async () => {
    const up = await harness().up(snykAppsProgram);
    assert.deepEqual(up.failures, []);
    assert.equal(up.created.length, 5);
    assert.equal(appsOfStack().length, 2);
    assert.equal(installsOfStack().length, 2);
    for (const name of ["ciBotSecret", "ciBotPreviousSecret", "portalClientSecret", "brokerOrgClientSecret", "brokerGroupClientSecret"]) {
      assert.ok(up.secretOutputs.includes(name), `${name} is a secret export`);
    }
    const ciBot = appsOfStack().find((a) => a.name === "CI bot")!;
    assert.deepEqual(emulator.admin.activeSecrets(ciBot.id), [up.outputs.ciBotPreviousSecret, up.outputs.ciBotSecret]);
  });

  it("a second up with the same config changes nothing", async () => {
    await deployed();
    emulator.admin.clearLog();
    const up = await harness().up(snykAppsProgram);
    assert.equal(up.same.length, 5);
    assert.equal(emulator.admin.requestLog.length, 0);
  });

  it("a name change updates the portal in place", async () => {
    await deployed();
    const before = appsOfStack().find((a) => a.name === "Developer portal")!;
    const up = await harness({ portalName: "Developer portal (staging)" }).up(snykAppsProgram);
    assert.deepEqual(up.updated, [urn(APP, "developer-portal")]);
    assert.equal(appsOfStack().find((a) => a.id === before.id)?.name, "Developer portal (staging)");
  });

  it("a scope change replaces the CI bot, and its secret moves with it", async () => {
    await deployed(staging);
    const old = appsOfStack().find((a) => a.name === "CI bot")!;
    const up = await harness(stagingOrgRead).up(snykAppsProgram);
    assert.deepEqual(up.failures, []);
    assert.ok(up.replaced.includes(urn(APP, "ci-bot")));
    assert.ok(up.replaced.includes(urn("pulumi-nodejs:dynamic/snyk:AppSecret", "ci-bot-secret")));
    const now = appsOfStack().find((a) => a.name === "CI bot")!;
    assert.notEqual(now.id, old.id);
    assert.deepEqual(now.scopes, ["org.read"]);
    assert.equal(appsOfStack().length, 2, "the old app is gone");
  });

  it("the scheduled rotation mints a new secret when the window turns, keeping the previous one", async () => {
    const config = stagingOrgRead;
    const before = (await deployed(config)).outputs;
    clock = sinon.useFakeTimers({ now: Date.now() + 91 * 24 * 3600 * 1000, toFake: ["Date"] });
    const up = await harness(config).up(snykAppsProgram);
    clock.restore();
    clock = undefined;
    assert.deepEqual(up.updated, [urn("pulumi-nodejs:dynamic/snyk:AppSecret", "ci-bot-secret")]);
    assert.equal(up.outputs.ciBotPreviousSecret, before.ciBotSecret);
    const ciBot = appsOfStack().find((a) => a.name === "CI bot")!;
    assert.deepEqual(emulator.admin.activeSecrets(ciBot.id), [before.ciBotSecret, up.outputs.ciBotSecret]);
  });

  it("rotationAt places the rotation window at a given moment instead of now, whatever the date", async () => {
    const config = { portalName: "Developer portal (staging)", ciBotScopes: ["org.read"], rotationAt: "2001-02-03T04:05:06Z" };
    const before = (await harness(config).up(snykAppsProgram)).outputs;
    const again = await harness(config).up(snykAppsProgram);
    assert.deepEqual(again.updated, [], "the same moment is the same window: no rotation");
    const later = await harness({ ...config, rotationAt: "2001-05-04T04:05:06Z" }).up(snykAppsProgram);
    assert.deepEqual(later.updated, [urn("pulumi-nodejs:dynamic/snyk:AppSecret", "ci-bot-secret")], "90 days later is the next window");
    assert.equal(later.outputs.ciBotPreviousSecret, again.outputs.ciBotSecret);
    assert.notEqual(later.outputs.ciBotSecret, before.ciBotSecret);
    const bad = await harness({ ...config, rotationAt: "next week" }).up(snykAppsProgram);
    assert.deepEqual(bad.failures.map((f) => f.op), ["program"]);
    assert.match(bad.failures[0].message, /rotationAt must be an ISO 8601 date, not "next week"/);
    assert.deepEqual([...bad.created, ...bad.updated, ...bad.deleted], [], "a program that failed changes nothing");
  });

  it("refresh finds an out-of-band rename and an out-of-band uninstall", async () => {
    await deployed(stagingOrgRead);
    driftOutOfBand();
    const refresh = await harness().refresh();
    assert.deepEqual(refresh.failures, []);
    const change = (name: string, type: string) => refresh.changes.find((c) => c.urn === urn(type, name))?.change;
    assert.equal(change("developer-portal", APP), "updated");
    assert.equal(change("broker-group", "pulumi-nodejs:dynamic/snyk:AppInstall"), "deleted");
    const unchanged = refresh.changes.filter((c) => c.change === "same").map((c) => c.urn.split("::").pop());
    assert.deepEqual(unchanged.sort(), ["broker-org", "ci-bot", "ci-bot-secret"], "nothing else drifts");
  });

  it("the next up puts both back", async () => {
    await deployed(stagingOrgRead);
    driftOutOfBand();
    assert.deepEqual((await harness().refresh()).failures, [], "the setup's refresh");
    const up = await harness(stagingOrgRead).up(snykAppsProgram);
    assert.deepEqual(up.failures, []);
    assert.ok(up.updated.includes(urn(APP, "developer-portal")));
    assert.ok(up.created.includes(urn("pulumi-nodejs:dynamic/snyk:AppInstall", "broker-group")));
    assert.ok(appsOfStack().some((a) => a.name === "Developer portal (staging)"));
  });

  it("the state file never holds the token, and holds secrets only encrypted", async () => {
    await deployed(stagingOrgRead);
    const text = fs.readFileSync(path.join(dir!, "state.json"), "utf8");
    assert.ok(!text.includes(emulator.token));
    const secrets = [...appsOfStack(), ...emulator.admin.listInstalls()].flatMap((x) => emulator.admin.activeSecrets(x.id));
    assert.ok(secrets.length >= 4);
    for (const secret of secrets) assert.ok(!text.includes(secret), "a client secret is in the state file in plain text");
    const state = JSON.parse(text);
    const sealed: string[] = [];
    for (const resource of state.resources) {
      for (const [key, value] of Object.entries(resource.outputs ?? {})) {
        if (value !== null && typeof value === "object" && "4dabf18193072939515e22adb298388d" in (value as object)) sealed.push(key);
      }
    }
    assert.ok(sealed.length >= 5, `secret outputs are sealed (${sealed.join(", ")})`);
    for (const key of sealed) assert.ok(["clientSecret", "secret", "previousSecret"].includes(key), `${key} is sealed but is not a secret output`);
  });

  it("destroy leaves the emulator as it was seeded", async () => {
    await deployed(stagingOrgRead);
    const destroyed = await harness().destroy();
    assert.deepEqual(destroyed.failures, []);
    assert.equal(appsOfStack().length, 0);
    assert.equal(installsOfStack().length, 0);
  });
});
