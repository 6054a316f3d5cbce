/** JSON:API views of stored records, in the shapes of the spec's schemas. */
import { AppRecord, InstallRecord, SessionRecord } from "./types";

/** `AppResourceAttributes` (creations); `client_secret` only when given. */
export function appAttributes(app: AppRecord, clientSecret?: string): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    name: app.name,
    client_id: app.clientId,
    scopes: app.scopes,
    context: app.context,
    access_token_ttl_seconds: app.accessTokenTtlSeconds,
    is_public: app.isPublic,
    is_confidential: app.isConfidential,
    grant_type: app.grantType,
    org_public_id: app.orgId,
  };
  // RedirectUris has minItems 1: client-credentials apps may have none, so leave it out.
  if (app.redirectUris.length > 0) attributes.redirect_uris = app.redirectUris;
  if (clientSecret !== undefined) attributes.client_secret = clientSecret;
  return attributes;
}

/** `AppData` / `AppDataWithSecret`. */
export function appData(app: AppRecord, clientSecret?: string): object {
  return { type: "app", id: app.id, attributes: appAttributes(app, clientSecret) };
}

/** `AppData20220311` / `AppDataWithSecret20220311` of the deprecated flat endpoints. */
export function legacyAppData(app: AppRecord, clientSecret?: string): object {
  return {
    type: "app",
    id: app.id,
    attributes: { ...appAttributes(app, clientSecret), redirect_uris: app.redirectUris },
  };
}

/** `PublicApp`: what installs and bots expand. */
export function publicApp(app: AppRecord, expanded: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = { type: "app", id: app.id };
  if (expanded) data.attributes = { name: app.name, client_id: app.clientId, context: app.context, scopes: app.scopes };
  return data;
}

/** `AppInstallData` for install lists. */
export function installData(install: InstallRecord, app: AppRecord, expandApp: boolean): object {
  const attributes: Record<string, unknown> = { installed_at: install.installedAt };
  if (install.clientId) attributes.client_id = install.clientId;
  return { type: "app_install", id: install.id, attributes, relationships: { app: { data: publicApp(app, expandApp) } } };
}

/** `AppInstallWithClient` (create) or `AppInstallDataWithSecret` (secrets). */
export function installWithSecret(install: InstallRecord, clientSecret: string, withInstalledAt: boolean): object {
  const attributes: Record<string, unknown> = { client_id: install.clientId, client_secret: clientSecret };
  if (withInstalledAt) attributes.installed_at = install.installedAt;
  return { type: "app_install", id: install.id, attributes, relationships: { app: { data: { type: "app", id: install.appId } } } };
}

/** `SessionData`. */
export function sessionData(session: SessionRecord): object {
  return { type: "session", id: session.id, attributes: { created_at: session.createdAt } };
}
