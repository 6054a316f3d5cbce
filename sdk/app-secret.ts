/**
 * SnykAppSecret: the client secrets of an app or an install, rotated without downtime.
 * Type token: `pulumi-nodejs:dynamic/snyk:AppSecret`.
 */
import * as pulumi from "@pulumi/pulumi";
import { appSecretProvider } from "./providers";
import { optionInputs } from "./resource-options";
import type { SnykApp } from "./app";
import type { SnykAppInstall } from "./app-install";

/**
 * The arguments of a SnykAppSecret. Name the target with `app` or `install` (which also hand over
 * its client id and current secret), or with raw ids: `orgId` + `appId`, or `orgId`/`groupId` +
 * `installId`.
 */
export interface SnykAppSecretArgs {
  /** The app whose secrets rotate; sets orgId, appId, clientId and currentSecret from it. */
  app?: SnykApp;
  /** The install whose secrets rotate; sets orgId or groupId, installId, clientId and currentSecret. */
  install?: SnykAppInstall;
  /** The org of the app, or of the install. A change replaces this resource. */
  orgId?: pulumi.Input<string>;
  /** The group of the install. A change replaces this resource. */
  groupId?: pulumi.Input<string>;
  /** The app whose secrets rotate. A change replaces this resource. */
  appId?: pulumi.Input<string>;
  /** The install whose secrets rotate. A change replaces this resource. */
  installId?: pulumi.Input<string>;
  /** The target's client id; needed for verifyCredentials. */
  clientId?: pulumi.Input<string>;
  /**
   * The secret the target already holds (e.g. `app.clientSecret`), so the resource knows every
   * live secret from the start. It becomes `previousSecret` and stays valid until the next rotation.
   */
  currentSecret?: pulumi.Input<string | undefined>;
  /**
   * Any values; when one changes, the secret rotates (like random's keepers). Pair it with
   * `rotationWindow(days)` for scheduled rotation.
   */
  rotationTriggers?: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
  /**
   * Exchange each new secret at `/oauth2/token` (client_credentials) so `pulumi up` finishes only
   * when it works, and show a revoked secret as drift on refresh. Client-credentials apps and
   * installs only.
   */
  verifyCredentials?: pulumi.Input<boolean>;
  /**
   * Recover when Snyk holds a live secret this resource does not know (made by hand, or a mint
   * whose answer was lost) and so refuses a new one: mint with `replace` instead, which stops every
   * old secret at once, including the one consumers use now. Off by default; the error that needs
   * it says so.
   */
  recoverWithReplace?: pulumi.Input<boolean>;
}

/**
 * Rotating client secrets. Each rotation deletes the oldest known secret, then mints a new one;
 * `secret` is the newest and `previousSecret` stays valid until the next rotation. Destroying the
 * resource replaces every secret of the target, so none the stack ever output still works.
 *
 * ## Example Usage
 *
 * ```typescript
 * import { SnykApp, SnykAppSecret, rotationWindow } from "pulumi-snyk-apps";
 *
 * declare const app: SnykApp;
 * const secret = new SnykAppSecret("ci-bot-secret", {
 *   app,                                              // rotates this app's secrets
 *   rotationTriggers: { window: rotationWindow(90) }, // a new secret on the first `pulumi up` of each 90 days
 * });
 * export const current = secret.secret;               // consumers may fall back to secret.previousSecret
 * ```
 */
export class SnykAppSecret extends pulumi.dynamic.Resource {
  /** The newest secret (secret). */
  declare readonly secret: pulumi.Output<string>;
  /** The secret before it, valid until the next rotation (secret); undefined when unknown. */
  declare readonly previousSecret: pulumi.Output<string | undefined>;
  /** When `secret` was minted (ISO 8601). */
  declare readonly mintedAt: pulumi.Output<string>;
  /** With verifyCredentials: `valid` or `revoked` as of the last rotation or refresh. */
  declare readonly secretStatus: pulumi.Output<"valid" | "revoked" | undefined>;
  /** The target's client id, when known. */
  declare readonly clientId: pulumi.Output<string | undefined>;
  /** The triggers of the latest rotation. */
  declare readonly rotationTriggers: pulumi.Output<Record<string, unknown> | undefined>;

  /**
   * @param name the Pulumi resource name
   * @param args the target and rotation settings
   * @param opts resource options; `secret` and `previousSecret` are always secret outputs;
   *   `replaceOnChanges` is applied by the provider; `import` is refused
   */
  constructor(name: string, args: SnykAppSecretArgs, opts?: pulumi.CustomResourceOptions) {
    const { app, install, ...rest } = args;
    const target = app
      ? // The resource ids, not the appId/installId outputs: an id is unknown in a preview exactly when
        // the target is replaced, so this resource previews as replaced with it, and as unchanged otherwise.
        { orgId: app.orgId, appId: app.id, clientId: app.clientId, currentSecret: app.clientSecret }
      : install
        ? {
            orgId: install.orgId,
            groupId: install.groupId,
            installId: install.id,
            clientId: install.clientId,
            currentSecret: install.clientSecret,
          }
        : {};
    super(
      appSecretProvider,
      name,
      {
        ...target,
        ...rest,
        ...optionInputs("SnykAppSecret", name, opts),
        // Marked secret here so a plain string handed in never reaches state as plain text.
        currentSecret: secretOrUndefined(rest.currentSecret ?? target.currentSecret),
        secret: undefined,
        previousSecret: undefined,
        mintedAt: undefined,
        secretStatus: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["secret", "previousSecret"] }),
      "snyk",
      "AppSecret",
    );
  }
}

function secretOrUndefined(value: pulumi.Input<string | undefined> | undefined): pulumi.Output<string | undefined> | undefined {
  return value === undefined ? undefined : pulumi.secret(value);
}
