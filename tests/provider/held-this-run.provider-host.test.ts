/**
 * Renames without aliases, `pulumi up --replace` and replacementTriggers, replayed through Pulumi's
 * provider host in the order the engine sends them: the new URN is checked and created first, and
 * the old URN is deleted at the end of the run, by its old id, in the same host process (one host
 * process per `pulumi` command). Nothing the stack still manages may be deleted.
 */
import { strict as assert } from "assert";
import { startHostFixture, HostFixture, TYPES } from "../../harness/host-fixture";
import { ProviderHost, ProviderHostError, PropertyMap } from "../../harness/provider-host";

describe("provider/held-this-run through Pulumi's provider host", function () {
  this.timeout(120_000);
  let f: HostFixture;
  let counter = 0;

  before(async () => {
    f = await startHostFixture();
  });
  after(async () => f?.stop());

  const appInputs = () => ({
    orgId: f.emulator.orgId,
    name: `Held ${++counter}`,
    redirectUris: ["https://held.example/cb"],
    scopes: ["org.read"],
    context: "tenant",
  });
  const appExists = (id: string) => f.emulator.admin.listApps(f.emulator.orgId).some((a) => a.id === id);
  const installExists = (id: string) => f.emulator.admin.listInstalls().some((i: { id: string }) => i.id === id);

  const hosts: ProviderHost[] = [];
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.stop();
  });
  /** A new `pulumi` command: its own provider host process. */
  const command = async () => {
    const host = await f.newHost();
    hosts.push(host);
    return host;
  };
  /** Check then Create of a new URN, in that host. */
  async function createIn(host: ProviderHost, kind: keyof typeof TYPES, name: string, inputs: PropertyMap) {
    const checked = await host.check(f.urn(kind, name), {}, f.withProvider(kind, inputs));
    assert.deepEqual(checked.failures, []);
    return { ...(await host.create(f.urn(kind, name), checked.inputs)), inputs: checked.inputs };
  }
  /** `pulumi up --replace` (or a replacementTrigger): Check with the old inputs, Check news only, Create; Delete of the old at the end. */
  async function replaceIn(host: ProviderHost, kind: keyof typeof TYPES, name: string, old: { id: string; inputs: PropertyMap; properties: PropertyMap }, inputs: PropertyMap) {
    await host.check(f.urn(kind, name), old.inputs, f.withProvider(kind, inputs));
    const created = await createIn(host, kind, name, inputs);
    await host.delete(old.id, f.urn(kind, name), old.properties);
    return created;
  }

  describe("SnykApp", () => {
    it("rename without aliases: the refusal names aliases first, and following its adoptId advice deletes nothing", async () => {
      const declared = appInputs();
      const first = await createIn(await command(), "app", "before-rename", declared);
      const rename = await command();
      let message = "";
      await assert.rejects(createIn(rename, "app", "after-rename", declared), (error: ProviderHostError) => ((message = error.details), true));
      assert.ok(message.indexOf("aliases") >= 0 && message.indexOf("aliases") < message.indexOf("adoptId"), message);
      assert.match(message, new RegExp(`adoptId: "${first.id}"`));
      assert.match(message, /pulumi refresh --clear-pending-creates/);

      const following = await command();
      const adopted = await createIn(following, "app", "after-rename", { ...declared, adoptId: first.id });
      assert.equal(adopted.id, first.id);
      await following.delete(first.id, f.urn("app", "before-rename"), first.properties);
      assert.ok(appExists(first.id), "the app the stack still manages survives the old URN's Delete");

      await (await command()).delete(adopted.id, f.urn("app", "after-rename"), adopted.properties);
      assert.ok(!appExists(first.id), "destroy still deletes it");
    });

    it("a run killed between the adoption and the old URN's Delete: the next run's Diff keeps the app", async () => {
      const declared = appInputs();
      const first = await createIn(await command(), "app", "killed-old", declared);
      const adopted = await createIn(await command(), "app", "killed-new", { ...declared, adoptId: first.id });
      const next = await command();
      const checked = await next.check(f.urn("app", "killed-new"), adopted.inputs, f.withProvider("app", { ...declared, adoptId: first.id }));
      assert.equal((await next.diff(adopted.id, f.urn("app", "killed-new"), adopted.properties, checked.inputs)).changes, "none");
      await next.delete(first.id, f.urn("app", "killed-old"), first.properties);
      assert.ok(appExists(first.id));
    });

    it("pulumi up --replace of an adopted app keeps it", async () => {
      const declared = appInputs();
      const made = await createIn(await command(), "app", "made-by-hand", declared);
      const adopted = await createIn(await command(), "app", "adopter", { ...declared, adoptId: made.id });
      const replaced = await replaceIn(await command(), "app", "adopter", adopted, { ...declared, adoptId: made.id });
      assert.equal(replaced.id, made.id);
      assert.ok(appExists(made.id));
    });

    it("an adopting resource removed from the program is still deleted, even after a refresh's Read and Diff in the same process (up --refresh)", async () => {
      const declared = appInputs();
      const made = await createIn(await command(), "app", "made", declared);
      const adopted = await createIn(await command(), "app", "adopting", { ...declared, adoptId: made.id });
      const run = await command();
      const read = await run.read(adopted.id, f.urn("app", "adopting"), adopted.properties);
      await run.diff(adopted.id, f.urn("app", "adopting"), read.properties, read.inputs ?? adopted.inputs);
      await run.delete(adopted.id, f.urn("app", "adopting"), read.properties);
      assert.ok(!appExists(made.id), "nothing orphaned");
    });

    it("a replace-forcing change still deletes the old app", async () => {
      const declared = appInputs();
      const first = await createIn(await command(), "app", "scoped", declared);
      const host = await command();
      const changed = { ...declared, scopes: ["org.read", "org.project.read"] };
      const checked = await host.check(f.urn("app", "scoped"), first.inputs, f.withProvider("app", changed));
      assert.deepEqual((await host.diff(first.id, f.urn("app", "scoped"), first.properties, checked.inputs)).replaces, ["scopes"]);
      const replacement = await createIn(host, "app", "scoped", changed);
      await host.delete(first.id, f.urn("app", "scoped"), first.properties);
      assert.ok(appExists(replacement.id));
      assert.ok(!appExists(first.id), "no orphan");
    });
  });

  describe("SnykAppInstall", () => {
    it("rename without aliases: the refusal names aliases first, and following its adoptId advice deletes nothing", async () => {
      const app = f.emulator.admin.createClientCredentialsApp({ name: "held-install-app" });
      const declared = { appId: app.appId, orgId: f.emulator.orgId };
      const first = await createIn(await command(), "install", "old-name", declared);
      let message = "";
      await assert.rejects(createIn(await command(), "install", "new-name", declared), (error: ProviderHostError) => ((message = error.details), true));
      assert.ok(message.indexOf("aliases") >= 0 && message.indexOf("aliases") < message.indexOf("adoptId"), message);
      assert.match(message, new RegExp(`adoptId: "${first.id}"`));

      const following = await command();
      const adopted = await createIn(following, "install", "new-name", { ...declared, adoptId: first.id });
      await following.delete(first.id, f.urn("install", "old-name"), first.properties);
      assert.ok(installExists(first.id), "the install the stack still manages survives");

      const replaced = await replaceIn(await command(), "install", "new-name", adopted, { ...declared, adoptId: first.id });
      assert.equal(replaced.id, first.id);
      assert.ok(installExists(first.id), "pulumi up --replace keeps it too");
    });
  });

  describe("SnykAppSecret", () => {
    async function appWithSecret(name: string) {
      const app = f.emulator.admin.createClientCredentialsApp({ name });
      const inputs = { orgId: f.emulator.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret, rotationTriggers: { r: "1" } };
      const first = await createIn(await command(), "secret", name, inputs);
      return { app, inputs, first };
    }

    it("a replacementTrigger (Check with the old inputs) mints without recoverWithReplace, and the old Delete spares the new secret", async () => {
      const { app, inputs, first } = await appWithSecret("replaced-secret");
      const replaced = await replaceIn(await command(), "secret", "replaced-secret", first, inputs);
      const secret = String(replaced.properties.secret);
      assert.ok(await f.credentialsWork(app.clientId, secret), "the secret recorded in state works after the run");
      assert.ok(f.emulator.admin.activeSecrets(app.appId).includes(secret));
      assert.ok(!(await f.credentialsWork(app.clientId, String(first.properties.secret))), "the old resource's secret is revoked");
    });

    it("pulumi up --replace (Check without olds): the refusal says to run it with recoverWithReplace, and doing so keeps the new secret", async () => {
      const { app, inputs, first } = await appWithSecret("forced-secret");
      let message = "";
      await assert.rejects(createIn(await command(), "secret", "forced-secret", inputs), (error: ProviderHostError) => ((message = error.details), true));
      assert.match(message, /--replace.*recoverWithReplace: true/s);
      const run = await command();
      const replaced = await createIn(run, "secret", "forced-secret", { ...inputs, recoverWithReplace: true });
      await run.delete(first.id, f.urn("secret", "forced-secret"), first.properties);
      assert.ok(await f.credentialsWork(app.clientId, String(replaced.properties.secret)), "the secret recorded in state works");
    });

    it("rename without aliases: the refusal names aliases first; with recoverWithReplace the old name's Delete spares the new secret", async () => {
      const { app, inputs, first } = await appWithSecret("renamed-secret");
      let message = "";
      await assert.rejects(createIn(await command(), "secret", "renamed-secret-2", inputs), (error: ProviderHostError) => ((message = error.details), true));
      assert.ok(message.indexOf("aliases") >= 0 && message.indexOf("aliases") < message.indexOf("recoverWithReplace"), message);

      const run = await command();
      const renamed = await createIn(run, "secret", "renamed-secret-2", { ...inputs, recoverWithReplace: true });
      await run.delete(first.id, f.urn("secret", "renamed-secret"), first.properties);
      assert.ok(await f.credentialsWork(app.clientId, String(renamed.properties.secret)), "the secret recorded in state works");
    });

    it("destroy still replaces every secret of the target", async () => {
      const { app, first } = await appWithSecret("destroyed-secret");
      await (await command()).delete(first.id, f.urn("secret", "destroyed-secret"), first.properties);
      assert.ok(!(await f.credentialsWork(app.clientId, String(first.properties.secret))));
      assert.ok(!(await f.credentialsWork(app.clientId, String(first.properties.previousSecret))));
    });
  });
});
