/**
 * Helpers for the property bags a provider returns. Pulumi's host fails with "Unexpected struct
 * type" on any `undefined` value AFTER the remote call succeeded, orphaning the object, so every
 * returned bag goes through `definedOnly`.
 */

/** A copy of the object without keys whose value is undefined (recursively into plain objects). */
export function definedOnly<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    out[key] =
      child !== null && typeof child === "object" && !Array.isArray(child)
        ? definedOnly(child as Record<string, unknown>)
        : child;
  }
  return out as T;
}

/** True when two string lists hold the same values, in any order (Snyk may reorder them). */
export function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a || !b) return a === b;
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((v) => right.has(v));
}

/**
 * The list as Snyk returned it, but in the previous order when it holds the same values, so a
 * refresh does not report a reordering as drift.
 */
export function keepOrder(previous: readonly string[] | undefined, current: string[]): string[] {
  return previous && sameSet(previous, current) ? [...previous] : current;
}

/** True when two JSON-like values are equal, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
