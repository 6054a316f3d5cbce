/**
 * Runs deletions as the engine schedules them (`ScheduleDeletes`): a resource is deleted only once
 * every resource of the set that depends on it is gone, independent ones in parallel up to the
 * step bound; once one deletion fails, no further deletion starts.
 */
import { ConcurrencyLimiter } from "../provider/client/concurrency-limiter";
import { deletionOrder } from "./deletion-order";
import { ResourceState } from "./harness-state";

/**
 * Deletes `resources` (in registration order) with `deleteOne`, which returns false when the
 * deletion failed; resolves when nothing more will start.
 */
export function deleteInOrder(
  resources: ResourceState[],
  steps: ConcurrencyLimiter,
  deleteOne: (resource: ResourceState) => Promise<boolean>,
): Promise<void> {
  // Kept up to date as deletions end, so each completion costs its own dependencies, not a scan
  // of every resource left (thousands of resources would make that quadratic).
  const remaining = new Set(resources);
  const index = new Map(resources.map((r, i) => [r, i]));
  const byUrn = new Map<string, ResourceState[]>();
  for (const r of resources) byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
  const dependents = new Map<string, number>();
  const dependenciesOf = (r: ResourceState) => new Set(r.dependencies.filter((d) => d !== r.urn));
  for (const r of resources) for (const d of dependenciesOf(r)) dependents.set(d, (dependents.get(d) ?? 0) + 1);
  let inFlight = 0;
  let failed = false;
  return new Promise((resolve) => {
    const start = (ready: ResourceState[]) => {
      // Last registered first, as the engine deletes.
      for (const resource of ready.sort((a, b) => index.get(b)! - index.get(a)!)) {
        remaining.delete(resource);
        inFlight++;
        void steps
          .run(async () => !failed && (await deleteOne(resource)))
          .then((deleted) => {
            inFlight--;
            if (!deleted) failed = true;
            const freed: string[] = [];
            for (const d of dependenciesOf(resource)) {
              const left = dependents.get(d)! - 1;
              dependents.set(d, left);
              if (left === 0) freed.push(d);
            }
            if (!failed) start(freed.flatMap((urn) => (byUrn.get(urn) ?? []).filter((r) => remaining.has(r))).concat(stuck()));
            if (inFlight === 0) resolve();
          });
      }
    };
    // Should the recorded dependencies form a cycle, the one `deletionOrder` would pick, so that
    // deletion always makes progress.
    const stuck = () => (inFlight === 0 && remaining.size > 0 && ![...remaining].some(isReady) ? deletionOrder([...remaining]).slice(0, 1) : []);
    const isReady = (r: ResourceState) => (dependents.get(r.urn) ?? 0) === 0;
    start([...remaining].filter(isReady).concat(stuck()));
    if (inFlight === 0) resolve();
  });
}
