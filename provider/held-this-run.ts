/**
 * What the stack still holds, as seen by this provider host process during one deployment.
 *
 * Pulumi replaces a resource (a rename without `aliases`, `pulumi up --replace`, a
 * `replacementTrigger`, a replace-forcing change) by creating the new one first and deleting the
 * old URN at the end of the run, by the old id, in the same provider host process; the host's
 * Delete carries no URN. When the new resource adopted the very object the old one held (its
 * `adoptId` is the old id), that Delete would remove an object the stack still manages. So the
 * Check of every resource the program declares with an `adoptId` (and its Create and Update)
 * records the id, and a Delete of a held object leaves it alone. Check runs only for resources
 * the program declares in a `pulumi up` or preview, never in refresh or destroy, so a resource
 * removed from the program, or destroyed, is still deleted.
 *
 * Across runs: a run killed after the adoption but before the old URN's Delete leaves both in
 * state; the next run checks the declared (adopting) resource before it deletes the old URN, so
 * the Delete is still a no-op.
 *
 * SnykAppSecrets share no object but a target's secrets: each declared one records the secrets it
 * holds (keyed by its own newest secret), and the Delete of another one for the same target then
 * deletes only its own secrets instead of replacing them all.
 */

/** The resource kinds whose objects are tracked (ids of different kinds never collide). */
export type HeldKind = "app" | "app-install" | "app-secret";

const heldIds = new Map<HeldKind, Set<string>>();
// target -> the `secret` output of each SnykAppSecret holding it -> the secrets that one holds
const heldSecrets = new Map<string, Map<string, Set<string>>>();
const replacedTargets = new Set<string>();

/** Records that a resource the program declares holds the object `id` of this kind after this run. */
export function holdId(kind: HeldKind, id: string): void {
  let ids = heldIds.get(kind);
  if (!ids) heldIds.set(kind, (ids = new Set()));
  ids.add(id);
}

/** True when a declared resource holds the object `id` of this kind in this run. */
export function isHeld(kind: HeldKind, id: string): boolean {
  return heldIds.get(kind)?.has(id) ?? false;
}

/**
 * Records the client secrets of a target that a declared SnykAppSecret holds after this run.
 *
 * @param target the app or install id
 * @param secret the resource's newest secret, which also tells its holdings apart from others'
 * @param previousSecret the secret before it, when known
 */
export function holdSecrets(target: string, secret: string, previousSecret?: string): void {
  let holders = heldSecrets.get(target);
  if (!holders) heldSecrets.set(target, (holders = new Map()));
  holders.set(secret, new Set(previousSecret === undefined ? [secret] : [secret, previousSecret]));
}

/**
 * The secrets of the target that declared SnykAppSecrets other than the one whose newest secret
 * is `own` hold; undefined when no other one holds the target.
 */
export function secretsHeldByOthers(target: string, own: string): Set<string> | undefined {
  const others = [...(heldSecrets.get(target) ?? new Map<string, Set<string>>()).entries()].filter(([holder]) => holder !== own);
  if (others.length === 0) return undefined;
  return new Set(others.flatMap(([, secrets]) => [...secrets]));
}

/**
 * Records that a SnykAppSecret already in state rotates this target (Check saw its old inputs
 * naming the same target): a Create for the target in this run is its replacement.
 */
export function noteExistingRotation(target: string): void {
  replacedTargets.add(target);
}

/** True when a SnykAppSecret already in state rotates this target (see {@link noteExistingRotation}). */
export function hasExistingRotation(target: string): boolean {
  return replacedTargets.has(target);
}

/** Forgets everything (tests that reuse one process). */
export function forgetAll(): void {
  heldIds.clear();
  heldSecrets.clear();
  replacedTargets.clear();
}
