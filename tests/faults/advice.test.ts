/**
 * Tests bench/faults/advice.ts against the providers' own errors as they leave the provider host
 * (message and trailer): the lost-answer error (provider/ambiguous.ts), the refused duplicate app
 * and the refused secret (from the providers running against the emulator on 127.0.0.1).
 */
import { strict as assert } from "assert";
import { startEmulator, RunningEmulator } from "../../emulator";
import { SnykClient, SnykConnectionError, withErrorTrailer } from "../../provider/client";
import { ambiguousCreateError } from "../../provider/ambiguous";
import { AppOperations } from "../../provider/app";
import { AppSecretOperations } from "../../provider/app-secret";
import { adoptIdIn, adviceIn, advisedInputs, describeAdvice, isNewAdvice } from "../../bench/faults/advice";

const ID = "3f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return withErrorTrailer(error as Error).message;
  }
  throw new Error("expected a rejection");
}

describe("advice", () => {
  let emulator: RunningEmulator;
  let client: SnykClient;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    client = new SnykClient({ token: emulator.token, apiUrl: emulator.url, retry: { baseDelayMs: 1 } });
  });
  after(() => emulator.close());

  it("reads adoptId and resetSecretOnAdopt from a lost create answer that found a match", () => {
    const message = withErrorTrailer(ambiguousCreateError('app "x"', new SnykConnectionError({ method: "POST", path: "/p", cause: { message: "socket hang up" } } as ConstructorParameters<typeof SnykConnectionError>[0]), [ID])).message;
    assert.deepEqual(adviceIn(message), { adoptId: ID, resetSecretOnAdopt: true });
    assert.equal(describeAdvice(adviceIn(message)), "adopt it (resetSecretOnAdopt)");
  });

  it("reads only 'run again' from a lost create answer with no match yet", () => {
    const message = withErrorTrailer(ambiguousCreateError('app "x"', new Error("timed out"), [])).message;
    assert.deepEqual(adviceIn(message), { runAgain: true });
    assert.deepEqual(advisedInputs(adviceIn(message)), {});
    assert.equal(describeAdvice(adviceIn(message)), "run again");
  });

  it("reads the app a refused duplicate names", async () => {
    const ops = new AppOperations(() => client);
    const inputs = { orgId: emulator.orgId, name: "Twice", redirectUris: ["https://a.example/cb"], scopes: ["org.read"], context: "tenant" as const };
    const first = await ops.create(inputs);
    const advice = adviceIn(await messageOf(ops.create(inputs)));
    assert.deepEqual(advice, { adoptId: first.id, resetSecretOnAdopt: true });
    assert.deepEqual(advisedInputs(advice), { adoptId: first.id, resetSecretOnAdopt: true });
  });

  it("reads recoverWithReplace from a refused secret", async () => {
    const app = emulator.admin.createClientCredentialsApp({ name: "Full" });
    const ops = new AppSecretOperations(() => client);
    const target = { orgId: emulator.orgId, appId: app.appId, rotationTriggers: { window: "1" } };
    await ops.create(target); // the second live secret, unknown to the next resource
    const advice = adviceIn(await messageOf(ops.create(target)));
    assert.equal(advice.recoverWithReplace, true);
    assert.equal(advice.adoptId, undefined);
    assert.deepEqual(advisedInputs(advice), { recoverWithReplace: true });
  });

  it("finds nothing in an error that advises nothing, and never reads the wording", () => {
    assert.deepEqual(adviceIn("Snyk API 500 Internal Server Error on PATCH /orgs/x"), {});
    assert.deepEqual(adviceIn(`set adoptId: "${ID}" with resetSecretOnAdopt: true`), {}, "advice in words only is not data");
    assert.equal(adoptIdIn(undefined), undefined);
  });

  it("tells new advice from advice already followed", () => {
    const advice = { adoptId: ID, resetSecretOnAdopt: true };
    assert.equal(isNewAdvice(advice, undefined), true);
    assert.equal(isNewAdvice(advice, { adoptId: ID }), true);
    assert.equal(isNewAdvice(advice, { adoptId: ID, resetSecretOnAdopt: true }), false);
    assert.equal(isNewAdvice({}, undefined), false);
  });
});
