/**
 * The caller's own view, `/self/apps...`: apps the user authorized (via /oauth2/authorize), their
 * OAuth sessions, and user-level installs (apps with context `user`). Revoking an app or a
 * session revokes its tokens. Bots (bearer tokens) have no user, so they see empty lists.
 */
import { ApiError } from "../errors";
import { paginate, parsePageRequest } from "../pagination";
import { noContent, okPage, RestContext, RestHandler, RestResult } from "../rest-context";
import { SessionRecord } from "../types";
import { publicApp, sessionData } from "../views";
import { listInstalls } from "./installs";

function sessionsOfUser(ctx: RestContext): SessionRecord[] {
  const userId = ctx.principal.userId;
  return ctx.state.sorted(ctx.state.sessions.values()).filter((session) => session.userId === userId);
}

function apps(ctx: RestContext): RestResult {
  const request = parsePageRequest(ctx.query);
  const appIds = new Set(sessionsOfUser(ctx).map((session) => session.appId));
  const authorized = ctx.state.sorted(ctx.state.apps.values()).filter((app) => appIds.has(app.id));
  return okPage(paginate(authorized, request, ctx.restPath, ctx.query, ctx.link), (app) => publicApp(app, true));
}

function revokeApp(ctx: RestContext): RestResult {
  const sessions = sessionsOfUser(ctx).filter((session) => session.appId === ctx.params.app_id);
  if (sessions.length === 0) throw ApiError.of(404, `app ${ctx.params.app_id} is not authorized by this user`);
  for (const session of sessions) revokeSession(ctx, session);
  ctx.state.changed();
  return noContent();
}

function revokeSession(ctx: RestContext, session: SessionRecord): void {
  ctx.state.sessions.delete(session.id);
  ctx.state.revokeTokens((token) => token.sessionId === session.id);
  const install = ctx.state.installs.get(session.installId);
  const stillUsed = [...ctx.state.sessions.values()].some((other) => other.installId === session.installId);
  if (install?.targetKind === "user" && !stillUsed) ctx.state.removeInstall(install.id);
}

function sessions(ctx: RestContext): RestResult {
  const request = parsePageRequest(ctx.query);
  if (!ctx.state.apps.has(ctx.params.app_id)) throw ApiError.of(404, `app ${ctx.params.app_id} not found`);
  const ofApp = sessionsOfUser(ctx).filter((session) => session.appId === ctx.params.app_id);
  return okPage(paginate(ofApp, request, ctx.restPath, ctx.query, ctx.link), sessionData);
}

function deleteSession(ctx: RestContext): RestResult {
  const session = sessionsOfUser(ctx).find((s) => s.id === ctx.params.session_id && s.appId === ctx.params.app_id);
  if (!session) throw ApiError.of(404, `session ${ctx.params.session_id} not found`);
  revokeSession(ctx, session);
  ctx.state.changed();
  return noContent();
}

function userInstalls(ctx: RestContext): RestResult {
  const userId = ctx.principal.userId;
  const installs = ctx.state.sorted(ctx.state.installs.values()).filter((i) => i.targetKind === "user" && i.targetId === userId);
  return listInstalls(ctx, installs);
}

function deleteUserInstall(ctx: RestContext): RestResult {
  const install = ctx.state.installs.get(ctx.params.install_id);
  if (!install || install.targetKind !== "user" || install.targetId !== ctx.principal.userId) {
    throw ApiError.of(404, `install ${ctx.params.install_id} not found`);
  }
  ctx.state.removeInstall(install.id);
  ctx.state.changed();
  return noContent();
}

/** Handlers by operationId. */
export const selfRoutes: Record<string, RestHandler> = {
  getUserInstalledApps: apps,
  revokeUserInstalledApp: revokeApp,
  getUserAppSessions: sessions,
  revokeUserAppSession: deleteSession,
  getAppInstallsForUser: userInstalls,
  deleteUserAppInstallById: deleteUserInstall,
};
