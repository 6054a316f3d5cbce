/**
 * The inputs and outputs of a SnykAppInstall: their shape, the input schema with its rule across
 * properties, and the mappings between them and Snyk's install list items.
 */
import { specSchema } from "./spec";
import type { InputSchema } from "./validation/validate-inputs";
import type { CheckFailure } from "./validation/check-failure";
import { definedOnly } from "./outputs";
import { REPLACE_ON_CHANGES_SCHEMA, ReplaceOnChangesInput } from "./replace-on-changes";
import type { InstallOwner } from "./install-owner";
import type { InstallListItem } from "./install-lookup";
import { resetNeedsAdopt } from "./validation/adopt-rules";
import type { CredentialStatus } from "./verify-credentials";

/** The inputs of a SnykAppInstall, after `check`. */
export interface AppInstallInputs extends InstallOwner, ReplaceOnChangesInput {
  appId: string;
  adoptId?: string;
  /** With adoptId: replace the adopted install's secrets, so `clientSecret` is known. */
  resetSecretOnAdopt?: boolean;
  verifyCredentials?: boolean;
}

/** The outputs of a SnykAppInstall. */
export interface AppInstallOutputs extends AppInstallInputs {
  installId: string;
  clientId: string;
  clientSecret?: string;
  installedAt?: string;
  appName?: string;
  /** With verifyCredentials: whether the install's secret worked at the last create or refresh. */
  credentialStatus?: CredentialStatus;
}

/** The input schema of a SnykAppInstall and its rule across properties. */
export function appInstallInputSchema(): InputSchema {
  const uuid = specSchema("Uuid");
  return {
    name: "SnykAppInstall",
    schema: {
      type: "object",
      additionalProperties: false,
      required: ["appId"],
      properties: {
        __provider: { type: "string" },
        appId: uuid,
        orgId: uuid,
        groupId: uuid,
        adoptId: uuid,
        resetSecretOnAdopt: { type: "boolean" },
        verifyCredentials: { type: "boolean" },
        replaceOnChanges: REPLACE_ON_CHANGES_SCHEMA,
      },
    },
    extraRules: installRules,
  };
}

function installRules(inputs: Record<string, unknown>, unknown: Set<string>): CheckFailure[] {
  return [...exactlyOneOwner(inputs, unknown), ...resetNeedsAdopt(inputs, unknown, "install")];
}

function exactlyOneOwner(inputs: Record<string, unknown>, unknown: Set<string>): CheckFailure[] {
  const org = inputs.orgId !== undefined || unknown.has("orgId");
  const group = inputs.groupId !== undefined || unknown.has("groupId");
  if (org && group) {
    return [{ property: "groupId", reason: "set exactly one of orgId and groupId, not both: an install lives in one org or one group" }];
  }
  if (!org && !group) {
    return [{ property: "orgId", reason: "set exactly one of orgId (install into an org) and groupId (install into a group)" }];
  }
  return [];
}

/** The outputs of an install as `item` (from Snyk's install list) shows it, over what was known. */
export function fromListItem(previous: AppInstallOutputs | (AppInstallInputs & { installId: string; clientId: string }), item: InstallListItem): AppInstallOutputs {
  const app = item.relationships?.app?.data;
  return definedOnly({
    ...previous,
    installId: item.id,
    clientId: item.attributes.client_id ?? previous.clientId,
    installedAt: item.attributes.installed_at ?? (previous as AppInstallOutputs).installedAt,
    appName: app?.attributes?.name ?? (previous as AppInstallOutputs).appName,
  });
}

/** The inputs a refresh reports for an install: the input properties of its outputs. */
export function installInputsOf(outs: AppInstallOutputs): AppInstallInputs {
  return definedOnly({
    appId: outs.appId,
    orgId: outs.orgId,
    groupId: outs.groupId,
    adoptId: outs.adoptId,
    resetSecretOnAdopt: outs.resetSecretOnAdopt,
    verifyCredentials: outs.verifyCredentials,
    replaceOnChanges: outs.replaceOnChanges,
  });
}
