/**
 * The deprecated endpoints, kept because they are cheap: `/orgs/{org_id}/apps[/{client_id}[/secrets]]`
 * (flat bodies, apps addressed by client id) and `/orgs/{org_id}/app_bots[/{bot_id}]` (the bots of
 * interactive apps authorized into the org). They answer with `deprecation` and `sunset` headers.
 */
import { ApiError } from "../errors";
import { paginate, parsePageRequest } from "../pagination";
import { expandsApp, noContent, ok, okPage, requireOrg, RestContext, RestHandler, RestResult } from "../rest-context";
import { manageSecrets } from "../secrets";
import { AppRecord } from "../types";
import { legacyAppData, publicApp } from "../views";
import { createApp, patchApp } from "./app-creations";

function requireByClientId(ctx: RestContext): AppRecord {
  const { org_id, client_id } = ctx.params;
  requireOrg(ctx, org_id);
  const found = ctx.state.client(client_id);
  if (found?.kind !== "app" || found.app.orgId !== org_id) throw ApiError.of(404, `app with client id ${client_id} not found`);
  return found.app;
}

function list(ctx: RestContext): RestResult {
  const request = parsePageRequest(ctx.query);
  requireOrg(ctx, ctx.params.org_id);
  const apps = ctx.state.sorted(ctx.state.apps.values()).filter((app) => app.orgId === ctx.params.org_id);
  return okPage(paginate(apps, request, ctx.restPath, ctx.query, ctx.link), (app) => legacyAppData(app));
}

function create(ctx: RestContext): RestResult {
  requireOrg(ctx, ctx.params.org_id);
  const { app, secret } = createApp(ctx, ctx.params.org_id, ctx.body, "");
  const self = ctx.link(`${ctx.restPath}/${app.clientId}`, {});
  return ok(legacyAppData(app, secret), { self }, 201, { location: self });
}

function get(ctx: RestContext): RestResult {
  return ok(legacyAppData(requireByClientId(ctx)), { self: ctx.link(ctx.restPath, ctx.query) });
}

function update(ctx: RestContext): RestResult {
  const app = requireByClientId(ctx);
  patchApp(ctx, app, ctx.body, "");
  return ok(legacyAppData(app), { self: ctx.link(ctx.restPath, ctx.query) });
}

function remove(ctx: RestContext): RestResult {
  ctx.state.removeApp(requireByClientId(ctx).id);
  ctx.state.changed();
  return noContent();
}

function secrets(ctx: RestContext): RestResult {
  const app = requireByClientId(ctx);
  const secret = manageSecrets(ctx.state, app, ctx.body, "");
  ctx.state.changed();
  return ok(legacyAppData(app, secret), { self: ctx.link(ctx.restPath, ctx.query) });
}

function bots(ctx: RestContext): RestResult {
  const request = parsePageRequest(ctx.query);
  const expand = expandsApp(ctx.query);
  requireOrg(ctx, ctx.params.org_id);
  const installs = ctx.state
    .sorted(ctx.state.installs.values())
    .filter((install) => install.targetKind === "org" && install.targetId === ctx.params.org_id && !install.clientId);
  return okPage(paginate(installs, request, ctx.restPath, ctx.query, ctx.link), (install) => ({
    type: "app_bot",
    id: install.botId,
    attributes: {},
    relationships: { app: { data: publicApp(ctx.state.apps.get(install.appId)!, expand) } },
  }));
}

function deleteBot(ctx: RestContext): RestResult {
  requireOrg(ctx, ctx.params.org_id);
  const install = [...ctx.state.installs.values()].find(
    (candidate) => candidate.botId === ctx.params.bot_id && candidate.targetKind === "org" && candidate.targetId === ctx.params.org_id,
  );
  if (!install) throw ApiError.of(404, `app bot ${ctx.params.bot_id} not found`);
  ctx.state.removeInstall(install.id);
  ctx.state.changed();
  return noContent();
}

/** Handlers by operationId. */
export const legacyAppRoutes: Record<string, RestHandler> = {
  getApps: list,
  createApp: create,
  getApp: get,
  updateApp: update,
  deleteApp: remove,
  manageSecrets: secrets,
  getAppBots: bots,
  deleteAppBot: deleteBot,
};
