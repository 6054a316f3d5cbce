/**
 * Pulumi's sentinel for values not known until apply. During `pulumi preview`, `check` and `diff`
 * receive it in place of outputs of resources not yet created.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when the value is, or contains anywhere, Pulumi's unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * The changed properties whose new value is known. In a preview, an app that is only updated
 * hands its dependents unknown ids (Pulumi's dynamic provider host cannot predict outputs), so an
 * unknown id is reported as a change, not a replacement: if the id really changes, `pulumi up`
 * sees the new value and replaces then.
 */
export function knownChanges<K extends string>(changed: readonly K[], news: Partial<Record<K, unknown>>): K[] {
  return changed.filter((key) => !containsUnknown(news[key]));
}
