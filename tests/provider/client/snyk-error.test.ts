import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import {
  errorTrailer, readErrorTrailer, SnykConfigurationError, SnykError, SnykNotFoundError, withErrorTrailer,
} from "../../../provider/client";
import { ambiguousCreateError, AmbiguousCreateError } from "../../../provider/ambiguous";
import { ResourceInitFailedError } from "../../../provider/init-failed";
import { SecretLimitError } from "../../../provider/app-secret";
import { CredentialVerificationError } from "../../../provider/verify-credentials";
import { ProviderConfigurationError } from "../../../provider/settings";
import { ProviderError } from "../../../provider/provider-error";
import { ArgumentError, LookupArgumentError, OAuthArgumentError } from "../../../sdk";

const ID = "3f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const root = path.resolve(__dirname, "..", "..", "..", "..");

describe("snyk-error: one tree, with codes, causes and advice as data", () => {
  it("gives every error class of the package a stable code under SnykError", () => {
    const notFound = new SnykNotFoundError({ status: 404, method: "GET", path: "/x", errors: [] });
    const cases: Array<[SnykError, string]> = [
      [new SnykError("x"), "SNYK_ERROR"],
      [notFound, "SNYK_NOT_FOUND"],
      [new SnykConfigurationError("x"), "CONFIG_INVALID"],
      [new ProviderConfigurationError("x", { code: "CONFIG_MISSING_TOKEN" }), "CONFIG_MISSING_TOKEN"],
      [new CredentialVerificationError("c", 3, "no"), "CREDENTIALS_NOT_ACCEPTED"],
      [new SecretLimitError("full", notFound), "SECRET_LIMIT_REACHED"],
      [new ResourceInitFailedError(ID, {}, notFound), "RESOURCE_INIT_FAILED"],
      [ambiguousCreateError("app", notFound, []), "CREATE_OUTCOME_UNKNOWN"],
      [new ProviderError("ADOPT_NOT_FOUND", "x"), "ADOPT_NOT_FOUND"],
      [new LookupArgumentError("orgId", "x"), "INVALID_ARGUMENT"],
      [new OAuthArgumentError("redirectUri", "x"), "INVALID_ARGUMENT"],
    ];
    for (const [error, code] of cases) {
      assert.ok(error instanceof SnykError && error instanceof Error, error.name);
      assert.equal(error.code, code, error.name);
      assert.equal(error.name, error.constructor.name);
    }
    assert.ok(new LookupArgumentError("orgId", "x") instanceof ArgumentError);
  });

  it("keeps the wrapped error as cause, and the advice as data", () => {
    const lost = new SnykError("socket hang up");
    const ambiguous = ambiguousCreateError('app "x"', lost, [ID]);
    assert.ok(ambiguous instanceof AmbiguousCreateError);
    assert.equal(ambiguous.cause, lost);
    assert.deepEqual(ambiguous.advice, { adoptId: ID, resetSecretOnAdopt: true });
    assert.deepEqual(ambiguous.candidates, [ID]);
    assert.deepEqual(ambiguousCreateError("app", lost, []).advice, { runAgain: true });
    assert.equal(ambiguousCreateError("app", lost, undefined).advice, undefined, "no search: no advice to follow");

    const limit = new SecretLimitError("full", lost);
    const failed = new ResourceInitFailedError(ID, { a: 1 }, limit);
    assert.equal(failed.cause, limit);
    assert.deepEqual(failed.advice, { recoverWithReplace: true, runAgain: true }, "the cause's advice, and run again");
  });

  it("writes code and advice into a trailer that readErrorTrailer reads back, once", () => {
    const error = withErrorTrailer(new ProviderError("APP_MATCH_EXISTS", "An app matching ...", { advice: { adoptId: ID, resetSecretOnAdopt: true } }));
    assert.ok(error.message.startsWith("An app matching ...\n[pulumi-snyk-apps "));
    assert.ok(error.message.endsWith(errorTrailer(error)));
    assert.deepEqual(readErrorTrailer(error.message), { code: "APP_MATCH_EXISTS", advice: { adoptId: ID, resetSecretOnAdopt: true } });
    assert.equal(withErrorTrailer(error).message, error.message, "not appended twice");
    assert.deepEqual(readErrorTrailer(withErrorTrailer(new SnykError("plain")).message), { code: "SNYK_ERROR", advice: {} });
    assert.equal(readErrorTrailer("no trailer here"), undefined);
    assert.equal(readErrorTrailer("[pulumi-snyk-apps {broken]"), undefined);
    const foreign = new Error("not ours");
    assert.equal(withErrorTrailer(foreign).message, "not ours");
  });

  it("no product file but the root's throws a plain Error or TypeError, or extends one", () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith(".ts") && !file.endsWith(path.join("client", "snyk-error.ts")) && /new (Type)?Error\(|extends (Type)?Error\b/.test(fs.readFileSync(file, "utf8"))) offenders.push(path.relative(root, file));
      }
    };
    walk(path.join(root, "provider"));
    walk(path.join(root, "sdk"));
    assert.deepEqual(offenders, [], "throw a SnykError subclass with a code instead");
  });
});
