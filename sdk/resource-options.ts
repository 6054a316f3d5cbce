/**
 * Resource options the Pulumi engine cannot apply to a dynamic resource, handled by the SDK
 * classes at construction.
 *
 * - `import`: Pulumi reads an imported resource with its id only, and the Node dynamic-provider
 *   host then finds no serialized provider to run; dynamic resources cannot be imported. Refused
 *   with a pointer to `adoptId`, which does the same job.
 * - `replaceOnChanges`: the host forwards no detailed diff, so the engine never applies the option
 *   to a dynamic resource. The classes hand its property list to the provider's diff as the input
 *   `replaceOnChanges`, which replaces the resource when a listed property changes.
 */
import type * as pulumi from "@pulumi/pulumi";
import { SnykError } from "../provider/client/snyk-error";

/** Raised when a resource is declared with an option it cannot honour; the message says what to use. */
export class ResourceOptionError extends SnykError {
  static override readonly code: string = "INVALID_RESOURCE_OPTION";
}

/**
 * Throws for options the class cannot honour and answers the extra inputs that carry the rest.
 *
 * @param typeName the class name, for messages (`SnykApp`)
 * @param name the resource name
 * @param opts the options the program gave
 */
export function optionInputs(typeName: string, name: string, opts: pulumi.CustomResourceOptions | undefined): { replaceOnChanges?: string[] } {
  if (opts?.import !== undefined) {
    throw new ResourceOptionError(
      `${typeName} "${name}": the \`import\` resource option does not work for Pulumi dynamic resources (Pulumi reads ` +
        "an imported resource without the provider code this package stores with it). Remove `import` and " +
        (typeName === "SnykAppSecret"
          ? "declare the target (`app`, `install` or its ids): the resource takes over rotating its secrets at create."
          : "set the `adoptId` input to the same id instead: the resource then takes over the existing object at create."),
    );
  }
  const replaceOnChanges = opts?.replaceOnChanges;
  return replaceOnChanges && replaceOnChanges.length > 0 ? { replaceOnChanges: [...replaceOnChanges] } : {};
}
