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
import type { AppResource, InstallResource, JsonApiDocument } from "../provider/client";
import { installsPath, type InstallOwner } from "../provider/install-owner";
import { appsPath } from "../provider/app-paths";
import { lookupClient, type LookupOptions } from "./lookup-client";
import { mockedLookup, underMocks } from "./lookup-mocks";
import { installOwner, requireArgs, requireUuid } from "./lookup-arguments";
import { toAppInfo, toInstallInfo } from "./lookup-results";
import type {
  GetAppArgs, GetAppInstallsArgs, GetAppInstallsInstall, GetAppInstallsOutputArgs, GetAppInstallsResult,
  GetAppOutputArgs, GetAppResult, GetAppsApp, GetAppsArgs, GetAppsOutputArgs, GetAppsResult,
} from "./lookup-types";

/** The arguments and results of the lookups (in lookup-types.ts). */
export type * from "./lookup-types";
/** The error of a lookup's bad argument (in lookup-arguments.ts). */
export { LookupArgumentError } from "./lookup-arguments";

/** The tokens lookups are invoked with under `setMocks`, for a mocks' `call` to answer. */
export const LOOKUP_TOKENS = Object.freeze({
  getApp: "pulumi-snyk-apps:index:getApp",
  getApps: "pulumi-snyk-apps:index:getApps",
  getAppInstalls: "pulumi-snyk-apps:index:getAppInstalls",
});

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
