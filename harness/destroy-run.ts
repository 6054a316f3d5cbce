/**
 * `pulumi destroy` as the engine runs it: Delete of every resource (and every pending delete),
 * dependents first and independent ones in parallel, none started after a failure. A protected
 * resource is refused with the CLI's error; a `retainOnDelete` one leaves the state without a
 * Delete call. Each Delete is journalled as a pending operation.
 */
import { ConcurrencyLimiter } from "../provider/client/concurrency-limiter";
import { deleteInOrder } from "./delete-scheduler";
import { deleteProtectedMessage } from "./engine-messages";
import { Reporter } from "./harness-reporter";
import { StackState } from "./harness-state";
import { DestroyResult } from "./harness-types";
import { HostSession } from "./host-session";
import { OperationJournal } from "./operation-journal";

/** What a destroy needs from the harness. */
export interface DestroySettings {
  host: HostSession;
  steps: ConcurrencyLimiter;
  reporter: Reporter;
  save: () => void;
  flush: () => void;
}

/** Deletes everything in `state`, updating it in place. */
export async function destroyState(state: StackState, settings: DestroySettings): Promise<DestroyResult> {
  const result: DestroyResult = { deleted: [], failures: [] };
  state.pendingOperations = state.pendingOperations ?? [];
  const journal = new OperationJournal(state.pendingOperations, settings.flush, settings.host.diedDuring);
  const pendingDeletes = new Set(state.pendingDeletes ?? []);
  await deleteInOrder([...state.resources, ...pendingDeletes], settings.steps, async (resource) => {
    if (journal.killed) return false;
    const op = pendingDeletes.has(resource) ? "delete-replaced" : "delete";
    settings.reporter.emit(op, "started", resource);
    try {
      if (op === "delete" && resource.protect) throw new Error(deleteProtectedMessage(resource.urn));
      if (!resource.retainOnDelete) {
        await journal.around("deleting", resource, async () => (await settings.host()).delete(resource.id, resource.urn, resource.outputs, resource.inputs));
      }
    } catch (err) {
      result.failures.push(settings.reporter.failure(op, resource, err));
      return false;
    }
    state.resources = state.resources.filter((r) => r !== resource);
    if (state.pendingDeletes) state.pendingDeletes = state.pendingDeletes.filter((r) => r !== resource);
    if (state.resources.length === 0 && !state.pendingDeletes?.length) {
      Object.assign(state, { exports: {}, secretExports: [] });
      delete state.defaultProvider;
    }
    if (op === "delete") result.deleted.push(resource.urn);
    settings.reporter.emit(op, "done", resource, resource.retainOnDelete ? "retained (retainOnDelete)" : undefined);
    settings.save();
    return true;
  });
  return result;
}
