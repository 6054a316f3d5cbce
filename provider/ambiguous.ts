/**
 * A create whose answer never came back: the connection reset, the request timed out, or a 5xx
 * arrived after Snyk may have done the work. The client never retries such a POST (it could
 * create a duplicate), so the provider says what Snyk may now hold and how to adopt it.
 */
import { SnykConnectionError, SnykError, SnykMalformedResponseError, SnykServerError, SnykTimeoutError, type ErrorAdvice } from "./client";

/**
 * True when a failed POST may still have been processed by Snyk. A 2xx answer that is not what
 * the spec says (garbage, or past the size cap) counts: Snyk may well have made the object.
 */
export function mayHaveBeenProcessed(error: unknown): boolean {
  return error instanceof SnykConnectionError || error instanceof SnykTimeoutError || error instanceof SnykServerError ||
    error instanceof SnykMalformedResponseError;
}

/** A create whose outcome is unknown (`CREATE_OUTCOME_UNKNOWN`); `cause` is the failed POST. */
export class AmbiguousCreateError extends SnykError {
  static override readonly code: string = "CREATE_OUTCOME_UNKNOWN";
  /** Ids of the objects matching the declaration, or undefined when the search failed. */
  readonly candidates?: string[];

  /**
   * @param message what happened and what to do
   * @param cause the failure of the POST
   * @param candidates the matches found, if the search worked
   * @param advice the same advice as data
   */
  constructor(message: string, cause: Error, candidates: string[] | undefined, advice: ErrorAdvice) {
    super(message, { cause, advice });
    if (candidates !== undefined) this.candidates = candidates;
  }
}

/**
 * The error for a create whose outcome is unknown, naming the objects that match the
 * declaration so the user can adopt the one this run created instead of creating a duplicate.
 *
 * @param what e.g. `app "CI bot" in org …`
 * @param cause the failure of the POST
 * @param candidates ids of existing objects matching the declaration, or undefined if the search failed
 */
export function ambiguousCreateError(what: string, cause: Error, candidates: string[] | undefined): AmbiguousCreateError {
  const advice =
    candidates === undefined
      ? "Checking what Snyk holds failed too: look for it in Snyk before running again, and adopt it with adoptId if it is there."
      : candidates.length === 0
        ? "Nothing matching it showed up in Snyk. Run again: the next run looks again before creating, and names what to adopt if Snyk did create it."
        : `Snyk holds ${candidates.length === 1 ? "one match" : `${candidates.length} matches`}: ${candidates.join(", ")}. ` +
          `If it was made by this run, set adoptId: "${candidates[candidates.length - 1]}" with resetSecretOnAdopt: true ` +
          "(the secret Snyk minted with it was lost) and run again, so no duplicate is created.";
  const data: ErrorAdvice = candidates === undefined
    ? {}
    : candidates.length === 0
      ? { runAgain: true }
      : { adoptId: candidates[candidates.length - 1], resetSecretOnAdopt: true };
  return new AmbiguousCreateError(`The answer to creating ${what} was lost (${cause.message}); Snyk may have created it. ${advice}`, cause, candidates, data);
}
