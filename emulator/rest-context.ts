/** What REST handlers receive and return, and the access checks they share. */
import { ApiError } from "./errors";
import { LinkBuilder } from "./links";
import { Page } from "./pagination";
import { State } from "./state";
import { AppRecord, OrgRecord } from "./types";

/** Who is calling: the emulator's user (API token) or an app bot (bearer access token). */
export interface Principal {
  /** Set for the emulator's user; bots have none. */
  userId?: string;
  orgIds: string[];
  groupIds: string[];
}

/** One REST request, parsed and authenticated. */
export interface RestContext {
  state: State;
  principal: Principal;
  /** Path parameters by the spec's names (all UUIDs, already checked). */
  params: Record<string, string>;
  query: Record<string, string>;
  /** The parsed, schema-valid body (undefined when the operation takes none). */
  body: any;
  /** The request path without `/rest` and query. */
  restPath: string;
  link: LinkBuilder;
}

/** A REST answer before headers are added. */
export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A handler for one operationId. */
export type RestHandler = (ctx: RestContext) => RestResult;

/** The org `orgId`: 404 when unknown, 403 when the caller has no access. */
export function requireOrg(ctx: RestContext, orgId: string): OrgRecord {
  const org = ctx.state.orgs.get(orgId);
  if (!org) throw ApiError.of(404, `org ${orgId} not found`);
  if (!ctx.principal.orgIds.includes(orgId) && !ctx.principal.groupIds.includes(org.groupId)) {
    throw ApiError.of(403, "the token has no access to this org");
  }
  return org;
}

/** The group `groupId`: 404 when unknown, 403 when the caller has no access. */
export function requireGroup(ctx: RestContext, groupId: string): void {
  const known = [...ctx.state.orgs.values()].some((org) => org.groupId === groupId);
  if (!known) throw ApiError.of(404, `group ${groupId} not found`);
  if (!ctx.principal.groupIds.includes(groupId)) throw ApiError.of(403, "the token has no access to this group");
}

/** The app `appId` created by org `orgId` (404 otherwise). */
export function requireOwnedApp(ctx: RestContext, orgId: string, appId: string): AppRecord {
  const app = ctx.state.apps.get(appId);
  if (!app || app.orgId !== orgId) throw ApiError.of(404, `app ${appId} not found`);
  return app;
}

/** Whether `expand=app` was asked (400 for anything else). */
export function expandsApp(query: Record<string, string>): boolean {
  if (query.expand === undefined) return false;
  const values = query.expand.split(",");
  if (values.some((value) => value !== "app")) throw ApiError.of(400, "expand accepts only app", { parameter: "expand" });
  return true;
}

/** A 200 JSON:API document. */
export function ok(data: unknown, links: object, status = 200, headers?: Record<string, string>): RestResult {
  return { status, body: { jsonapi: { version: "1.0" }, data, links }, headers };
}

/** A 200 JSON:API list document of one page. */
export function okPage<T>(page: Page<T>, view: (item: T) => unknown): RestResult {
  return ok(page.items.map(view), page.links);
}

/** A 204 with no body. */
export const noContent = (): RestResult => ({ status: 204 });
