/**
 * Installs of client-credentials apps into an org or a group:
 * `/{orgs|groups}/{id}/apps/installs[/{install_id}[/secrets]]`. POST installs (each install gets
 * its own client id and secret), GET lists (paginated, `expand=app`), DELETE uninstalls and
 * revokes the install's tokens, POST secrets manages the install's client secrets.
 */
import { ApiError } from "../errors";
import { newId } from "../ids";
import { paginate, parsePageRequest } from "../pagination";
import { expandsApp, noContent, ok, okPage, requireGroup, requireOrg, RestContext, RestHandler, RestResult } from "../rest-context";
import { manageSecrets } from "../secrets";
import { InstallRecord, InstallTargetKind } from "../types";
import { installData, installWithSecret } from "../views";

type Target = { kind: InstallTargetKind; id: string };

function orgTarget(ctx: RestContext): Target {
  requireOrg(ctx, ctx.params.org_id);
  return { kind: "org", id: ctx.params.org_id };
}

function groupTarget(ctx: RestContext): Target {
  requireGroup(ctx, ctx.params.group_id);
  return { kind: "group", id: ctx.params.group_id };
}

function installsOf(ctx: RestContext, target: Target): InstallRecord[] {
  return ctx.state.sorted(ctx.state.installs.values()).filter((i) => i.targetKind === target.kind && i.targetId === target.id);
}

function requireInstall(ctx: RestContext, target: Target): InstallRecord {
  const install = ctx.state.installs.get(ctx.params.install_id);
  if (!install || install.targetKind !== target.kind || install.targetId !== target.id) {
    throw ApiError.of(404, `install ${ctx.params.install_id} not found`);
  }
  return install;
}

/** Lists the installs of `target` as one page (`expand=app` adds the app's attributes). */
export function listInstalls(ctx: RestContext, installs: InstallRecord[]): RestResult {
  const expand = expandsApp(ctx.query);
  const page = paginate(installs, parsePageRequest(ctx.query), ctx.restPath, ctx.query, ctx.link);
  return okPage(page, (install) => installData(install, ctx.state.apps.get(install.appId)!, expand));
}

function list(target: (ctx: RestContext) => Target): RestHandler {
  return (ctx) => listInstalls(ctx, installsOf(ctx, target(ctx)));
}

function create(target: (ctx: RestContext) => Target): RestHandler {
  return (ctx) => {
    const where = target(ctx);
    const appId: string = ctx.body.relationships.app.data.id;
    const pointer = "/relationships/app/data/id";
    const app = ctx.state.apps.get(appId);
    if (!app) throw ApiError.of(404, `app ${appId} not found`, { pointer });
    if (app.grantType !== "client_credentials") {
      throw ApiError.of(400, "only apps that use client credentials can be installed this way", { pointer });
    }
    if (installsOf(ctx, where).some((install) => install.appId === appId)) {
      throw ApiError.of(409, `app ${appId} is already installed here`, { pointer });
    }
    const secret = ctx.state.mintSecret();
    const install: InstallRecord = {
      seq: ctx.state.nextSeq(),
      id: newId(),
      appId,
      targetKind: where.kind,
      targetId: where.id,
      clientId: newId(),
      secrets: [secret],
      botId: newId(),
      installedAt: new Date().toISOString(),
    };
    ctx.state.addInstall(install);
    ctx.state.changed();
    const self = ctx.link(`${ctx.restPath}/${install.id}`, {});
    return ok(installWithSecret(install, secret.value, false), { self }, 201, { location: self });
  };
}

function remove(target: (ctx: RestContext) => Target): RestHandler {
  return (ctx) => {
    const install = requireInstall(ctx, target(ctx));
    ctx.state.removeInstall(install.id);
    ctx.state.changed();
    return noContent();
  };
}

function secrets(target: (ctx: RestContext) => Target): RestHandler {
  return (ctx) => {
    const install = requireInstall(ctx, target(ctx));
    if (!install.clientId) throw ApiError.of(400, "this install has no client credentials");
    const secret = manageSecrets(ctx.state, install, ctx.body.data.attributes, "/data/attributes");
    ctx.state.changed();
    return ok(installWithSecret(install, secret, true), { self: ctx.link(ctx.restPath, ctx.query) });
  };
}

/** Handlers by operationId. */
export const installRoutes: Record<string, RestHandler> = {
  getAppInstallsForOrg: list(orgTarget),
  createOrgAppInstall: create(orgTarget),
  deleteAppOrgInstallById: remove(orgTarget),
  updateOrgAppInstallSecret: secrets(orgTarget),
  getAppInstallsForGroup: list(groupTarget),
  createGroupAppInstall: create(groupTarget),
  deleteGroupAppInstallById: remove(groupTarget),
  updateGroupAppInstallSecret: secrets(groupTarget),
};
