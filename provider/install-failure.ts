/**
 * Why a POST of a new install failed, as the error to throw: a lost answer names the install it
 * may have made, a conflict names the existing install to adopt, and a refusal explains which
 * apps can be installed through the API.
 */
import { SnykBadRequestError, SnykConflictError } from "./client";
import { ProviderError } from "./provider-error";
import { duplicateAdvice } from "./duplicate-advice";
import { ambiguousCreateError, mayHaveBeenProcessed } from "./ambiguous";
import { InstallOwner, describeOwner } from "./install-owner";

/**
 * The error to throw for `error`, the failure of installing `inputs.appId` into the owner;
 * `installOfApp` looks for an install of that app there (it may fail).
 */
export async function installFailure(error: unknown, inputs: InstallOwner & { appId: string }, installOfApp: () => Promise<string | undefined>): Promise<unknown> {
  if (mayHaveBeenProcessed(error)) {
    const existing = await installOfApp().then(
      (id) => (id ? [id] : []),
      () => undefined,
    );
    return ambiguousCreateError(`the install of app ${inputs.appId} into ${describeOwner(inputs)}`, error as Error, existing);
  }
  if (error instanceof SnykConflictError) {
    const existing = await installOfApp().catch(() => undefined);
    return new ProviderError("INSTALL_EXISTS",
      `appId: app ${inputs.appId} is already installed in ${describeOwner(inputs)}` +
        (existing ? ` (install ${existing}). ${duplicateAdvice(existing, "install")}` : ".") +
        ` Snyk said: ${error.message}`,
      { cause: error, advice: existing ? { adoptId: existing, resetSecretOnAdopt: true } : {} },
    );
  }
  if (error instanceof SnykBadRequestError) {
    return new ProviderError("INSTALL_REFUSED",
      `appId: Snyk refused to install app ${inputs.appId} into ${describeOwner(inputs)}. Only apps that use ` +
        "client credentials (unattended authentication, e.g. Snyk's Broker app) can be installed through the API; " +
        `apps that sign users in are installed by a user through the OAuth flow instead. Snyk said: ${error.message}`,
      { cause: error },
    );
  }
  return error;
}
