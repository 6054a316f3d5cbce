/**
 * SnykApp: an OAuth app created by a Snyk org, declared in a Pulumi program.
 * Type token: `pulumi-nodejs:dynamic/snyk:App`.
 */
import * as pulumi from "@pulumi/pulumi";
import { appProvider } from "./providers";
import { warnAboutScopes } from "./scope-warnings";
import { optionInputs } from "./resource-options";

/** The arguments of a SnykApp. */
export interface SnykAppArgs {
  /** The org that creates and owns the app (a UUID). Changing it replaces the app. */
  orgId: pulumi.Input<string>;
  /** The name users see when they authorize the app. Updated in place. */
  name: pulumi.Input<string>;
  /** Absolute URIs Snyk may redirect to after authorization; at least one, no repeats. Updated in place. */
  redirectUris: pulumi.Input<pulumi.Input<string>[]>;
  /** The scopes the app may request, e.g. `org.read`; at least one. Snyk cannot change them: a change replaces the app. */
  scopes: pulumi.Input<pulumi.Input<string>[]>;
  /** `tenant` (installed into orgs and groups, the default) or `user`. A change replaces the app. */
  context?: pulumi.Input<"tenant" | "user">;
  /** Lifetime of access tokens the app is issued, 3600..86400 seconds. Updated in place. */
  accessTokenTtlSeconds?: pulumi.Input<number>;
  /**
   * The id of an existing app to bring under management instead of creating one (dynamic resources
   * cannot use `pulumi import`). Read at create only. Its client secret stays unknown until a
   * SnykAppSecret mints one.
   */
  adoptId?: pulumi.Input<string>;
  /**
   * With `adoptId`: replace the adopted app's client secrets at adoption, so `clientSecret` is
   * known. For apps nobody uses yet, e.g. one an interrupted run created (the provider names it).
   */
  resetSecretOnAdopt?: pulumi.Input<boolean>;
}

/**
 * An OAuth app created by a Snyk org.
 *
 * ## Example Usage
 *
 * ```typescript
 * import { SnykApp } from "pulumi-snyk-apps";
 *
 * const app = new SnykApp("ci-bot", {
 *   orgId: "8d5c1d6b-0000-4000-8000-000000000000",
 *   name: "CI bot",
 *   redirectUris: ["https://ci.example.com/callback"],
 *   scopes: ["org.read", "org.project.read"],
 *   accessTokenTtlSeconds: 3600,
 * });
 * export const clientId = app.clientId;
 * export const clientSecret = app.clientSecret; // a secret output
 * ```
 */
export class SnykApp extends pulumi.dynamic.Resource {
  /**
   * The app's id: the resource's `id`, so that it stays known in a preview of an in-place update
   * and is unknown only when the app is created or replaced (dependents then preview as replaced).
   */
  declare readonly appId: pulumi.Output<string>;
  /** The app's OAuth client id. */
  declare readonly clientId: pulumi.Output<string>;
  /**
   * The client secret Snyk returned when it created the app (secret). Snyk never returns it again,
   * so it is kept in state across refresh and update; unknown for adopted apps. After a
   * SnykAppSecret rotates, read the secret from it instead.
   */
  declare readonly clientSecret: pulumi.Output<string | undefined>;
  /** `authorization_code` or `client_credentials`. */
  declare readonly grantType: pulumi.Output<string>;
  /** Whether the app is a public client. */
  declare readonly isPublic: pulumi.Output<boolean>;
  /** Whether the app is a confidential client. */
  declare readonly isConfidential: pulumi.Output<boolean>;
  /** The public id of the org that owns the app. */
  declare readonly orgPublicId: pulumi.Output<string | undefined>;
  /** The owning org. */
  declare readonly orgId: pulumi.Output<string>;
  /** The name, as Snyk holds it. */
  declare readonly name: pulumi.Output<string>;
  /** The redirect URIs, as Snyk holds them. */
  declare readonly redirectUris: pulumi.Output<string[]>;
  /** The scopes, as Snyk holds them. */
  declare readonly scopes: pulumi.Output<string[]>;
  /** The context, as Snyk holds it. */
  declare readonly context: pulumi.Output<"tenant" | "user">;
  /** The access token lifetime in seconds, as Snyk holds it. */
  declare readonly accessTokenTtlSeconds: pulumi.Output<number>;
  /** Whether the adopted app's secrets were replaced at adoption. */
  declare readonly resetSecretOnAdopt: pulumi.Output<boolean | undefined>;
  /** The adopted app's id, when the app was adopted. */
  declare readonly adoptId: pulumi.Output<string | undefined>;

  /**
   * @param name the Pulumi resource name
   * @param args the app's declared settings
   * @param opts resource options; `clientSecret` is always added to `additionalSecretOutputs`;
   *   `replaceOnChanges` is applied by the provider; `import` is refused (use `adoptId`)
   */
  constructor(name: string, args: SnykAppArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      appProvider,
      name,
      {
        ...args,
        ...optionInputs("SnykApp", name, opts),
        appId: undefined,
        clientId: undefined,
        clientSecret: undefined,
        grantType: undefined,
        isPublic: undefined,
        isConfidential: undefined,
        orgPublicId: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["clientSecret"] }),
      "snyk",
      "App",
    );
    warnAboutScopes(this, args.scopes);
    Object.defineProperty(this, "appId", { value: this.id, enumerable: true });
  }
}
