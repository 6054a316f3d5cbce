/**
 * The `replaceOnChanges` resource option, applied by the provider's own diff.
 *
 * Pulumi's Node dynamic-provider host forwards only `changes`, `replaces` and
 * `deleteBeforeReplace` from a diff, never the changed keys or a detailed diff, so the engine
 * cannot apply `replaceOnChanges` to a dynamic resource and ignores it silently. The SDK classes
 * therefore hand the option's property list to the provider as the input `replaceOnChanges`, and
 * each kind's diff adds the listed properties that changed to its replacements here.
 */
import { sameJson } from "./outputs";
import { containsUnknown } from "./validation/unknown";

/** The JSON schema of the `replaceOnChanges` input. */
export const REPLACE_ON_CHANGES_SCHEMA = { type: "array", items: { type: "string", minLength: 1 } } as const;

/** The input the SDK classes fill from the resource option. */
export interface ReplaceOnChangesInput {
  /** Property paths whose change replaces the resource; `*` for every property. */
  replaceOnChanges?: string[];
}

/**
 * The properties listed in `news.replaceOnChanges` whose new value differs from the old output
 * (or is not known yet). A nested path (`rotationTriggers.window`) counts by its top-level property.
 *
 * @param olds the old outputs (they echo every input)
 * @param news the checked inputs
 * @param notEchoed inputs the kind does not echo in its outputs, which never count
 */
export function forcedReplacements(olds: Record<string, any>, news: Record<string, any>, notEchoed: readonly string[] = []): string[] {
  const listed = news.replaceOnChanges;
  if (!Array.isArray(listed) || listed.length === 0) return [];
  const skip = new Set(["__provider", "replaceOnChanges", ...notEchoed]);
  const keys = listed.includes("*")
    ? Object.keys(news)
    : [...new Set(listed.map((path: string) => path.split(/[.[]/)[0]))];
  return keys.filter((key) => !skip.has(key) && news[key] !== undefined && (containsUnknown(news[key]) || !sameValue(olds[key], news[key])));
}

function sameValue(old: unknown, value: unknown): boolean {
  if (Array.isArray(old) && Array.isArray(value) && [...old, ...value].every((v) => typeof v === "string")) {
    return old.length === value.length && sameJson([...old].sort(), [...value].sort());
  }
  return sameJson(old, value);
}
