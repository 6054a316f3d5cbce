import { strict as assert } from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { SnykClient } from "../../provider/client";
import { CredentialVerificationError, waitUntilCredentialsWork } from "../../provider/verify-credentials";
import { ManualClock } from "./client/support/manual-clock";
import { until } from "./client/support/test-server";

describe("verify-credentials: waiting for a new secret, on the client's clock", () => {
  let emulator: RunningEmulator;
  before(async () => { emulator = await startEmulator(); });
  after(async () => { await emulator.close(); });
  afterEach(() => emulator.admin.setSecretActivationDelay(0));
  const tokenExchanges = () => emulator.admin.requestLog.filter((r) => r.path === "/oauth2/token");

  it("tries again after each refusal, waiting 250 ms then doubling, until Snyk accepts the secret", async () => {
    emulator.admin.setSecretActivationDelay(3_600_000);
    const app = emulator.admin.createClientCredentialsApp({ name: "pending" });
    const clock = new ManualClock();
    const client = new SnykClient({ token: emulator.token, apiUrl: emulator.url, clock });
    emulator.admin.clearLog();
    const waiting = waitUntilCredentialsWork(client, app.clientId, app.clientSecret);
    await until(() => clock.pending === 1);
    clock.advance(250);
    await until(() => clock.pending === 1 && tokenExchanges().length === 2);
    emulator.admin.activatePendingSecrets();
    clock.advance(500);
    assert.equal(await waiting, 3);
    assert.deepEqual(clock.sleeps, [250, 500]);
    assert.deepEqual(tokenExchanges().map((r) => r.status), [401, 401, 200]);
  });

  it("gives up with CredentialVerificationError when the bound passes, never sending the secret in it", async () => {
    emulator.admin.setSecretActivationDelay(3_600_000);
    const app = emulator.admin.createClientCredentialsApp({ name: "never" });
    const clock = new ManualClock({ autoAdvance: true });
    const client = new SnykClient({ token: emulator.token, apiUrl: emulator.url, clock });
    const error = await waitUntilCredentialsWork(client, app.clientId, app.clientSecret, { timeoutMs: 2000 }).catch((e) => e);
    assert.ok(error instanceof CredentialVerificationError);
    assert.equal(error.attempts, 5, "tries at 0, 250, 750, 1750 ms and at the 2 s bound itself");
    assert.deepEqual(clock.sleeps, [250, 500, 1000, 250]);
    assert.ok(!String(error.message).includes(app.clientSecret));
  });
});
