/**
 * The inputs and outputs of a SnykAppSecret: their shape, the input schema with its rules across
 * properties, and the small mappings between them.
 */
import { specSchema } from "./spec";
import type { InputSchema } from "./validation/validate-inputs";
import type { CheckFailure } from "./validation/check-failure";
import { sameJson } from "./outputs";
import { REPLACE_ON_CHANGES_SCHEMA, ReplaceOnChangesInput } from "./replace-on-changes";
import type { SecretTarget } from "./secret-target";
import type { CredentialStatus } from "./verify-credentials";

/** The inputs of a SnykAppSecret, after `check`. */
export interface AppSecretInputs extends SecretTarget, ReplaceOnChangesInput {
  /** Any values; a change rotates the secret (like random's keepers). */
  rotationTriggers?: Record<string, unknown>;
  /** The secret the target holds already (e.g. the app's creation secret); used at create only. */
  currentSecret?: string;
  /** The client id of the app or install; needed to verify credentials. */
  clientId?: string;
  /** Exchange new secrets at /oauth2/token (client_credentials) before finishing. */
  verifyCredentials?: boolean;
  /**
   * When Snyk holds a live secret this resource does not know (so it refuses a new one), use
   * `replace`: every old secret stops working at once, including the one consumers use now.
   */
  recoverWithReplace?: boolean;
}

/** The outputs of a SnykAppSecret. */
export interface AppSecretOutputs extends Omit<AppSecretInputs, "currentSecret"> {
  /** The newest secret. */
  secret: string;
  /** The secret before it, still valid until the next rotation; absent when unknown. */
  previousSecret?: string;
  /** When `secret` was minted (ISO 8601). */
  mintedAt: string;
  /** With verifyCredentials: whether `secret` worked at the last create, rotation or refresh. */
  secretStatus?: CredentialStatus;
}

/** The input schema of a SnykAppSecret and its rules across properties. */
export function appSecretInputSchema(): InputSchema {
  const uuid = specSchema("Uuid");
  return {
    name: "SnykAppSecret",
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        __provider: { type: "string" },
        orgId: uuid,
        groupId: uuid,
        appId: uuid,
        installId: uuid,
        clientId: { type: "string", minLength: 1 },
        currentSecret: { type: "string", minLength: 1 },
        rotationTriggers: { type: "object" },
        verifyCredentials: { type: "boolean" },
        recoverWithReplace: { type: "boolean" },
        replaceOnChanges: REPLACE_ON_CHANGES_SCHEMA,
      },
    },
    extraRules: targetRules,
  };
}

function targetRules(inputs: Record<string, unknown>, unknown: Set<string>): CheckFailure[] {
  const has = (key: string) => inputs[key] !== undefined || unknown.has(key);
  const failures: CheckFailure[] = [];
  if (has("appId") === has("installId")) {
    failures.push({
      property: "appId",
      reason: "set exactly one of appId (rotate an app's secrets) and installId (rotate an install's secrets)",
    });
  } else if (has("appId")) {
    if (!has("orgId")) failures.push({ property: "orgId", reason: "orgId is required with appId: apps belong to the org that created them" });
    if (has("groupId")) failures.push({ property: "groupId", reason: "groupId cannot be set with appId: apps belong to an org; use orgId" });
  } else if (has("orgId") === has("groupId")) {
    failures.push({ property: "orgId", reason: "set exactly one of orgId and groupId: where the install lives" });
  }
  if (inputs.verifyCredentials === true && !has("clientId")) {
    failures.push({ property: "clientId", reason: "clientId is required when verifyCredentials is true: the check exchanges clientId and the secret at /oauth2/token" });
  }
  return failures;
}

/** True when changed rotation triggers, or a secret found revoked, call for a new secret. */
export function needsRotation(olds: AppSecretOutputs, news: AppSecretInputs): boolean {
  return !sameJson(olds.rotationTriggers ?? {}, news.rotationTriggers ?? {}) || olds.secretStatus === "revoked";
}

/** The inputs without `currentSecret`, which is used at create only and never output. */
export function withoutCurrentSecret(inputs: AppSecretInputs): Omit<AppSecretInputs, "currentSecret"> {
  const { currentSecret: _c, ...rest } = inputs;
  return rest;
}
