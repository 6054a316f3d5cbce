/**
 * Apps created by an org: `/orgs/{org_id}/apps/creations[/{app_id}[/secrets]]`.
 * POST creates an authorization-code app; GET lists (paginated) or reads; PATCH changes name,
 * redirect URIs or token TTL (the spec's schema rejects scopes and context); DELETE removes the
 * app with its installs and credentials; POST secrets manages client secrets.
 */
import { requireAppName } from "../app-name";
import { paginate, parsePageRequest } from "../pagination";
import { ok, okPage, noContent, requireOrg, requireOwnedApp, RestContext, RestHandler, RestResult } from "../rest-context";
import { manageSecrets } from "../secrets";
import { AppRecord } from "../types";
import { appData } from "../views";

/**
 * Creates an app record of org `orgId` from create-app attributes (found at `pointer` in the
 * body); returns it with its first secret.
 */
export function createApp(ctx: RestContext, orgId: string, attributes: any, pointer: string): { app: AppRecord; secret: string } {
  requireAppName(attributes.name, `${pointer}/name`);
  const secret = ctx.state.mintSecret();
  const app: AppRecord = {
    ...ctx.state.newAppFields(),
    orgId,
    name: attributes.name,
    redirectUris: attributes.redirect_uris,
    scopes: attributes.scopes,
    context: attributes.context ?? "tenant",
    accessTokenTtlSeconds: attributes.access_token_ttl_seconds ?? 3600,
    grantType: "authorization_code",
    secrets: [secret],
  };
  ctx.state.addApp(app);
  ctx.state.changed();
  return { app, secret: secret.value };
}

/** Applies PATCH attributes (name, redirect_uris, access_token_ttl_seconds), found at `pointer` in the body. */
export function patchApp(ctx: RestContext, app: AppRecord, attributes: any, pointer: string): void {
  if (attributes.name !== undefined) requireAppName(attributes.name, `${pointer}/name`);
  if (attributes.name !== undefined) app.name = attributes.name;
  if (attributes.redirect_uris !== undefined) app.redirectUris = attributes.redirect_uris;
  if (attributes.access_token_ttl_seconds !== undefined) app.accessTokenTtlSeconds = attributes.access_token_ttl_seconds;
  ctx.state.changed();
}

function appPath(orgId: string, appId: string): string {
  return `/orgs/${orgId}/apps/creations/${appId}`;
}

function list(ctx: RestContext): RestResult {
  const { org_id } = ctx.params;
  const request = parsePageRequest(ctx.query);
  requireOrg(ctx, org_id);
  const apps = ctx.state.sorted(ctx.state.apps.values()).filter((app) => app.orgId === org_id);
  return okPage(paginate(apps, request, ctx.restPath, ctx.query, ctx.link), (app) => appData(app));
}

function create(ctx: RestContext): RestResult {
  const { org_id } = ctx.params;
  requireOrg(ctx, org_id);
  const { app, secret } = createApp(ctx, org_id, ctx.body.data.attributes, "/data/attributes");
  const self = ctx.link(appPath(org_id, app.id), {});
  return ok(appData(app, secret), { self }, 201, { location: self });
}

function get(ctx: RestContext): RestResult {
  const { org_id, app_id } = ctx.params;
  requireOrg(ctx, org_id);
  return ok(appData(requireOwnedApp(ctx, org_id, app_id)), { self: ctx.link(ctx.restPath, ctx.query) });
}

function update(ctx: RestContext): RestResult {
  const { org_id, app_id } = ctx.params;
  requireOrg(ctx, org_id);
  const app = requireOwnedApp(ctx, org_id, app_id);
  patchApp(ctx, app, ctx.body.data.attributes, "/data/attributes");
  return ok(appData(app), { self: ctx.link(ctx.restPath, ctx.query) });
}

function remove(ctx: RestContext): RestResult {
  const { org_id, app_id } = ctx.params;
  requireOrg(ctx, org_id);
  requireOwnedApp(ctx, org_id, app_id);
  ctx.state.removeApp(app_id);
  ctx.state.changed();
  return noContent();
}

function secrets(ctx: RestContext): RestResult {
  const { org_id, app_id } = ctx.params;
  requireOrg(ctx, org_id);
  const app = requireOwnedApp(ctx, org_id, app_id);
  const secret = manageSecrets(ctx.state, app, ctx.body.data.attributes, "/data/attributes");
  ctx.state.changed();
  return ok(appData(app, secret), { self: ctx.link(ctx.restPath, ctx.query) });
}

/** Handlers by operationId. */
export const appCreationRoutes: Record<string, RestHandler> = {
  getOrgApps: list,
  createOrgApp: create,
  getAppByID: get,
  updateAppCreationByID: update,
  deleteAppByID: remove,
  manageAppCreationSecret: secrets,
};
