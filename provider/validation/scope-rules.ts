/**
 * The rules a SnykApp's `scopes` follow beyond the spec's (at least one, non-empty, no repeats).
 * Errors at `check`: a name that cannot be a scope (not dotted lowercase: `org read`, `Org.Read`),
 * and a typo of a documented scope (`org.reed`, at most TYPO_DISTANCE edits from `org.read`).
 * Warnings: any other name outside Snyk's documented set (Snyk adds scopes, so it may be new) and
 * a list without `org.read`, which Snyk requires.
 */
import type { CheckFailure } from "./check-failure";
import { closestScope, DOCUMENTED_SCOPES, MANDATORY_SCOPE, SCOPE_SHAPE, TYPO_DISTANCE } from "./snyk-scopes";

const didYouMean = (name: string): string => {
  const close = closestScope(name);
  return close !== undefined && close.scope !== name ? ` (did you mean ${close.scope}?)` : "";
};

const isTypo = (name: string): boolean => {
  const close = closestScope(name);
  return close !== undefined && close.distance > 0 && close.distance <= TYPO_DISTANCE;
};

/**
 * One failure per entry that cannot be a scope or is a typo of a documented one. Empty entries are
 * left to the schema's rule.
 *
 * @param scopes the `scopes` input, when known
 */
export function invalidScopes(scopes: unknown): CheckFailure[] {
  if (!Array.isArray(scopes)) return [];
  const failures: CheckFailure[] = [];
  scopes.forEach((scope, i) => {
    if (typeof scope !== "string" || scope === "" || scope in DOCUMENTED_SCOPES) return;
    if (!SCOPE_SHAPE.test(scope)) {
      failures.push({
        property: "scopes",
        reason: `scopes[${i}] ${JSON.stringify(scope)} is not a scope: scopes are dotted lowercase names such as org.read${didYouMean(scope)}`,
      });
    } else if (isTypo(scope)) {
      failures.push({
        property: "scopes",
        reason: `scopes[${i}] ${JSON.stringify(scope)} is not one of Snyk's documented scopes${didYouMean(scope)}`,
      });
    }
  });
  return failures;
}

/**
 * Warnings about well-formed scopes: a name outside Snyk's documented set (with the closest
 * documented one), and a list without `org.read`, which Snyk requires of every app.
 *
 * @param scopes the scopes as declared
 */
export function scopeWarnings(scopes: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const scope of scopes) {
    if (!SCOPE_SHAPE.test(scope) || scope in DOCUMENTED_SCOPES || isTypo(scope)) continue;
    warnings.push(`scopes: ${JSON.stringify(scope)} is not one of Snyk's documented scopes${didYouMean(scope)}; Snyk may refuse the app or users may be unable to authorize it.`);
  }
  if (scopes.length > 0 && !scopes.includes(MANDATORY_SCOPE)) {
    warnings.push(`scopes: ${MANDATORY_SCOPE} is missing; Snyk requires every app to request it. Add "${MANDATORY_SCOPE}" to scopes.`);
  }
  return warnings;
}
