/**
 * The root of every error this package throws, client and providers alike.
 *
 * Every error has a `code` a program can match (stable: a message's wording may change, a code
 * does not), keeps its `cause`, and carries the advice it gives as data ({@link ErrorAdvice}),
 * so nobody has to parse a message. Every subclass holds only plain, already-sanitized data: never
 * a request config, a header map or a raw transport error, so an error is safe to log,
 * `JSON.stringify` or `util.inspect`.
 */

/** The changes to the program an error advises; each field is set only when advised. */
export interface ErrorAdvice {
  /** Take over this existing Snyk object: set `adoptId` to it. */
  adoptId?: string;
  /** With `adoptId`: the adopted object's secret was lost with the run that made it, so replace it. */
  resetSecretOnAdopt?: boolean;
  /** On a SnykAppSecret: let Snyk replace every secret (their consumers need the new one). */
  recoverWithReplace?: boolean;
  /** Run `pulumi up` again as it is: the next run finishes or looks again. */
  runAgain?: boolean;
}

/** What an error is built from besides its message. */
export interface SnykErrorOptions {
  /** Replaces the class's code (a class may have several, e.g. the configuration errors). */
  code?: string;
  /** The error this one wraps. */
  cause?: unknown;
  /** What the error advises the user to change. */
  advice?: ErrorAdvice;
}

/** The root class; see the file comment. */
export class SnykError extends Error {
  /** The code of errors of this class, unless one is given. */
  static readonly code: string = "SNYK_ERROR";
  /** A stable code, e.g. `SNYK_NOT_FOUND`, `CONFIG_MISSING_TOKEN`, `APP_MATCH_EXISTS`. */
  readonly code: string;
  /** The error this one wraps, when it wraps one. */
  declare readonly cause?: unknown;
  /** What the error advises the user to change, when it advises anything. */
  readonly advice?: ErrorAdvice;

  /**
   * @param message a message a person can act on; it never holds a credential
   * @param options code, cause and advice
   */
  constructor(message: string, options: SnykErrorOptions = {}) {
    super(message);
    // Non-enumerable, like Error.prototype.name, so inspect output stays short.
    Object.defineProperty(this, "name", { value: new.target.name, configurable: true, writable: true });
    this.code = options.code ?? (new.target as typeof SnykError).code;
    if (options.cause !== undefined) Object.defineProperty(this, "cause", { value: options.cause, configurable: true, writable: true });
    if (options.advice !== undefined && Object.keys(options.advice).length > 0) this.advice = options.advice;
  }

  /** The error's own fields (name, message, code, advice and every enumerable property) as plain data. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/**
 * Raised when the client is built with settings it cannot use: a missing token
 * (`CONFIG_MISSING_TOKEN`), an unknown region or an API URL that is not http(s) (`CONFIG_INVALID`).
 */
export class SnykConfigurationError extends SnykError {
  static override readonly code: string = "CONFIG_INVALID";
}

/** The code and advice of an error, as {@link errorTrailer} writes them. */
export interface ErrorTrailer {
  code: string;
  advice: ErrorAdvice;
}

const TRAILER_PREFIX = "[pulumi-snyk-apps ";
const TRAILER = /\[pulumi-snyk-apps (\{[^\n]*\})\]\s*$/;

/**
 * The line the providers append to the message of an error that leaves Pulumi's provider host:
 * the host passes only the message (and, for a partial create, the init-failure properties) to
 * the engine, so this is how the code and advice reach whoever reads the error there.
 * `[pulumi-snyk-apps {"code":"APP_MATCH_EXISTS","advice":{"adoptId":"…","resetSecretOnAdopt":true}}]`;
 * read it back with {@link readErrorTrailer}.
 */
export function errorTrailer(error: SnykError): string {
  return `${TRAILER_PREFIX}${JSON.stringify({ code: error.code, advice: error.advice ?? {} })}]`;
}

/**
 * The code and advice at the end of an error message that crossed the provider host, or
 * undefined when it carries none (an error from outside this package). The one documented way
 * to read them from text: never parse the wording.
 */
export function readErrorTrailer(message: string | undefined): ErrorTrailer | undefined {
  const json = TRAILER.exec(message ?? "")?.[1];
  if (json === undefined) return undefined;
  try {
    const parsed = JSON.parse(json) as Partial<ErrorTrailer>;
    if (typeof parsed.code !== "string") return undefined;
    return { code: parsed.code, advice: typeof parsed.advice === "object" && parsed.advice !== null ? parsed.advice : {} };
  } catch {
    return undefined;
  }
}

/** Appends {@link errorTrailer} to a SnykError's message once; leaves other values as they are. */
export function withErrorTrailer<E>(error: E): E {
  if (error instanceof SnykError && !error.message.includes(TRAILER_PREFIX)) {
    error.message = `${error.message}\n${errorTrailer(error)}`;
  }
  return error;
}
