/**
 * Warnings a SnykApp prints in the program, at `pulumi preview` and `pulumi up`: a scope outside
 * Snyk's documented set (with the closest documented one) and a missing `org.read`. They are
 * warnings, not errors, because Snyk adds scopes; names that cannot be scopes, and typos of
 * documented ones, fail the provider's `check` instead.
 */
import * as pulumi from "@pulumi/pulumi";
import { scopeWarnings } from "../provider/validation/scope-rules";

/**
 * Logs each scope warning against `resource` once the scopes are known (never for unknown values
 * at preview).
 *
 * @param resource the SnykApp the warnings are about
 * @param scopes the app's declared scopes
 */
export function warnAboutScopes(resource: pulumi.Resource, scopes: pulumi.Input<pulumi.Input<string>[]>): void {
  pulumi.output(scopes).apply((known) => {
    if (!Array.isArray(known)) return;
    for (const warning of scopeWarnings(known.filter((s): s is string => typeof s === "string"))) {
      void pulumi.log.warn(warning, resource);
    }
  });
}
