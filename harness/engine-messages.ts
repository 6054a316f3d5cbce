/** Texts the Pulumi engine prints, in its words, for the situations the harness models. */

/** `DeleteStep.Apply` on a protected resource (`deleteProtectedError`). */
export function deleteProtectedMessage(urn: string): string {
  return (
    `resource "${urn}" cannot be deleted\n` +
    "because it is protected. To unprotect the resource, either remove the `protect` flag from the resource in your Pulumi " +
    `program and run \`pulumi up\`, or use the command:\n\`pulumi state unprotect '${urn}'\``
  );
}

/** The step generator refusing to replace a protected resource. */
export function replaceProtectedMessage(urn: string): string {
  return (
    `unable to replace resource "${urn}"\n` +
    "as it is currently marked for protection. To unprotect the resource, remove the `protect` flag from the resource in your Pulumi " +
    "program and run `pulumi up`"
  );
}

/** The step generator refusing to replace a protected dependent of a delete-before-replace. */
export function replaceProtectedDependentMessage(urn: string, root: string): string {
  return (
    `unable to replace resource "${urn}" as part of replacing "${root}" as it is currently marked for protection. ` +
    "To unprotect the resource, remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`, " +
    `or use the command:\n\`pulumi state unprotect '${urn}'\``
  );
}

/** The warning every `up` prints while the state holds operations a killed run left. */
export function pendingOperationsWarning(operations: { type: string; urn: string }[]): string {
  return (
    `Attempting to deploy or update resources with ${operations.length} pending operations from previous deployment.\n` +
    operations.map((op) => `  * ${op.urn}, interrupted while ${op.type}\n`).join("") +
    "These resources are in an unknown state because the Pulumi CLI was interrupted while waiting for changes to these " +
    "resources to complete. You should confirm whether or not the operations listed completed successfully by checking " +
    "the state of the appropriate provider. For example, if you are using AWS, you can confirm using the AWS Console.\n\n" +
    "Once you have confirmed the status of the interrupted operations, you can repair your stack using `pulumi refresh` " +
    "which will refresh the state from the provider you are using and clear the pending operations if there are any.\n\n" +
    "Note that `pulumi refresh` will need to be run interactively to clear pending CREATE operations."
  );
}

/** `--expect-no-changes` when a refresh found changes. */
export const noChangesExpectedMessage = "no changes were expected but changes occurred";

/** A step not started because the host died under the run, as a killed `pulumi` would leave it. */
export const interruptedMessage = "the deployment was interrupted: the provider host is gone";

/** The replacement trigger of a non-preview run holds unknowns. */
export function triggerUnknownMessage(urn: string): string {
  return `replacement trigger contains unknowns for ${urn}`;
}
