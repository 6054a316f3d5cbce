/**
 * What one `up` of the program harness knows about the stack's resources as it runs: the prior
 * state, which prior records registrations took over (by URN or alias), what the run recorded
 * and deleted, and the old objects waiting for deletion at the end.
 */
import type { ResourceState, StackState } from "./harness-state";
import type { ResourceRegistration } from "./mock-program";
import type { Decision } from "./up-run-types";

/** The bookkeeping of one `up`, from which the state file is written. */
export class RunLedger {
  /** Live resources of the prior state, by URN. */
  readonly prior: Map<string, ResourceState>;
  /** Prior URNs taken over by a registration (same URN or alias). */
  readonly claimed = new Set<string>();
  /** The prior record each registration took over, by the registration's URN. */
  readonly takenOver = new Map<string, ResourceState>();
  /** Prior resources deleted during this run. */
  readonly removed = new Set<ResourceState>();
  /** Resources handled in this run, by URN, in the order their steps completed. */
  readonly current = new Map<string, ResourceState>();
  /** URNs whose step failed or was skipped, so `current` holds their prior record. */
  private readonly keptOld = new Set<string>();
  /** URNs the step generator has seen in this run. */
  readonly generated = new Set<string>();
  /** Dependents deleted by a delete-before-replace, to be created again when they register. */
  readonly deletedForReplacement = new Set<string>();
  /** Old objects to delete at the end of the run: of replacements, and deletions that failed in earlier runs. */
  readonly pendingDeletes: ResourceState[];

  /** @param priorState the state before the run */
  constructor(private readonly priorState: StackState) {
    this.prior = new Map(priorState.resources.map((r) => [r.urn, r]));
    this.pendingDeletes = [...(priorState.pendingDeletes ?? [])];
  }

  /**
   * The state as it stands, with these exports and pending operations. As the engine's snapshot
   * manager writes it (`Snap` in `pkg/backend/snapshot.go`): the resources this run's steps
   * recorded, in the order the steps completed (a dependent's step never completes before its
   * dependencies'), then the prior records kept (failed or skipped steps, and what no registration
   * took over).
   */
  state(exports: Pick<StackState, "exports" | "secretExports">, pendingOperations: StackState["pendingOperations"]): StackState {
    const recorded = [...this.current];
    const fresh = recorded.filter(([urn]) => !this.keptOld.has(urn)).map(([, r]) => r);
    const keptOld = recorded.filter(([urn]) => this.keptOld.has(urn)).map(([, r]) => r);
    const state: StackState = { ...this.priorState, version: 1, resources: [...fresh, ...keptOld, ...this.unclaimed()], ...exports };
    state.pendingDeletes = this.pendingDeletes.filter((r) => !this.removed.has(r));
    state.pendingOperations = pendingOperations;
    return state;
  }

  /** Prior resources no registration took over and the run did not delete. */
  unclaimed(): ResourceState[] {
    return [...this.prior.values()].filter((r) => !this.claimed.has(r.urn) && !this.removed.has(r));
  }

  /** After a failed or skipped step, the prior record stays in state unless the run deleted it or recorded a new one. */
  keepOld(urn: string): void {
    const old = this.takenOver.get(urn);
    if (old && !this.current.has(urn) && !this.removed.has(old) && !this.deletedForReplacement.has(urn)) {
      this.current.set(urn, old.urn === urn ? old : { ...old, urn });
      this.keptOld.add(urn);
    }
  }

  /** The prior resource this registration takes over: its own URN, else the first unclaimed alias. */
  takeOld(reg: ResourceRegistration): ResourceState | undefined {
    for (const urn of [reg.urn, ...reg.options.aliases]) {
      const found = this.prior.get(urn);
      if (found && !this.claimed.has(urn)) {
        this.claimed.add(urn);
        this.takenOver.set(reg.urn, found);
        return urn === reg.urn ? found : { ...found, urn: reg.urn, name: reg.name, type: reg.type };
      }
    }
    return undefined;
  }

  /** After a create-before-delete replacement, the old object waits for the end of the run as a pending delete. */
  retireOld(decision: Decision): void {
    if (decision.plan !== "replace" || !decision.old || decision.deleteFirst || decision.oldGone) return;
    this.pendingDeletes.push(this.priorOf(decision.old));
  }

  /** The prior record behind `old` (which may carry an alias's new URN). */
  priorOf(old: ResourceState): ResourceState {
    return this.takenOver.get(old.urn) ?? old;
  }
}
