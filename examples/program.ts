/**
 * The example stack, as a platform team would write it: two apps with redirect URIs and scopes
 * from stack config, a secret rotated on a schedule, and a client-credentials app (Snyk's Broker
 * app, or the emulator's stand-in) installed into an org and into a group.
 *
 * Stack config (project namespace `snyk-apps-example`):
 *   orgId, groupId, brokerAppId        where the apps live and what gets installed
 *   ciBotScopes, ciBotRedirectUris     JSON lists for the CI bot app
 *   portalScopes, portalRedirectUris   JSON lists for the developer portal app
 *   portalName                         the portal app's display name (default "Developer portal")
 *   rotationDays                       secret rotation period in days (default 90)
 *   rotationAt                         the moment whose rotation window is used (ISO 8601, default
 *                                      now): tests fix it so a run never depends on the real date
 *   verifyCredentials                  exchange install credentials at /oauth2/token (default false)
 * Provider config: snyk:token (secret), snyk:apiUrl or snyk:region, snyk:apiVersion.
 */
import * as pulumi from "@pulumi/pulumi";
import { SnykApp, SnykAppInstall, SnykAppSecret, rotationWindow } from "pulumi-snyk-apps";

/** Declares the example stack's resources and returns its exports. */
export function snykAppsProgram(): Record<string, pulumi.Input<unknown>> {
  const config = new pulumi.Config("snyk-apps-example");
  const orgId = config.require("orgId");
  const groupId = config.require("groupId");
  const rotationDays = config.getNumber("rotationDays") ?? 90;
  const rotationAt = rotationMoment(config.get("rotationAt"));

  const ciBot = new SnykApp("ci-bot", {
    orgId,
    name: "CI bot",
    redirectUris: config.requireObject<string[]>("ciBotRedirectUris"),
    scopes: config.requireObject<string[]>("ciBotScopes"),
    context: "tenant",
    accessTokenTtlSeconds: 3600,
  });

  const portal = new SnykApp("developer-portal", {
    orgId,
    name: config.get("portalName") ?? "Developer portal",
    redirectUris: config.requireObject<string[]>("portalRedirectUris"),
    scopes: config.requireObject<string[]>("portalScopes"),
    context: "tenant",
    accessTokenTtlSeconds: 7200,
  });

  // Rotates on the first `pulumi up` of each window; the previous secret stays valid until the next one.
  const ciBotSecret = new SnykAppSecret("ci-bot-secret", {
    app: ciBot,
    rotationTriggers: { window: rotationWindow(rotationDays, rotationAt) },
  });

  const brokerAppId = config.require("brokerAppId");
  const verifyCredentials = config.getBoolean("verifyCredentials") ?? false;
  const brokerInOrg = new SnykAppInstall("broker-org", { appId: brokerAppId, orgId, verifyCredentials });
  const brokerInGroup = new SnykAppInstall("broker-group", { appId: brokerAppId, groupId, verifyCredentials });

  return {
    ciBotAppId: ciBot.appId,
    ciBotClientId: ciBot.clientId,
    ciBotSecret: ciBotSecret.secret,
    ciBotPreviousSecret: ciBotSecret.previousSecret,
    ciBotSecretMintedAt: ciBotSecret.mintedAt,
    portalAppId: portal.appId,
    portalClientId: portal.clientId,
    portalClientSecret: portal.clientSecret,
    brokerOrgInstallId: brokerInOrg.installId,
    brokerOrgClientId: brokerInOrg.clientId,
    brokerOrgClientSecret: brokerInOrg.clientSecret,
    brokerGroupInstallId: brokerInGroup.installId,
    brokerGroupClientSecret: brokerInGroup.clientSecret,
  };
}

/** The moment `rotationAt` names, or now when it is not set. */
function rotationMoment(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new RangeError(`snyk-apps-example:rotationAt must be an ISO 8601 date, not ${JSON.stringify(text)}`);
  return at;
}
