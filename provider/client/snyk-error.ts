/**
 * The root of every error the Snyk client throws.
 *
 * Every subclass holds only plain, already-sanitized data: never a request config, a header map or
 * a raw transport error, so an error is safe to log, `JSON.stringify` or `util.inspect`.
 */
export class SnykError extends Error {
  /** @param message a message a person can act on; it never holds a credential */
  constructor(message: string) {
    super(message);
    // Non-enumerable, like Error.prototype.name, so inspect output stays short.
    Object.defineProperty(this, "name", { value: new.target.name, configurable: true, writable: true });
  }

  /** The error's own fields (name, message and every enumerable property) as plain data. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/**
 * Raised when the client is built with settings it cannot use: a missing token, an unknown
 * region, an API URL that is not http(s).
 */
export class SnykConfigurationError extends SnykError {}
