/**
 * SnykAppInstall: an app installed into a Snyk org or group, with its own client credentials.
 * Type token: `pulumi-nodejs:dynamic/snyk:AppInstall`.
 */
import * as pulumi from "@pulumi/pulumi";
import { appInstallProvider } from "./providers";
import { optionInputs } from "./resource-options";

/** The arguments of a SnykAppInstall: the app and exactly one of `orgId` and `groupId`. */
export interface SnykAppInstallArgs {
  /** The app to install; only client-credentials apps can be installed this way. A change replaces the install. */
  appId: pulumi.Input<string>;
  /** The org to install into (exactly one of orgId and groupId). A change replaces the install. */
  orgId?: pulumi.Input<string>;
  /** The group to install into (exactly one of orgId and groupId). A change replaces the install. */
  groupId?: pulumi.Input<string>;
  /** The id of an existing install to take over instead of installing again. Read at create only. */
  adoptId?: pulumi.Input<string>;
  /**
   * With `adoptId`: replace the adopted install's client secrets at adoption, so `clientSecret` is
   * known. For installs nobody uses yet, e.g. one an interrupted run created.
   */
  resetSecretOnAdopt?: pulumi.Input<boolean>;
  /**
   * Exchange the install's new credentials at `/oauth2/token` (client_credentials) so `pulumi up`
   * finishes only when they work; on refresh, a revoked secret shows as drift in `credentialStatus`.
   */
  verifyCredentials?: pulumi.Input<boolean>;
}

/**
 * An app installed into an org or a group. Rotate its secret with a SnykAppSecret `{ install }`.
 *
 * ## Example Usage
 *
 * ```typescript
 * import { SnykAppInstall, SnykAppSecret } from "pulumi-snyk-apps";
 *
 * const broker = new SnykAppInstall("broker", {
 *   appId: "5e1f0c5a-0000-4000-8000-000000000007", // a client-credentials app, such as Snyk's Broker app
 *   groupId: "1f2e3d4c-0000-4000-8000-000000000000",
 *   verifyCredentials: true,
 * });
 * const brokerSecret = new SnykAppSecret("broker-secret", { install: broker, rotationTriggers: { n: 1 } });
 * export const brokerClientId = broker.clientId;
 * ```
 */
export class SnykAppInstall extends pulumi.dynamic.Resource {
  /** The install's id: the resource's `id` (known in a preview unless the install is created or replaced). */
  declare readonly installId: pulumi.Output<string>;
  /** The install's OAuth client id. */
  declare readonly clientId: pulumi.Output<string>;
  /** The install's client secret from creation (secret), kept in state across refresh; unknown when adopted. */
  declare readonly clientSecret: pulumi.Output<string | undefined>;
  /** When the app was installed (ISO 8601). */
  declare readonly installedAt: pulumi.Output<string | undefined>;
  /** The installed app's name, as Snyk lists it. */
  declare readonly appName: pulumi.Output<string | undefined>;
  /** With verifyCredentials: `valid` or `revoked` as of the last create or refresh. */
  declare readonly credentialStatus: pulumi.Output<"valid" | "revoked" | undefined>;
  /** The installed app. */
  declare readonly appId: pulumi.Output<string>;
  /** The org it is installed into, if any. */
  declare readonly orgId: pulumi.Output<string | undefined>;
  /** The group it is installed into, if any. */
  declare readonly groupId: pulumi.Output<string | undefined>;

  /**
   * @param name the Pulumi resource name
   * @param args the app and where to install it
   * @param opts resource options; `clientSecret` is always added to `additionalSecretOutputs`;
   *   `replaceOnChanges` is applied by the provider; `import` is refused (use `adoptId`)
   */
  constructor(name: string, args: SnykAppInstallArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      appInstallProvider,
      name,
      {
        ...args,
        ...optionInputs("SnykAppInstall", name, opts),
        installId: undefined,
        clientId: undefined,
        clientSecret: undefined,
        installedAt: undefined,
        appName: undefined,
        credentialStatus: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["clientSecret"] }),
      "snyk",
      "AppInstall",
    );
    Object.defineProperty(this, "installId", { value: this.id, enumerable: true });
  }
}
