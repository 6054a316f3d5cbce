/**
 * The error that tells Pulumi "the object exists but a later step failed": Pulumi's provider
 * host turns an error carrying `id`, `properties` and `reasons` into ErrorResourceInitFailed, and
 * the engine records the object in state instead of forgetting it. Used whenever a Snyk object
 * was created (or changed) and something after that failed, so nothing is orphaned.
 */
import { SnykError } from "./client";
import { definedOnly } from "./outputs";

/** A failure after the Snyk object already existed; the engine keeps `id` and `properties`. */
export class ResourceInitFailedError extends SnykError {
  static override readonly code: string = "RESOURCE_INIT_FAILED";
  /** The reasons Pulumi shows for the partial failure. */
  readonly reasons: string[];

  /**
   * @param id the id of the Snyk object that exists
   * @param properties the outputs known so far, recorded in state
   * @param cause what failed after the object existed
   */
  constructor(
    readonly id: string,
    readonly properties: object,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    // The advice is the wrapped error's, plus running again (which finishes the object).
    const advice = { ...(cause instanceof SnykError ? cause.advice : undefined), runAgain: true };
    super(`${reason} (the Snyk object ${id} exists and is recorded in state; run \`pulumi up\` again to finish)`, { cause, advice });
    this.reasons = [reason];
    if (cause !== undefined) Object.defineProperty(this, "cause", { value: cause, configurable: true, writable: true });
    this.properties = definedOnly(properties as Record<string, unknown>);
  }
}

/**
 * Runs the steps that follow a successful create or change; if one fails, rethrows as a
 * ResourceInitFailedError that records the object.
 */
export async function recordOnFailure<T>(
  id: string,
  properties: () => object,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ResourceInitFailedError) throw error;
    throw new ResourceInitFailedError(id, properties(), error);
  }
}

/**
 * Runs a Create or Update and makes sure an init failure's properties carry `__provider`.
 *
 * Pulumi's Node provider host adds `__provider` to the outputs of a successful call but not to
 * the properties of an init failure, which the engine records as the resource's outputs; without
 * it, every later Read or Delete of the resource fails (the host cannot find its code). So every
 * bag gets the `__provider` of the call's inputs.
 *
 * @param inputs the inputs of the call (they hold `__provider`)
 * @param call the Create or Update
 */
export async function withProviderOnInitFailure<T>(inputs: { __provider?: unknown }, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ResourceInitFailedError && inputs.__provider !== undefined) {
      Object.assign(error.properties, { __provider: inputs.__provider });
    }
    throw error;
  }
}
