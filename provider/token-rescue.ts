/**
 * Refresh and destroy after a token change. `pulumi refresh`, `pulumi destroy` and `pulumi up
 * --refresh` configure the provider with the stack config recorded in the state at the last
 * `pulumi up`, not the current one, so after `pulumi config set --secret snyk:token NEW` they still
 * send the old token until a plain `pulumi up` records the new config. Stack config wins over
 * `SNYK_TOKEN`, so this client tries `SNYK_TOKEN` when Snyk rejects the recorded token (401), and
 * otherwise says why the token was rejected and what to do.
 */
import { SnykAuthenticationError, SnykClient, SnykClientOptions, SnykError, SnykResponse } from "./client";

/** Raised when Snyk rejects the token (401); the message explains recorded config and the way out. */
export class TokenRejectedError extends SnykError {
  static override readonly code: string = "TOKEN_REJECTED";

  /**
   * @param cause Snyk's 401 (never holds the token)
   * @param rescueTried whether SNYK_TOKEN was tried too and rejected
   */
  constructor(cause: SnykAuthenticationError, rescueTried: boolean) {
    super(
      `Snyk rejected the token (401): ${cause.message}. ` +
        (rescueTried ? "SNYK_TOKEN was tried too and rejected as well. " : "") +
        "`pulumi refresh`, `pulumi destroy` and `pulumi up --refresh` configure the provider with the stack config " +
        "recorded at the last `pulumi up`, not the current one, so after changing snyk:token they still send the old " +
        "token. Set SNYK_TOKEN to a valid token for this command (it is tried whenever the recorded token is rejected), " +
        "or run a plain `pulumi up` first to record the new config. If the token is revoked or expired, make a new one " +
        "and set it with `pulumi config set --secret snyk:token <token>` (or keep it out of the state: SNYK_TOKEN only).",
    );
    Object.defineProperty(this, "cause", { value: cause, configurable: true, writable: true });
  }
}

/** A SnykClient that falls back to another token once its own is rejected with a 401. */
export class TokenRescueClient extends SnykClient {
  private rescued?: SnykClient;

  /**
   * @param options the client's settings, with the recorded token
   * @param rescue the client with `SNYK_TOKEN`, when it is set and differs
   */
  constructor(
    options: SnykClientOptions,
    private readonly rescue?: () => SnykClient,
  ) {
    super(options);
  }

  /** The request with the recorded token, or with `SNYK_TOKEN` once the recorded one was rejected. */
  override async request<T = unknown>(...args: Parameters<SnykClient["request"]>): Promise<SnykResponse<T>> {
    if (this.rescued) return this.viaRescue<T>(args);
    try {
      return await super.request<T>(...args);
    } catch (error) {
      if (!(error instanceof SnykAuthenticationError)) throw error;
      if (!this.rescue) throw new TokenRejectedError(error, false);
      this.rescued = this.rescue();
      return this.viaRescue<T>(args);
    }
  }

  private async viaRescue<T>(args: Parameters<SnykClient["request"]>): Promise<SnykResponse<T>> {
    try {
      return await this.rescued!.request<T>(...args);
    } catch (error) {
      if (error instanceof SnykAuthenticationError) throw new TokenRejectedError(error, true);
      throw error;
    }
  }
}
