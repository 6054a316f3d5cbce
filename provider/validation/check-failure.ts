/** One problem with one input, in the shape Pulumi's `check` returns. */
export interface CheckFailure {
  /** The input property at fault, e.g. `redirectUris`. */
  property: string;
  /** The rule it breaks, in words a person can act on. */
  reason: string;
}

/**
 * Raised when inputs break a rule outside `check` (for example inputs that reach `create`
 * without passing `check`); carries every failure.
 */
export class InputValidationError extends Error {
  /** @param failures the problems, one per broken rule */
  constructor(readonly failures: CheckFailure[]) {
    super(failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
    this.name = "InputValidationError";
  }
}
