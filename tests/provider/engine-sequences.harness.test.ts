/**
 * Each defect of issue 9 replayed as the real CLI would run it, through the engine-faithful
 * program harness (one provider host per operation, replacements deleted at the end, refresh
 * decided by Diff, recorded config for refresh and destroy, init failures resumed by Update,
 * previews with unknown outputs), against the emulator and the public SDK classes.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ProgramHarness } from "../../harness/program-harness";
import { SnykApp, SnykAppSecret, SnykAppInstall } from "../../sdk";
import { SnykClient } from "../../provider/client";
import { manageSecret } from "../../provider/secret-target";

const root = path.resolve(__dirname, "..", "..", "..");
const PROJECT = "snyk-apps-tests";
const TYPE = { app: "pulumi-nodejs:dynamic/snyk:App", secret: "pulumi-nodejs:dynamic/snyk:AppSecret", install: "pulumi-nodejs:dynamic/snyk:AppInstall" };
const urn = (type: keyof typeof TYPE, name: string) => `urn:pulumi:dev::${PROJECT}::${TYPE[type]}::${name}`;

describe("engine sequences through the program harness", function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let dir: string;
  let statePath: string;
  let counter = 0;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-sequences-"));
    statePath = path.join(dir, "state.json");
    emulator = await startEmulator({ port: 0, statePath: path.join(dir, "emulator.json") });
  });
  afterEach(async () => {
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const harness = (options: { token?: string; env?: NodeJS.ProcessEnv } = {}) =>
    new ProgramHarness({
      statePath,
      project: PROJECT,
      stack: "dev",
      cwd: root,
      config: { "snyk:token": options.token ?? emulator.token, "snyk:apiUrl": emulator.url, "snyk:verifyTimeoutMs": "2000" },
      secretConfigKeys: ["snyk:token"],
      env: { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "", ...options.env },
    });
  const appArgs = (name = `Sequence ${++counter}`) => ({ orgId: emulator.orgId, name, redirectUris: ["https://seq.example/cb"], scopes: ["org.read"] });
  const appExists = (id: string) => emulator.admin.listApps(emulator.orgId).some((a) => a.id === id);
  const idOf = (h: ProgramHarness, u: string) => h.state().resources.find((r) => r.urn === u)!.id;
  const outputsOf = (h: ProgramHarness, u: string) => h.state().resources.find((r) => r.urn === u)!.outputs;
  const credentialsWork = async (clientId: string, secret: string) => {
    try {
      await new SnykClient({ token: emulator.token, apiUrl: emulator.url }).oauth("/token", { grant_type: "client_credentials", client_id: clientId, client_secret: secret });
      return true;
    } catch {
      return false;
    }
  };

  it("1. rename without aliases: the failure advises aliases first; following its adoptId advice, the old URN's deletion keeps the app; --replace keeps it too", async () => {
    const args = appArgs();
    const h = harness();
    assert.deepEqual((await h.up(() => void new SnykApp("before", args))).failures, []);
    const appId = idOf(h, urn("app", "before"));

    const renamed = await h.up(() => void new SnykApp("after", args));
    const message = renamed.failures.map((x) => x.message).join("\n");
    assert.ok(message.indexOf("aliases") >= 0 && message.indexOf("aliases") < message.indexOf("adoptId"), message);
    assert.match(message, /--clear-pending-creates/);
    const adoptId = /adoptId: "([0-9a-f-]+)"/.exec(message)![1];
    assert.equal(adoptId, appId);

    const followed = await h.up(() => void new SnykApp("after", { ...args, adoptId }));
    assert.deepEqual(followed.failures, []);
    assert.deepEqual(followed.deleted, [urn("app", "before")]);
    assert.ok(appExists(appId), "the app the stack manages survives the deletion of the old URN");

    const replaced = await h.up(() => void new SnykApp("after", { ...args, adoptId }), { replace: [urn("app", "after")] });
    assert.deepEqual(replaced.failures, []);
    assert.deepEqual(replaced.replaced, [urn("app", "after")]);
    assert.ok(appExists(appId), "pulumi up --replace of the adopted app keeps it");

    const removed = await h.up(() => undefined, { refresh: true });
    assert.deepEqual(removed.failures, []);
    assert.deepEqual(removed.deleted, [urn("app", "after")]);
    assert.ok(!appExists(appId), "removed from the program (pulumi up --refresh), the adopted app is deleted: nothing orphaned");
  });

  it("2. a SnykAppSecret replaced for the same app: a replacementTrigger mints without recoverWithReplace; --replace follows its advice; the secret in state works", async () => {
    const h = harness();
    const program = (trigger: string, rotation = "1", recoverWithReplace?: boolean) => () => {
      const app = new SnykApp("app", appArgs("Secret target"));
      new SnykAppSecret("secret", { app, recoverWithReplace, rotationTriggers: { rotation } }, { replacementTrigger: trigger });
    };
    assert.deepEqual((await h.up(program("1"))).failures, []);
    const clientId = String(outputsOf(h, urn("app", "app")).clientId);
    const appId = idOf(h, urn("app", "app"));
    const live = () => emulator.admin.activeSecrets(appId).includes(String(outputsOf(h, urn("secret", "secret")).secret));

    const triggered = await h.up(program("2"));
    assert.deepEqual(triggered.failures, []);
    assert.deepEqual(triggered.replaced, [urn("secret", "secret")]);
    assert.ok(live(), "after a replacementTrigger the secret recorded in state is live");

    // A rotation: Snyk holds 2 live secrets again, both known to the resource.
    assert.deepEqual((await h.up(program("2", "2"))).failures, []);
    assert.equal(emulator.admin.activeSecrets(appId).length, 2);
    // --replace: Pulumi checks the new resource without the old inputs and asks no Diff, so the
    // provider cannot tell it from a rename or a hand-made secret; the refusal says what to do.
    const forced = await h.up(program("2", "2"), { replace: [urn("secret", "secret")] });
    assert.match(forced.failures.map((x) => x.message).join("\n"), /--replace.*recoverWithReplace: true/s);
    const followed = await h.up(program("2", "2", true), { replace: [urn("secret", "secret")] });
    assert.deepEqual(followed.failures, []);
    assert.ok(live(), "after --replace the secret recorded in state is live: the old resource's deletion spared it");
    void clientId;
  });

  it("3. after a token change, refresh and destroy (recorded config) are rescued by SNYK_TOKEN; without it the 401 says why", async () => {
    const port = Number(new URL(emulator.url).port);
    assert.deepEqual((await harness().up(() => void new SnykApp("app", appArgs()))).failures, []);
    const appId = idOf(harness(), urn("app", "app"));
    // The old token is revoked and a new one issued; the stack config gets the new one.
    await emulator.close();
    const NEW = "rotated-token-000000000000000000000000";
    emulator = await startEmulator({ port, token: NEW, statePath: path.join(dir, "emulator.json") });

    const plain = await harness({ token: NEW }).refresh();
    assert.equal(plain.failures.length, 1);
    assert.match(plain.failures[0].message, /401/);
    assert.match(plain.failures[0].message, /recorded at the last `pulumi up`/);

    const rescued = harness({ token: NEW, env: { SNYK_TOKEN: NEW } });
    assert.deepEqual((await rescued.refresh({ expectNoChanges: true })).failures, []);
    assert.deepEqual((await rescued.destroy()).failures, []);
    assert.ok(!appExists(appId));
  });

  it("4. init failures are finished by the next up: a failed verification, and an adoption whose secret reset failed", async () => {
    const cc = emulator.admin.createClientCredentialsApp({ name: "verify-later" });
    const made = emulator.admin.createClientCredentialsApp({ name: "install-me" });
    const h = harness();
    const install = await h.up(() => void new SnykAppInstall("made", { appId: made.appId, orgId: emulator.orgId }));
    assert.deepEqual(install.failures, []);
    const installId = idOf(h, urn("install", "made"));
    const program = () => {
      new SnykAppSecret("verified", { orgId: emulator.orgId, appId: cc.appId, clientId: cc.clientId, currentSecret: cc.clientSecret, verifyCredentials: true });
      new SnykAppInstall("made", { appId: made.appId, orgId: emulator.orgId, adoptId: installId, resetSecretOnAdopt: true }, { aliases: [] });
    };
    // The adoption is a new declaration of the same URN: drop it from state first, as a user would with `pulumi state delete`.
    const state = JSON.parse(fs.readFileSync(statePath, "utf8"));
    state.resources = state.resources.filter((r: { urn: string }) => r.urn !== urn("install", "made"));
    fs.writeFileSync(statePath, JSON.stringify(state));
    emulator.admin.injectFault({ method: "POST", path: "/oauth2/token", status: 400, times: 1 });
    emulator.admin.injectFault({ method: "POST", path: `/orgs/${emulator.orgId}/apps/installs/${installId}/secrets`, status: 500, times: 1 });
    const failed = await h.up(program, { continueOnError: true });
    assert.equal(failed.failures.length, 2, JSON.stringify(failed.failures));

    const next = await h.up(program);
    assert.deepEqual(next.failures, []);
    assert.equal(outputsOf(h, urn("secret", "verified")).secretStatus, "valid");
    const adopted = outputsOf(h, urn("install", "made"));
    assert.ok(await credentialsWork(String(adopted.clientId), String(adopted.clientSecret)), "the reset secret is in state and works");
    assert.ok(h.state().resources.every((r) => r.outputs.__provider !== undefined));
  });

  it("5. replaceOnChanges replaces a SnykApp when a listed property changes", async () => {
    const h = harness();
    const args = appArgs();
    const program = (name: string) => () => void new SnykApp("app", { ...args, name }, { replaceOnChanges: ["name"] });
    assert.deepEqual((await h.up(program(args.name))).failures, []);
    const first = idOf(h, urn("app", "app"));
    const preview = await h.up(program(`${args.name} renamed`), { preview: true });
    assert.deepEqual(preview.replaced, [urn("app", "app")]);
    const up = await h.up(program(`${args.name} renamed`));
    assert.deepEqual(up.failures, []);
    assert.deepEqual(up.replaced, [urn("app", "app")]);
    assert.notEqual(idOf(h, urn("app", "app")), first);
    assert.ok(!appExists(first));
  });

  it("6. refresh --expect-no-changes fails when a verified install secret was revoked", async () => {
    const cc = emulator.admin.createClientCredentialsApp({ name: "drifting" });
    const h = harness();
    assert.deepEqual((await h.up(() => void new SnykAppInstall("install", { appId: cc.appId, orgId: emulator.orgId, verifyCredentials: true }))).failures, []);
    assert.deepEqual((await h.refresh({ expectNoChanges: true })).failures, [], "a refresh right after up finds nothing");
    const installId = idOf(h, urn("install", "install"));
    await manageSecret(new SnykClient({ token: emulator.token, apiUrl: emulator.url }), { orgId: emulator.orgId, installId }, "replace");
    const refresh = await h.refresh({ expectNoChanges: true, previewOnly: true });
    assert.deepEqual(refresh.changes.map((c) => c.change), ["updated"]);
    assert.ok(refresh.failures.length > 0, "--expect-no-changes fails");
  });

  it("7. preview: a secret whose app is replaced previews as replaced; one whose app is only updated previews as unchanged", async () => {
    const h = harness();
    const args = appArgs();
    const program = (changes: Partial<typeof args>) => () => {
      const app = new SnykApp("app", { ...args, ...changes });
      new SnykAppSecret("secret", { app });
    };
    assert.deepEqual((await h.up(program({}))).failures, []);
    const renamed = await h.up(program({ name: `${args.name} v2` }), { preview: true });
    assert.deepEqual(renamed.updated, [urn("app", "app")]);
    assert.deepEqual(renamed.same, [urn("secret", "secret")]);
    const rescoped = await h.up(program({ scopes: ["org.read", "org.project.read"] }), { preview: true });
    assert.deepEqual(rescoped.replaced.sort(), [urn("app", "app"), urn("secret", "secret")].sort());
  });

  it("11. the import option is refused at construction, pointing to adoptId", async () => {
    const up = await harness().up(() => void new SnykApp("imported", appArgs(), { import: "5e1f0c5a-0000-4000-8000-00000000abcd" }));
    assert.match(up.failures.map((x) => x.message).join("\n"), /`import`.*adoptId/s);
    assert.equal(up.created.length, 0);
  });
});

void pulumi;
