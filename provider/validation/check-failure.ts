/** One problem with one input, in the shape Pulumi's `check` returns. */
export interface CheckFailure {
  /** The input property at fault, e.g. `redirectUris`. */
  property: string;
  /** The rule it breaks, in words a person can act on. */
  reason: string;
}
