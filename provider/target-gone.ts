/**
 * The error a SnykAppSecret gives when its app or install no longer exists in Snyk (deleted by
 * hand, or with its app): running `pulumi up` again cannot help, since there is nothing to rotate.
 * `pulumi refresh` drops the missing object and its secret from state; the next `pulumi up` then
 * creates both again as declared.
 */
import { SnykError, SnykNotFoundError } from "./client";
import { recordOnFailure } from "./init-failed";

/** Raised when the app or install whose secret would rotate is gone from Snyk. */
export class SecretTargetGoneError extends SnykError {
  static override readonly code: string = "SECRET_TARGET_GONE";

  /**
   * @param target the app or install, as `describeTarget` words it
   * @param cause Snyk's 404
   */
  constructor(target: string, readonly cause: SnykNotFoundError) {
    super(
      `${cause.message}. The ${target} no longer exists in Snyk (deleted outside Pulumi?), so its secret cannot rotate, and ` +
        "running `pulumi up` again will not help. Run `pulumi refresh` to drop it and this secret from state; " +
        "the next `pulumi up` then creates them again as the program declares (or remove them from the program).",
    );
  }
}

/** Runs `step`; a 404 from Snyk becomes a SecretTargetGoneError naming `target`. */
export async function explainTargetGone<T>(target: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof SnykNotFoundError) throw new SecretTargetGoneError(target, error);
    throw error;
  }
}

/**
 * Runs a step that follows changes to a secret target, as `recordOnFailure` does (a failure
 * records the object with `properties`), except that a 404 becomes a SecretTargetGoneError: the
 * target is gone, so there is nothing to finish and nothing new to record.
 */
export async function recordUnlessTargetGone<T>(id: string, properties: () => object, target: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof SnykNotFoundError) throw new SecretTargetGoneError(target, error);
    return recordOnFailure(id, properties, () => Promise.reject(error));
  }
}
