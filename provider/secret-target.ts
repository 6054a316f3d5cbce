/**
 * What a SnykAppSecret rotates: the client secrets of an app (created by an org) or of an install
 * (in an org or a group). Snyk offers the same `replace` / `create` / `delete` modes on both.
 */
import type { SnykClient } from "./client";
import { SnykBadRequestError, SnykNotFoundError } from "./client";
import { InstallOwner, installPath, describeOwner } from "./install-owner";
import { findInstall } from "./install-lookup";
import { appPath } from "./app-paths";
import { mintedSecret } from "./answer-shape";
import { containsUnknown } from "./validation/unknown";
import { ProviderError } from "./provider-error";

/** An app (`orgId` + `appId`) or an install (`orgId` or `groupId` + `installId`). */
export interface SecretTarget extends InstallOwner {
  appId?: string;
  installId?: string;
}

/** The REST path of the target's secrets endpoint. */
export function secretsPath(target: SecretTarget): string {
  // An install's own secrets, never its app's: installs carry their appId too.
  if (target.appId && !target.installId) {
    return `${appPath(target.orgId ?? "", target.appId)}/secrets`;
  }
  return `${installPath(target, target.installId ?? "")}/secrets`;
}

/** "app <id>" or "install <id> in org <id>", for messages. */
export function describeTarget(target: SecretTarget): string {
  return target.appId && !target.installId ? `app ${target.appId}` : `install ${target.installId} in ${describeOwner(target)}`;
}

/** True while the app or install still exists in Snyk. */
export async function targetExists(client: SnykClient, target: SecretTarget): Promise<boolean> {
  if (target.installId) return (await findInstall(client, target, target.installId)) !== undefined;
  try {
    await client.request("GET", appPath(target.orgId ?? "", target.appId ?? ""));
    return true;
  } catch (error) {
    if (error instanceof SnykNotFoundError) return false;
    throw error;
  }
}

/** The `mode` of a POST to a secrets endpoint. */
export type SecretMode = "create" | "delete" | "replace";

/** Sends one secrets request and answers the secret Snyk minted (none for `delete`). */
export async function manageSecret(
  client: SnykClient,
  target: SecretTarget,
  mode: SecretMode,
  secret?: string,
): Promise<string | undefined> {
  const attributes: Record<string, string> = { mode };
  if (secret !== undefined) attributes.secret = secret;
  const response = await client.request<{ data: { attributes: { client_secret?: string } } }>(
    "POST",
    secretsPath(target),
    { body: { data: { type: "app", attributes } } },
  );
  return mode === "delete" ? undefined : mintedSecret(response, { method: "POST", path: secretsPath(target) });
}

/** "app:<id>" or "install:<id>": which secrets a resource rotates; undefined while unknown. */
export function targetKey(target: SecretTarget): string | undefined {
  const key = target.installId ? `install:${target.installId}` : target.appId ? `app:${target.appId}` : undefined;
  return key === undefined || containsUnknown(key) ? undefined : key;
}

/** Deletes one secret of the target; one already gone is fine. */
export async function deleteSecretIfPresent(client: SnykClient, target: SecretTarget, secret: string): Promise<void> {
  try {
    await manageSecret(client, target, "delete", secret);
  } catch (error) {
    // Already gone (deleted by hand or by an earlier, interrupted rotation): nothing to do.
    if (!(error instanceof SnykNotFoundError || error instanceof SnykBadRequestError)) throw error;
  }
}

/** Replaces every secret of the app and returns the new one (an adoption's `resetSecretOnAdopt`). */
export async function resetAppSecret(client: SnykClient, orgId: string, appId: string): Promise<string> {
  const secret = await manageSecret(client, { orgId, appId }, "replace");
  if (!secret) throw new ProviderError("SNYK_MALFORMED_ANSWER", `Snyk replaced the secrets of app ${appId} but did not return the new one`);
  return secret;
}
