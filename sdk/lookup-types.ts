/**
 * The arguments and results of the lookups (getApp, getApps, getAppInstalls and their `Output`
 * forms), in Pulumi's naming for functions.
 */
import type * as pulumi from "@pulumi/pulumi";

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
