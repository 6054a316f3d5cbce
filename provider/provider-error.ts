/**
 * The errors the providers raise themselves (the client's are in `client/`). Each has a stable
 * code; see the table in ARCHITECTURE.md ("Errors").
 */
import { SnykError, type ErrorAdvice } from "./client";

/** The codes of {@link ProviderError}. */
export type ProviderErrorCode =
  /** The program's declaration matches an app Snyk already holds: adopt it or rename. */
  | "APP_MATCH_EXISTS"
  /** The app is already installed where the program installs it: adopt that install. */
  | "INSTALL_EXISTS"
  /** Snyk refused the install (only client-credentials apps can be installed through the API). */
  | "INSTALL_REFUSED"
  /** `adoptId` names nothing Snyk holds there. */
  | "ADOPT_NOT_FOUND"
  /** `adoptId` names an object that differs from the declaration in what cannot change. */
  | "ADOPT_MISMATCH"
  /** Snyk answered successfully but without what the answer must hold. */
  | "SNYK_MALFORMED_ANSWER"
  /** The package is incomplete (a spec file or schema is missing). */
  | "PACKAGE_INCOMPLETE"
  /** The serialized provider names a resource kind this version does not know. */
  | "UNKNOWN_RESOURCE_KIND";

/** An error of the providers' own, with one of the {@link ProviderErrorCode}s. */
export class ProviderError extends SnykError {
  /**
   * @param code what went wrong, as a program matches it
   * @param message what went wrong and what to do, for a person
   * @param options the wrapped error and the advice, as data
   */
  constructor(code: ProviderErrorCode, message: string, options: { cause?: unknown; advice?: ErrorAdvice } = {}) {
    super(message, { ...options, code });
  }
}
