/**
 * The order in which to delete resources: dependents before what they depend on, and otherwise
 * the reverse of registration order, as `pulumi destroy` does.
 */

/** A resource as far as ordering is concerned. */
export interface OrderedResource {
  urn: string;
  dependencies: string[];
}

/** Returns `resources` (given in registration order) in the order to delete them. */
export function deletionOrder<T extends OrderedResource>(resources: T[]): T[] {
  const remaining = [...resources];
  const order: T[] = [];
  while (remaining.length > 0) {
    const pending = new Set(remaining.map((r) => r.urn));
    const dependedOn = new Set(remaining.flatMap((r) => r.dependencies.filter((d) => pending.has(d) && d !== r.urn)));
    // The last-registered resource nothing else still depends on; fall back to the last one to
    // make progress should the recorded dependencies ever form a cycle.
    let index = remaining.length - 1;
    while (index >= 0 && dependedOn.has(remaining[index].urn)) index--;
    if (index < 0) index = remaining.length - 1;
    order.push(...remaining.splice(index, 1));
  }
  return order;
}
