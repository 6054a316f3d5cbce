/**
 * What to do when Snyk already holds the object a Create is about to make. Within a stack this
 * happens for three reasons, and the advice names them in the order they are most likely: a
 * resource renamed without `aliases` (Pulumi creates the new URN before deleting the old one), a
 * run killed while creating (a pending create stays in state), or an object made by hand.
 */
/**
 * The advice for a duplicate, naming `aliases` for renames first.
 *
 * @param existingId the object to adopt
 * @param what "app" or "install"
 */
export function duplicateAdvice(existingId: string, what: "app" | "install"): string {
  return (
    `If you renamed this resource (or moved it to another parent) in the program, it is this stack's own ${what}: ` +
    `add \`aliases: [{ name: "<its old name>" }]\` to its resource options and Pulumi keeps managing it under the new name, ` +
    `with no change in Snyk. If a run was killed while creating it, run \`pulumi refresh --clear-pending-creates\` to clear ` +
    `the pending create, then set adoptId: "${existingId}" with resetSecretOnAdopt: true (the secret Snyk minted with it was ` +
    `lost; only if nobody uses it yet). If it was made outside Pulumi, set adoptId: "${existingId}" to manage it. ` +
    "Adopting is safe: the stack never deletes an object one of its resources still holds, even when the old name is deleted."
  );
}
