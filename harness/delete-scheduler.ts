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
  const remaining = [...resources];
  const inFlight = new Set<ResourceState>();
  let failed = false;
  return new Promise((resolve) => {
    const schedule = () => {
      if (!failed) {
        for (const resource of readyToDelete(remaining, inFlight)) {
          remaining.splice(remaining.indexOf(resource), 1);
          inFlight.add(resource);
          void steps
            .run(async () => !failed && (await deleteOne(resource)))
            .then((deleted) => {
              inFlight.delete(resource);
              if (!deleted) failed = true;
              schedule();
            });
        }
      }
      if (inFlight.size === 0) resolve();
    };
    schedule();
  });
}

/**
 * The resources of `remaining` (in registration order) that nothing still present depends on,
 * last registered first. Should the recorded dependencies form a cycle, the one `deletionOrder`
 * would pick, so that deletion always makes progress.
 */
function readyToDelete(remaining: ResourceState[], inFlight: Set<ResourceState>): ResourceState[] {
  const present = new Set([...remaining, ...inFlight].map((r) => r.urn));
  const dependedOn = new Set<string>();
  for (const r of [...remaining, ...inFlight]) for (const d of r.dependencies) if (d !== r.urn && present.has(d)) dependedOn.add(d);
  const ready = remaining.filter((r) => !dependedOn.has(r.urn)).reverse();
  if (ready.length === 0 && inFlight.size === 0 && remaining.length > 0) return deletionOrder(remaining).slice(0, 1);
  return ready;
}
