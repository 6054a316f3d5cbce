/**
 * Finishing what a failed step left undone. When a Create or Update fails after the Snyk object
 * exists, its outputs so far are recorded with an init error; the next `pulumi up` runs Update
 * with those partial outputs as `olds` (even when Diff finds no change) and clears the error when
 * Update succeeds. These predicates read from such outputs which step is still owed.
 */

/** Outputs of an adopted app or install. */
interface AdoptedOutputs {
  adoptId?: string;
  resetSecretOnAdopt?: boolean;
  clientSecret?: string;
}

/** True when an adoption with `resetSecretOnAdopt` never obtained its new client secret. */
export function resetPending(olds: AdoptedOutputs): boolean {
  return Boolean(olds.adoptId && olds.resetSecretOnAdopt && olds.clientSecret === undefined);
}

/**
 * True when a secret that `verifyCredentials` must prove was never proved: a successful check
 * always records a status, so a missing one means the check failed or never ran.
 *
 * @param verifyCredentials whether the resource verifies
 * @param secret the secret to prove, when known
 * @param status the recorded status
 */
export function verificationPending(verifyCredentials: boolean | undefined, secret: string | undefined, status: string | undefined): boolean {
  return Boolean(verifyCredentials && secret !== undefined && status === undefined);
}
