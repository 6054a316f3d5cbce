/**
 * pulumi-snyk-apps: Snyk Apps, their client secrets and their installs as Pulumi resources.
 */
export { SnykApp, SnykAppArgs } from "./app";
export { SnykAppSecret, SnykAppSecretArgs } from "./app-secret";
export { SnykAppInstall, SnykAppInstallArgs } from "./app-install";
export { rotationWindow } from "./rotation";
