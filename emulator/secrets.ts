/**
 * Snyk's client-secret rules, shared by apps and installs: at most 2 secrets at once, `replace`
 * swaps them all for one new secret, `create` adds one, `delete` removes the one given by value
 * and never the last.
 */
import { ApiError } from "./errors";
import { State } from "./state";
import { SecretRecord } from "./types";

/** Most secrets an app or install holds at once. */
export const MAX_SECRETS = 2;

/** The `mode`/`secret` attributes of a secrets request. */
export interface SecretCommand {
  mode: "replace" | "create" | "delete";
  secret?: string;
}

/**
 * Applies `command` to `holder.secrets` in place and returns the secret to answer with: the new
 * one for `replace`/`create`, the newest remaining one for `delete`. `pointer` is where the
 * attributes sit in the request body (for error sources).
 */
export function manageSecrets(state: State, holder: { secrets: SecretRecord[] }, command: SecretCommand, pointer: string): string {
  if (command.mode === "replace") {
    const fresh = state.mintSecret();
    holder.secrets = [fresh];
    return fresh.value;
  }
  if (command.mode === "create") {
    if (holder.secrets.length >= MAX_SECRETS) {
      throw ApiError.of(409, `at most ${MAX_SECRETS} secrets can be active at once; delete one first`, { pointer: `${pointer}/mode` });
    }
    const fresh = state.mintSecret();
    holder.secrets.push(fresh);
    return fresh.value;
  }
  if (command.secret === undefined || command.secret === "") {
    throw ApiError.of(400, "the secret to delete is required in delete mode", { pointer: `${pointer}/secret` });
  }
  const index = holder.secrets.findIndex((secret) => secret.value === command.secret);
  if (index < 0) throw ApiError.of(404, "no such secret", { pointer: `${pointer}/secret` });
  if (holder.secrets.length === 1) {
    throw ApiError.of(409, "the last secret cannot be deleted; use mode replace", { pointer: `${pointer}/secret` });
  }
  holder.secrets.splice(index, 1);
  return holder.secrets[holder.secrets.length - 1].value;
}
