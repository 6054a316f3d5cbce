import { SnykError } from "../provider/client/snyk-error";

/**
 * Raised before any request when an SDK function's argument is missing or malformed
 * (`INVALID_ARGUMENT`); `argument` names it.
 */
export class ArgumentError extends SnykError {
  static override readonly code: string = "INVALID_ARGUMENT";

  /**
   * @param argument the argument at fault, e.g. `orgId`
   * @param message what is wrong with it
   */
  constructor(readonly argument: string, message: string) {
    super(message);
  }
}
