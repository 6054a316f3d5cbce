/**
 * Credential checks: exchanging a client id and secret at Snyk's `/oauth2/token`
 * (client_credentials grant) to prove they work. New secrets can take seconds to start working,
 * so `waitUntilCredentialsWork` retries with backoff within a bound.
 */
import type { SnykClient } from "./client";
import { SnykError, SnykOAuthError } from "./client";

/** How long and how often to retry a credential check. */
export interface VerifyOptions {
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** The first wait between attempts, doubled each time (default 250 ms). */
  baseDelayMs?: number;
  /** The longest wait between attempts (default 5 s). */
  maxDelayMs?: number;
}

/** The outcome of one exchange. */
export type CredentialStatus = "valid" | "revoked";

/** Raised when credentials did not work within the bound. */
export class CredentialVerificationError extends SnykError {
  static override readonly code: string = "CREDENTIALS_NOT_ACCEPTED";
  /**
   * @param clientId whose credentials failed
   * @param attempts how many exchanges were tried
   * @param lastError what Snyk said last (never the secret)
   */
  constructor(
    readonly clientId: string,
    readonly attempts: number,
    lastError: string,
  ) {
    super(
      `The new credentials of client ${clientId} did not work at /oauth2/token after ${attempts} attempts: ${lastError}`,
    );
  }
}

/**
 * One client_credentials exchange: "valid" when Snyk issues a token, "revoked" when it answers
 * `invalid_client`. Any other failure (the app is not a client-credentials app, the API is down)
 * is thrown.
 */
export async function checkCredentials(client: SnykClient, clientId: string, secret: string): Promise<CredentialStatus> {
  try {
    await client.oauth("/token", { grant_type: "client_credentials", client_id: clientId, client_secret: secret });
    return "valid";
  } catch (error) {
    if (error instanceof SnykOAuthError && error.error === "invalid_client") return "revoked";
    throw error;
  }
}

/**
 * Retries `checkCredentials` with exponential backoff on the client's clock until it says "valid"
 * or the bound passes; answers how many exchanges it took.
 */
export async function waitUntilCredentialsWork(
  client: SnykClient,
  clientId: string,
  secret: string,
  options: VerifyOptions = {},
): Promise<number> {
  const { done, attempts } = await client.retryUntil(
    `the new secret of client ${clientId} is not accepted yet`,
    () => checkCredentials(client, clientId, secret),
    (status) => status === "valid",
    { timeoutMs: options.timeoutMs ?? 60_000, baseDelayMs: options.baseDelayMs ?? 250, maxDelayMs: options.maxDelayMs ?? 5_000 },
  );
  if (!done) throw new CredentialVerificationError(clientId, attempts, "invalid_client (the secret is not accepted yet, or revoked)");
  return attempts;
}
