/**
 * pulumi-snyk-apps: Snyk Apps, their client secrets and their installs as Pulumi resources.
 */
export { SnykApp, SnykAppArgs } from "./app";
export { SnykAppSecret, SnykAppSecretArgs } from "./app-secret";
export { SnykAppInstall, SnykAppInstallArgs } from "./app-install";
export { rotationWindow } from "./rotation";
export {
  getApp,
  getApps,
  getAppInstalls,
  getAppOutput,
  getAppsOutput,
  getAppInstallsOutput,
  LookupArgumentError,
  LOOKUP_TOKENS,
} from "./lookups";
export type {
  GetAppArgs, GetAppResult, GetAppOutputArgs,
  GetAppsArgs, GetAppsResult, GetAppsOutputArgs, GetAppsApp,
  GetAppInstallsArgs, GetAppInstallsResult, GetAppInstallsOutputArgs, GetAppInstallsInstall,
  AppInfo, InstallInfo,
} from "./lookups";
export type { LookupOptions, LookupSettings } from "./lookup-client";
export { authorizeUrl, authorizeWebUrl, OAuthArgumentError, type AuthorizeUrlArgs } from "./oauth";
export { ArgumentError } from "./argument-error";
export { SnykError, readErrorTrailer, type ErrorAdvice, type ErrorTrailer } from "../provider/client/snyk-error";
export { createPkcePair, pkceChallenge, type PkcePair, type PkcePairOptions } from "./pkce";
