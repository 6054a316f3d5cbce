/** The rule shared by SnykApp and SnykAppInstall: `resetSecretOnAdopt` needs `adoptId`. */
import { CheckFailure } from "./check-failure";

/** A failure when `resetSecretOnAdopt` is set without `adoptId` (known or unknown). */
export function resetNeedsAdopt(inputs: Record<string, unknown>, unknown: Set<string>, what: "app" | "install"): CheckFailure[] {
  if (inputs.resetSecretOnAdopt !== true || inputs.adoptId !== undefined || unknown.has("adoptId")) return [];
  return [{ property: "resetSecretOnAdopt", reason: `resetSecretOnAdopt only applies with adoptId: it resets the adopted ${what}'s secret` }];
}
