import { strict as assert } from "assert";
import { resolveSettings, ProviderConfigurationError, MISSING_TOKEN_MESSAGE } from "../../provider/settings";
import { clientFor } from "../../provider/shared-client";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("provider/settings", () => {
  it("reads every snyk: key from stack config", () => {
    const settings = resolveSettings(
      config({
        "snyk:token": "t",
        "snyk:authScheme": "bearer",
        "snyk:apiUrl": "http://127.0.0.1:1",
        "snyk:region": "SNYK-EU-01",
        "snyk:apiVersion": "2024-10-15",
        "snyk:maxConcurrency": "4",
        "snyk:requestsPerMinute": "100",
        "snyk:rateLimitWindowMs": "2000",
        "snyk:timeoutMs": "500",
        "snyk:verifyTimeoutMs": "900",
      }),
      {},
    );
    assert.deepEqual(settings, {
      token: "t",
      authScheme: "bearer",
      apiUrl: "http://127.0.0.1:1",
      region: "SNYK-EU-01",
      apiVersion: "2024-10-15",
      maxConcurrency: 4,
      requestsPerMinute: 100,
      rateLimitWindowMs: 2000,
      timeoutMs: 500,
      verifyTimeoutMs: 900,
    });
  });

  it("falls back to the environment, and stack config wins over it", () => {
    const env = { SNYK_TOKEN: "from-env", SNYK_API_URL: "http://env.example" };
    assert.equal(resolveSettings(config({}), env).token, "from-env");
    assert.equal(resolveSettings(config({}), env).apiUrl, "http://env.example");
    assert.equal(resolveSettings(config({ "snyk:token": "from-config" }), env).token, "from-config");
  });

  it("treats blank values as unset and defaults to token auth", () => {
    const settings = resolveSettings(config({ "snyk:token": "  " }), { SNYK_TOKEN: "" });
    assert.equal(settings.token, undefined);
    assert.equal(settings.authScheme, "token");
  });

  it("rejects an unknown auth scheme and non-positive numbers, naming the key", () => {
    assert.throws(() => resolveSettings(config({ "snyk:authScheme": "basic" }), {}), /snyk:authScheme must be "token".*"bearer"/);
    assert.throws(() => resolveSettings(config({ "snyk:maxConcurrency": "0" }), {}), /snyk:maxConcurrency must be a positive number/);
    assert.throws(() => resolveSettings(config({ "snyk:timeoutMs": "soon" }), {}), /snyk:timeoutMs must be a positive number/);
  });
});

describe("provider/shared-client clientFor", () => {
  it("refuses to build a client without a token, naming both ways to set one", () => {
    assert.throws(() => clientFor(resolveSettings(config({ "snyk:region": "SNYK-EU-01" }), {})), (error: Error) => error instanceof ProviderConfigurationError && error.message === MISSING_TOKEN_MESSAGE);
    assert.match(MISSING_TOKEN_MESSAGE, /snyk:token.*SNYK_TOKEN/s);
  });

  it("names the minimum Pulumi CLI when configure delivered no snyk:* config and no SNYK_TOKEN is set", () => {
    assert.throws(() => clientFor(resolveSettings(config({ "other:key": "x" }), {})), (error: Error) =>
      error instanceof ProviderConfigurationError && error.message.startsWith(MISSING_TOKEN_MESSAGE) && /older than 3\.139/.test(error.message));
    assert.throws(() => clientFor(resolveSettings(undefined, {})), (error: Error) => error.message === MISSING_TOKEN_MESSAGE, "no configure at all: the plain message");
  });

  it("shares one client per settings across resource kinds, so the caps hold for the whole deployment", () => {
    const a = resolveSettings(config({ "snyk:token": "t1", "snyk:apiUrl": "http://127.0.0.1:9" }), {});
    const b = resolveSettings(config({ "snyk:token": "t1", "snyk:apiUrl": "http://127.0.0.1:9" }), {});
    const other = resolveSettings(config({ "snyk:token": "t2", "snyk:apiUrl": "http://127.0.0.1:9" }), {});
    assert.equal(clientFor(a), clientFor(b));
    assert.notEqual(clientFor(a), clientFor(other));
  });
});
