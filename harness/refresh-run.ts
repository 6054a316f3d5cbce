/**
 * `pulumi refresh` as the engine runs it (`RefreshStep.Apply` in pulumi/pulumi
 * `pkg/resource/deploy/step.go`): for every resource, Read with the old outputs (and inputs); an
 * empty id drops it from state; otherwise the refreshed outputs (and the inputs Read returned, if
 * any) replace the old ones, and Diff(olds = refreshed outputs, news = recorded inputs) decides
 * whether the step shows as `same` or `update`. A drift only in outputs that Diff does not report
 * is recorded silently and counts as `same`. Reads (and their Diffs) run in parallel up to the
 * step bound. Init errors are cleared (the host never reports partial reads). The refreshed state
 * lists resources in the order their steps completed, as the engine's snapshot manager appends
 * them (`markNew` in `pkg/backend/snapshot.go`), then any it did not refresh.
 */
import { ConcurrencyLimiter } from "../provider/client/concurrency-limiter";
import { interpretDiff } from "./engine-diff";
import { noChangesExpectedMessage } from "./engine-messages";
import { Reporter } from "./harness-reporter";
import { ResourceState, StackState } from "./harness-state";
import { HarnessFailure, RefreshChange, RefreshOptions, RefreshResult } from "./harness-types";
import { HostSession } from "./host-session";

/** What a refresh needs from the harness. */
export interface RefreshSettings {
  host: HostSession;
  steps: ConcurrencyLimiter;
  reporter: Reporter;
  /**
   * Asks for a (throttled) write of `state` (not called for `previewOnly`); `beforeWrite` brings
   * `state` up to date and must run just before the write (so the run pays for it once per write,
   * not once per resource).
   */
  save: (beforeWrite: () => void) => void;
}

/**
 * Refreshes `state` in place (resources, pending deletes, pending operations) and reports each
 * resource's change in state order.
 */
export async function refreshState(state: StackState, settings: RefreshSettings, options: RefreshOptions = {}): Promise<RefreshResult> {
  const resources = [...state.resources, ...(state.pendingDeletes ?? [])];
  const changes = new Map<ResourceState, RefreshChange>();
  const failures = new Map<ResourceState, HarnessFailure>();
  const refreshed = new Map<ResourceState, ResourceState | undefined>();
  const original = { resources: state.resources, pendingDeletes: state.pendingDeletes };
  // As the engine's snapshot: refreshed resources in the order their steps completed (the Map keeps
  // insertion order), then the ones not (yet) refreshed; a resource Read found gone leaves.
  const withRefreshed = (list: ResourceState[]) => {
    const members = new Set(list);
    const done = [...refreshed].filter(([r, next]) => members.has(r) && next).map(([, next]) => next!);
    return [...done, ...list.filter((r) => !refreshed.has(r))];
  };
  let stale = false;
  const apply = () => {
    if (!stale) return;
    stale = false;
    state.resources = withRefreshed(original.resources);
    if (original.pendingDeletes) state.pendingDeletes = withRefreshed(original.pendingDeletes);
  };

  await Promise.all(
    resources.map((resource) =>
      settings.steps.run(async () => {
        settings.reporter.emit("read", "started", resource);
        try {
          const host = await settings.host();
          const read = await host.read(resource.id, resource.urn, resource.outputs, resource.inputs);
          if (read.id === "") {
            refreshed.set(resource, undefined);
            changes.set(resource, { urn: resource.urn, change: "deleted" });
            settings.reporter.emit("read", "done", resource, "deleted");
          } else {
            const inputs = read.inputs ?? resource.inputs;
            const answer = await host.diff(read.id, resource.urn, read.properties, resource.inputs, inputs);
            const diff = interpretDiff(answer, inputs, resource.inputs, []);
            const next: ResourceState = { ...resource, id: read.id, inputs, outputs: read.properties };
            delete next.initErrors;
            refreshed.set(resource, next);
            changes.set(resource, { urn: resource.urn, change: diff.changes ? "updated" : "same" });
            settings.reporter.emit("read", "done", resource, diff.changes ? "drift (Diff reports changes)" : undefined);
          }
          stale = true;
          if (!options.previewOnly) settings.save(apply);
        } catch (err) {
          failures.set(resource, settings.reporter.failure("read", resource, err));
        }
      }),
    ),
  );

  stale = true;
  apply();
  // A refresh settles every interrupted operation except a CREATE, which needs --clear-pending-creates.
  state.pendingOperations = (state.pendingOperations ?? []).filter((op) => op.type === "creating" && !options.clearPendingCreates);

  const inStateOrder = <T>(found: Map<ResourceState, T>) => resources.filter((r) => found.has(r)).map((r) => found.get(r)!);
  const result: RefreshResult = { changes: inStateOrder(changes), failures: inStateOrder(failures) };
  if (options.expectNoChanges && result.changes.some((c) => c.change !== "same")) {
    result.failures.push({ urn: "", op: "refresh", message: noChangesExpectedMessage });
  }
  return result;
}
