/**
 * Snyk's JSON:API app and install resources as the lookups return them: camelCase, and never
 * with a client secret.
 */
import type { AppAttributes, AppResource, InstallResource } from "../provider/client";
import type { GetAppInstallsInstall, GetAppsApp } from "./lookup-types";

/** The lookup result for an app resource. */
export function toAppInfo(app: AppResource): GetAppsApp {
  // Picks fields one by one: a read never carries client_secret, and this keeps it that way.
  const a: Partial<AppAttributes> = app.attributes ?? {};
  const info: GetAppsApp = {
    appId: app.id,
    clientId: a.client_id ?? "",
    name: a.name ?? "",
    redirectUris: [...(a.redirect_uris ?? [])],
    scopes: [...(a.scopes ?? [])],
    context: a.context ?? "tenant",
    accessTokenTtlSeconds: a.access_token_ttl_seconds ?? 0,
    grantType: a.grant_type ?? "authorization_code",
    isPublic: a.is_public ?? false,
    isConfidential: a.is_confidential ?? false,
  };
  if (a.org_public_id !== undefined) info.orgPublicId = a.org_public_id;
  return info;
}

/** The lookup result for an install resource (with its app when expanded); absent fields are left out. */
export function toInstallInfo(install: InstallResource): GetAppInstallsInstall {
  const app = install.relationships?.app?.data;
  const fields: GetAppInstallsInstall = {
    installId: install.id,
    clientId: install.attributes?.client_id,
    installedAt: install.attributes?.installed_at,
    appId: app?.id,
    appName: app?.attributes?.name,
    appClientId: app?.attributes?.client_id,
    appContext: app?.attributes?.context,
    appScopes: app?.attributes?.scopes ? [...app.attributes.scopes] : undefined,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as unknown as GetAppInstallsInstall;
}
