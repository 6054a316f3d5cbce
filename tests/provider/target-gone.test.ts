/**
 * Rotating the secret of an app deleted by hand: the error says `pulumi refresh` (not "run
 * `pulumi up` again"), and following it, refresh then up, brings the stack back.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SnykApp, SnykAppSecret } from "../../sdk";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ProgramHarness } from "../../harness/program-harness";

describe("provider/target-gone: a secret whose app was deleted by hand", function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let dir: string;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "target-gone-"));
  });
  after(async () => {
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const program = (trigger: number) => () => {
    const app = new SnykApp("app", { orgId: emulator.orgId, name: "Deleted by hand", redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });
    const secret = new SnykAppSecret("secret", { app, rotationTriggers: { n: trigger } });
    return { appId: app.appId, secret: secret.secret };
  };

  it("fails the rotation saying to run `pulumi refresh`, and refresh then up recreates app and secret", async () => {
    const harness = new ProgramHarness({
      statePath: path.join(dir, "state.json"),
      project: "target-gone",
      stack: "dev",
      cwd: path.resolve(__dirname, "..", "..", ".."),
      config: { "snyk:token": emulator.token, "snyk:apiUrl": emulator.url },
      env: { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "" },
    });
    const first = await harness.up(program(1));
    assert.deepEqual(first.failures, []);
    const goneId = String(first.outputs.appId);
    emulator.admin.deleteApp(goneId);

    const rotation = await harness.up(program(2));
    assert.equal(rotation.failures.length, 1, JSON.stringify(rotation.failures));
    const message = rotation.failures[0].message;
    assert.match(message, new RegExp(`The app ${goneId} no longer exists in Snyk .*Run \`pulumi refresh\``));
    assert.doesNotMatch(message, /run `pulumi up` again to finish/);
    const again = await harness.up(program(2));
    assert.equal(again.failures.length, 1, "running up again does not help, as the message says");

    const refreshed = await harness.refresh();
    assert.deepEqual(refreshed.failures, []);
    assert.deepEqual(refreshed.changes.map((c) => c.change).sort(), ["deleted", "deleted"]);
    const fixed = await harness.up(program(2));
    assert.deepEqual(fixed.failures, []);
    assert.notEqual(fixed.outputs.appId, goneId);
    assert.ok(emulator.admin.listApps(emulator.orgId).some((a) => a.id === fixed.outputs.appId));
    assert.match(String(fixed.outputs.secret), /.+/);
  });
});
