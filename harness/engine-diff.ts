/**
 * How the engine turns a Diff answer and the resource options into a decision, read from
 * pulumi/pulumi `pkg/resource/deploy/step_generator.go` (`diffResource`, `applyReplaceOnChanges`,
 * `processIgnoreChanges`, `shouldTriggerReplace`):
 *
 * - The Node dynamic-provider host forwards only `changes`, `replaces` and `deleteBeforeReplace`:
 *   no changed keys and no detailed diff. `replaceOnChanges` works only on those, so it never
 *   applies to a dynamic provider that has a `diff`. Only when the provider has no `diff` (the
 *   answer is DIFF_UNKNOWN) does the engine compare old and new inputs itself, and then its
 *   changed keys do meet `replaceOnChanges`.
 * - `ignoreChanges` puts the old input values back into the new inputs before Check.
 * - A `replacementTrigger` forces a replacement when its value changed, or is unknown, and both
 *   old and new values are set.
 */
import { sameJson } from "../provider/outputs";
import { DiffResult } from "./provider-host";
import { PropertyMap, UNKNOWN } from "./struct";

/** The engine's view of one Diff. */
export interface EngineDiff {
  changes: boolean;
  /** Keys that force a replacement (empty for an in-place update). */
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** Changed top-level keys, known only when the engine compared inputs itself. */
  changedKeys: string[];
}

/** Interprets a Diff answer as the engine does (see the file header). */
export function interpretDiff(diff: DiffResult, oldInputs: PropertyMap, newInputs: PropertyMap, replaceOnChanges: string[]): EngineDiff {
  if (diff.changes !== "unknown") {
    return { changes: diff.changes === "some", replaces: diff.changes === "some" ? diff.replaces : [], deleteBeforeReplace: diff.deleteBeforeReplace, changedKeys: [] };
  }
  const changedKeys = changedTopLevelKeys(oldInputs, newInputs);
  const forced = changedKeys.filter((key) => replaceOnChanges.some((path) => path === "*" || path === key));
  return {
    changes: changedKeys.length > 0,
    replaces: changedKeys.length > 0 ? [...new Set([...diff.replaces, ...forced])] : [],
    deleteBeforeReplace: diff.deleteBeforeReplace,
    changedKeys,
  };
}

/**
 * Top-level keys whose values differ (`__provider` included, as the engine compares it too). A key
 * null on one side and absent on the other is no change: the engine's `PropertyMap.Diff` counts
 * only keys that have a value.
 */
export function changedTopLevelKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => !sameJson(olds[k], news[k])).sort();
}

/**
 * `ignoreChanges`: each path (`a` or `a.b.c`) takes its old value, or is removed when the old
 * inputs lack it; a path whose parent is missing on either side is left alone.
 */
export function applyIgnoreChanges(inputs: PropertyMap, oldInputs: PropertyMap, paths: string[]): PropertyMap {
  const result = structuredClone(inputs);
  for (const path of paths) {
    const keys = path.split(".");
    const last = keys.pop()!;
    const newParent = walk(result, keys);
    const oldParent = walk(oldInputs, keys);
    if (!newParent || !oldParent) continue;
    if (last in oldParent) newParent[last] = structuredClone(oldParent[last]);
    else delete newParent[last];
  }
  return result;
}

function walk(value: PropertyMap, keys: string[]): PropertyMap | undefined {
  let current: unknown = value;
  for (const key of keys) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as PropertyMap)[key];
  }
  return current && typeof current === "object" && !Array.isArray(current) ? (current as PropertyMap) : undefined;
}

/** True when the trigger forces a replacement: unknown on either side, else set on both sides and different. */
export function shouldTriggerReplace(newTrigger: unknown, oldTrigger: unknown): boolean {
  if (containsUnknown(newTrigger) || containsUnknown(oldTrigger)) return true;
  if (newTrigger === undefined || newTrigger === null || oldTrigger === undefined || oldTrigger === null) return false;
  return !sameJson(newTrigger, oldTrigger);
}

/** True when `value` holds the unknown sentinel anywhere. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
