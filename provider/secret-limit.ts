/**
 * Snyk's refusal of a new secret because the target already holds its limit of 2 live secrets,
 * with the advice that fits what the refusing resource knows.
 */
import type { SnykClient } from "./client";
import { SnykApiError, SnykBadRequestError, SnykConflictError, SnykError } from "./client";
import { ProviderError } from "./provider-error";
import { SecretTarget, describeTarget, manageSecret } from "./secret-target";

/**
 * How many of the target's live secrets the minting resource knows: "one-unknown" is one, with an
 * unknown one beside it (so renaming or `--replace` cannot be the reason).
 */
export type KnownSecrets = "none" | "one" | "one-unknown";

/** Snyk refused a new secret: the target already holds its limit of 2 (`SECRET_LIMIT_REACHED`). */
export class SecretLimitError extends SnykError {
  static override readonly code: string = "SECRET_LIMIT_REACHED";

  /**
   * @param message why, and how to recover
   * @param cause Snyk's refusal
   */
  constructor(message: string, cause: unknown) {
    super(message, { cause, advice: { recoverWithReplace: true } });
  }
}

/**
 * Mints a new secret for `target` with `create`; Snyk's refusal (it holds 2 live secrets already)
 * becomes a {@link SecretLimitError} saying how to recover.
 */
export async function mintSecret(client: SnykClient, target: SecretTarget, known: KnownSecrets): Promise<string> {
  try {
    const secret = await manageSecret(client, target, "create");
    if (!secret) throw new ProviderError("SNYK_MALFORMED_ANSWER", `Snyk minted a secret for ${describeTarget(target)} but did not return it`);
    return secret;
  } catch (error) {
    if (error instanceof SnykConflictError || error instanceof SnykBadRequestError) {
      throw secretLimitError(target, known, error);
    }
    throw error;
  }
}

function secretLimitError(target: SecretTarget, known: KnownSecrets, cause: SnykApiError): SecretLimitError {
  return new SecretLimitError(
    `Snyk refused a new secret for ${describeTarget(target)}: it already holds 2 live secrets ` +
      `(its limit) and this resource knows ${known === "none" ? "neither of them" : "only one"}. ` +
      (known === "one-unknown"
        ? ""
        : "If you renamed this resource in the program, the old name still holds them: add " +
          '`aliases: [{ name: "<its old name>" }]` to its resource options and run again (nothing is minted or revoked). ' +
          "If this is `pulumi up --replace` of this resource (Pulumi then tells the provider nothing about the resource " +
          "being replaced), run it with recoverWithReplace: true: the replaced resource's secrets stop working at the end " +
          "of the run anyway, and its deletion spares the new one. ") +
      (known === "none"
        ? "If you know one of them, pass it as currentSecret (e.g. currentSecret: app.clientSecret) and run again; " +
          "otherwise run once with recoverWithReplace: true: Snyk then replaces every secret, so their consumers need the new one."
        : "Otherwise a secret this resource did not mint is live (created by hand, or a mint whose answer was lost), and only its value could delete it. " +
          "To recover, run once with recoverWithReplace: true: Snyk then replaces every secret, so consumers of the current one need the new one.") +
      ` Snyk said: ${cause.message}`,
    cause,
  );
}
