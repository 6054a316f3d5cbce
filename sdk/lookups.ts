/**
 * Lookups: read Snyk Apps and installs from a program, like Pulumi invokes, with the same client
 * and settings as the resources.
 *
 * | lookup | Snyk call |
 * | --- | --- |
 * | getApp         | GET /orgs/{org_id}/apps/creations/{app_id} |
 * | getApps        | GET /orgs/{org_id}/apps/creations (every page) |
 * | getAppInstalls | GET /orgs/{org_id}/apps/installs?expand=app or /groups/{group_id}/... (every page) |
 *
 * Results are camelCase and never hold a client secret. They follow Pulumi's conventions for
 * functions: `getX(args, opts)` resolves to a `GetXResult` echoing the arguments, `getXOutput`
 * takes `pulumi.Input` arguments, and `opts` takes `pulumi.InvokeOptions`. Under
 * `pulumi.runtime.setMocks` (unit tests) a lookup calls no API and needs no token: it is answered
 * by the mocks' `call` with the token `pulumi-snyk-apps:index:<lookup>` (see {@link LOOKUP_TOKENS}),
 * unless its options name a Snyk connection (`client`, `settings` or `env`).
 */
import * as pulumi from "@pulumi/pulumi";
import type { AppAttributes, AppResource, InstallResource, JsonApiDocument } from "../provider/client";
import { installsPath, type InstallOwner } from "../provider/install-owner";
import { appsPath } from "../provider/app-paths";
import { lookupClient, type LookupOptions } from "./lookup-client";
import { mockedLookup, underMocks } from "./lookup-mocks";
import { ArgumentError } from "./argument-error";

/** The tokens lookups are invoked with under `setMocks`, for a mocks' `call` to answer. */
export const LOOKUP_TOKENS = Object.freeze({
  getApp: "pulumi-snyk-apps:index:getApp",
  getApps: "pulumi-snyk-apps:index:getApps",
  getAppInstalls: "pulumi-snyk-apps:index:getAppInstalls",
});

/** An app as the lookups return it (an element of {@link GetAppsResult.apps}). */
export interface GetAppsApp {
  /** The app's id. */
  appId: string;
  /** The app's OAuth client id. */
  clientId: string;
  name: string;
  /** Empty for apps that have none (client-credentials apps). */
  redirectUris: string[];
  scopes: string[];
  context: "tenant" | "user";
  accessTokenTtlSeconds: number;
  /** `authorization_code` or `client_credentials`. */
  grantType: string;
  isPublic: boolean;
  isConfidential: boolean;
  /** The public id of the org that owns the app. */
  orgPublicId?: string;
}

/** What {@link getApp} resolves to: the app, and the org it was looked up in. */
export interface GetAppResult extends GetAppsApp {
  /** The org the app was looked up in (the argument). */
  orgId: string;
}

/** What {@link getApps} resolves to. */
export interface GetAppsResult {
  /** The org whose apps were listed (the argument). */
  orgId: string;
  /** Every app the org created. */
  apps: GetAppsApp[];
}

/** @deprecated use {@link GetAppsApp} */
export type AppInfo = GetAppsApp;

/** An install as {@link getAppInstalls} returns it. */
export interface GetAppInstallsInstall {
  /** The install's id. */
  installId: string;
  /** The install's own OAuth client id (client-credentials installs; the spec marks it optional). */
  clientId?: string;
  /** When the app was installed (ISO 8601). */
  installedAt?: string;
  /** The installed app's id. */
  appId?: string;
  /** The installed app's name. */
  appName?: string;
  /** The installed app's client id. */
  appClientId?: string;
  /** The installed app's context. */
  appContext?: "tenant" | "user";
  /** The installed app's scopes. */
  appScopes?: string[];
}

/** What {@link getAppInstalls} resolves to: the owner it was called with, and its installs. */
export interface GetAppInstallsResult {
  /** The org whose installs were listed, when called with `orgId`. */
  orgId?: string;
  /** The group whose installs were listed, when called with `groupId`. */
  groupId?: string;
  /** Every install of the org or group. */
  installs: GetAppInstallsInstall[];
}

/** @deprecated use {@link GetAppInstallsInstall} */
export type InstallInfo = GetAppInstallsInstall;

/** The arguments of {@link getApp}. */
export interface GetAppArgs {
  /** The org that owns the app (a UUID). */
  orgId: string;
  /** The app's id (a UUID). */
  appId: string;
}

/** The arguments of {@link getApps}. */
export interface GetAppsArgs {
  /** The org whose apps to list (a UUID). */
  orgId: string;
}

/** The arguments of {@link getAppInstalls}: exactly one of `orgId` and `groupId`. */
export type GetAppInstallsArgs = { orgId: string; groupId?: undefined } | { groupId: string; orgId?: undefined };

/** The arguments of {@link getAppOutput}: {@link GetAppArgs} as Pulumi inputs. */
export interface GetAppOutputArgs {
  /** The org that owns the app (a UUID). */
  orgId: pulumi.Input<string>;
  /** The app's id (a UUID). */
  appId: pulumi.Input<string>;
}

/** The arguments of {@link getAppsOutput}. */
export interface GetAppsOutputArgs {
  /** The org whose apps to list (a UUID). */
  orgId: pulumi.Input<string>;
}

/** The arguments of {@link getAppInstallsOutput}: exactly one of `orgId` and `groupId`. */
export type GetAppInstallsOutputArgs = { orgId: pulumi.Input<string>; groupId?: undefined } | { groupId: pulumi.Input<string>; orgId?: undefined };

/** Raised before any request when a lookup's argument is missing or malformed (`INVALID_ARGUMENT`). */
export class LookupArgumentError extends ArgumentError {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireUuid(lookup: string, args: object, argument: string): string {
  const value = (args as Record<string, unknown>)[argument];
  if (value === undefined || value === null || value === "") {
    throw new LookupArgumentError(argument, `${lookup}: ${argument} is required.`);
  }
  if (typeof value !== "string" || !UUID.test(value)) {
    throw new LookupArgumentError(argument, `${lookup}: ${argument} must be a UUID, not ${JSON.stringify(value)}.`);
  }
  return value;
}

function requireArgs(lookup: string, args: unknown): object {
  if (typeof args !== "object" || args === null) {
    throw new LookupArgumentError("args", `${lookup}: args must be an object, not ${args === null ? "null" : typeof args}.`);
  }
  return args;
}

/**
 * One app of an org.
 *
 * @throws LookupArgumentError before any request when `orgId` or `appId` is not a UUID
 * @throws SnykNotFoundError when the org has no such app
 * @example const app = await getApp({ orgId, appId });
 */
export async function getApp(args: GetAppArgs, options?: LookupOptions): Promise<GetAppResult> {
  requireArgs("getApp", args);
  const orgId = requireUuid("getApp", args, "orgId");
  const appId = requireUuid("getApp", args, "appId");
  if (underMocks(options)) return mockedLookup(LOOKUP_TOKENS.getApp, { orgId, appId }, options);
  const client = lookupClient(options);
  const response = await client.request<JsonApiDocument<AppResource>>("GET", `${appsPath(orgId)}/${encodeURIComponent(appId)}`);
  return { ...toAppInfo(response.data.data), orgId };
}

/**
 * Every app the org created (`GET /orgs/{org_id}/apps/creations`, not the deprecated
 * `/orgs/{org_id}/apps`), all pages.
 *
 * @throws LookupArgumentError before any request when `orgId` is not a UUID
 */
export async function getApps(args: GetAppsArgs, options?: LookupOptions): Promise<GetAppsResult> {
  requireArgs("getApps", args);
  const orgId = requireUuid("getApps", args, "orgId");
  if (underMocks(options)) return mockedLookup(LOOKUP_TOKENS.getApps, { orgId }, options);
  const client = lookupClient(options);
  const apps: GetAppsApp[] = [];
  for await (const app of client.paginate<AppResource>(appsPath(orgId))) apps.push(toAppInfo(app));
  return { orgId, apps };
}

/**
 * Every install in an org or a group, with the installed app's name, client id, context and
 * scopes (`expand=app`), all pages.
 *
 * @throws LookupArgumentError before any request unless exactly one of `orgId` and `groupId` is a UUID
 */
export async function getAppInstalls(args: GetAppInstallsArgs, options?: LookupOptions): Promise<GetAppInstallsResult> {
  const owner = installOwner(requireArgs("getAppInstalls", args) as InstallOwner);
  if (underMocks(options)) return mockedLookup(LOOKUP_TOKENS.getAppInstalls, { ...owner }, options);
  const client = lookupClient(options);
  const installs: GetAppInstallsInstall[] = [];
  for await (const install of client.paginate<InstallResource>(installsPath(owner), { query: { expand: "app" } })) {
    installs.push(toInstallInfo(install));
  }
  return { ...owner, installs };
}

function installOwner(args: InstallOwner): InstallOwner {
  const hasOrg = args.orgId !== undefined;
  const hasGroup = args.groupId !== undefined;
  if (hasOrg === hasGroup) {
    throw new LookupArgumentError("orgId|groupId", `getAppInstalls: give exactly one of orgId and groupId, not ${hasOrg ? "both" : "neither"}.`);
  }
  return hasOrg
    ? { orgId: requireUuid("getAppInstalls", args, "orgId") }
    : { groupId: requireUuid("getAppInstalls", args, "groupId") };
}

/**
 * {@link getApp} for Pulumi inputs: resolves once the arguments are known.
 *
 * @example const name = getAppOutput({ orgId, appId: app.appId }).name;
 */
export function getAppOutput(args: GetAppOutputArgs, options?: LookupOptions): pulumi.Output<GetAppResult> {
  return pulumi.output(args).apply((a) => getApp(a, options));
}

/** {@link getApps} for Pulumi inputs. */
export function getAppsOutput(args: GetAppsOutputArgs, options?: LookupOptions): pulumi.Output<GetAppsResult> {
  return pulumi.output(args).apply((a) => getApps(a, options));
}

/** {@link getAppInstalls} for Pulumi inputs. */
export function getAppInstallsOutput(args: GetAppInstallsOutputArgs, options?: LookupOptions): pulumi.Output<GetAppInstallsResult> {
  return pulumi.output(args).apply((a) => getAppInstalls(a as GetAppInstallsArgs, options));
}

// Picks fields one by one: a read never carries client_secret, and this keeps it that way.
function toAppInfo(app: AppResource): GetAppsApp {
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

function toInstallInfo(install: InstallResource): GetAppInstallsInstall {
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
