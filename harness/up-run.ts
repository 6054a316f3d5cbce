/**
 * One `up` (or preview) of the program harness, in the engine's order (see the header of
 * `program-harness.ts` for the rules): registrations go one at a time through the step generator
 * (Check, Diff and the decision, never two at once), their Create/Update/replacement steps run in
 * parallel up to the step bound, and deletions (resources the program no longer registers, old
 * objects of replacements, pending deletes of earlier runs) run at the end, dependents first.
 */
import { ConcurrencyLimiter } from "../provider/client/concurrency-limiter";
import { deleteInOrder } from "./delete-scheduler";
import { dependentReplacements } from "./dependent-replacements";
import { applyIgnoreChanges, containsUnknown, EngineDiff, interpretDiff, shouldTriggerReplace } from "./engine-diff";
import {
  deleteProtectedMessage,
  interruptedMessage,
  replaceProtectedDependentMessage,
  replaceProtectedMessage,
  triggerUnknownMessage,
} from "./engine-messages";
import { HarnessOp } from "./harness-events";
import { Named } from "./harness-reporter";
import { ResourceState, StackState } from "./harness-state";
import { RunLedger } from "./run-ledger";
import { HarnessFailure, UpResult } from "./harness-types";
import { ResourceRegistration } from "./mock-program";
import { OperationJournal } from "./operation-journal";
import { ProviderHost, ProviderHostError } from "./provider-host";
import { markSecrets, recordOf, secretOutputsOf } from "./resource-record";
import { PropertyMap } from "./struct";
import { Decision, Plan, StepFailed, UpRunSettings, emptyUpResult } from "./up-run-types";


/** Thrown to the program when one of its resources failed or was not started (in up-run-types.ts). */
export { StepFailed, UpRunSettings } from "./up-run-types";

/** The run of one `up`; `register` is the mocks' `newResource` for dynamic resources. */
export class UpRun {
  readonly result: UpResult;
  /** Serializes the step generator (Check and Diff), as the engine's is. */
  private readonly generator = new ConcurrencyLimiter(1);
  private readonly ledger: RunLedger;
  private readonly journal: OperationJournal;
  private halted = false;

  constructor(private readonly settings: UpRunSettings) {
    const prior = settings.prior;
    this.ledger = new RunLedger(prior);
    this.journal = new OperationJournal([...(prior.pendingOperations ?? [])], settings.flush, settings.host.diedDuring);
    this.result = emptyUpResult(settings.preview, prior.resources);
  }

  /** The state as it stands, with these exports (in a preview: the prior state). */
  state(exports: Pick<StackState, "exports" | "secretExports">): StackState {
    return this.ledger.state(exports, this.journal.operations);
  }


  /** True when no step failed and the run was not killed, so deletions may run. */
  get succeeded(): boolean {
    return this.result.failures.length === 0 && !this.journal.killed;
  }

  /** Handles one registration: the step generator's decision, then its step. Returns what the program gets back. */
  async register(reg: ResourceRegistration): Promise<{ id?: string; state: PropertyMap }> {
    this.ledger.registered.push(reg.urn);
    try {
      const decision = await this.generator.run(() => this.generate(reg));
      return await this.settings.steps.run(() => this.execute(decision));
    } catch (err) {
      this.ledger.keepOld(reg.urn);
      throw err;
    }
  }

  /** Deletes (or, in a preview, plans to delete) what the program no longer registers and the old objects of replacements. */
  async deleteAtEnd(): Promise<void> {
    if (!this.succeeded) return;
    const gone = this.ledger.unclaimed();
    const replaced = new Set(this.ledger.pendingDeletes);
    await deleteInOrder([...gone, ...this.ledger.pendingDeletes], this.settings.steps, (resource) =>
      this.deleteOne(resource, replaced.has(resource) ? "delete-replaced" : "delete"),
    );
  }

  // ---- step generator (serial) ----

  private async generate(reg: ResourceRegistration): Promise<Decision> {
    this.stopIfHalted();
    this.ledger.generated.add(reg.urn);
    const host = await this.settings.host();
    const old = this.ledger.takeOld(reg);
    const recreating = this.ledger.deletedForReplacement.has(reg.urn);
    const targeted = old !== undefined && this.settings.replace.includes(reg.urn);
    const decision: Decision = { reg, plan: "create", old, inputs: {}, deleteFirst: false, dependents: [], oldGone: recreating };

    const importId = reg.options.importId;
    if (importId && (!old || old.id !== importId)) return { ...decision, plan: "import" };

    const goal = old ? applyIgnoreChanges(reg.inputs, old.inputs, reg.options.ignoreChanges) : reg.inputs;
    decision.inputs = await this.check(host, reg, !old || recreating || targeted ? {} : old.inputs, goal);
    if (!old) return decision;
    if (recreating) return { ...decision, plan: "replace", detail: "replaced with a dependency" };

    if (!this.settings.preview && containsUnknown(reg.options.replacementTrigger)) this.fail("update", reg, new Error(triggerUnknownMessage(reg.urn)));
    const triggered = shouldTriggerReplace(reg.options.replacementTrigger, old.replacementTrigger);
    let diff: EngineDiff;
    if (targeted) diff = { changes: true, replaces: ["id"], deleteBeforeReplace: false, changedKeys: [] };
    else if (triggered) diff = { changes: true, replaces: ["replacementTrigger"], deleteBeforeReplace: false, changedKeys: [] };
    else {
      try {
        const answer = await host.diff(old.id, reg.urn, old.outputs, decision.inputs, old.inputs);
        diff = interpretDiff(answer, old.inputs, decision.inputs, reg.options.replaceOnChanges);
      } catch (err) {
        return this.fail("update", reg, err);
      }
    }

    if (!diff.changes) return old.initErrors?.length ? { ...decision, plan: "update", detail: "finishing initialization" } : { ...decision, plan: "same" };
    if (diff.replaces.length === 0) return { ...decision, plan: "update", detail: diff.changedKeys.length ? `changes: ${diff.changedKeys.join(", ")}` : undefined };

    if (reg.options.protect && old.protect) {
      const failure = this.settings.reporter.failure("replace", reg, new Error(replaceProtectedMessage(reg.urn)));
      this.result.failures.push(failure);
      if (!this.settings.preview) throw new StepFailed(failure.message);
    }
    // A replacement is created from the new inputs alone: Check again without the old inputs.
    if (!targeted) decision.inputs = await this.check(host, reg, {}, reg.inputs);
    decision.plan = "replace";
    decision.detail = `replaces: ${diff.replaces.join(", ")}`;
    decision.deleteFirst = reg.options.deleteBeforeReplace ?? diff.deleteBeforeReplace;
    if (decision.deleteFirst) {
      const candidates = [...this.ledger.prior.values()].filter((r) => !this.ledger.generated.has(r.urn) && !this.ledger.removed.has(r));
      decision.dependents = await dependentReplacements(host, this.ledger.priorOf(old).urn, candidates).catch((err: unknown) => this.fail("replace", reg, err));
      const protectedDependent = decision.dependents.find((dependent) => dependent.protect);
      if (protectedDependent) this.fail("replace", reg, new Error(replaceProtectedDependentMessage(protectedDependent.urn, reg.urn)));
      for (const dependent of decision.dependents) this.ledger.deletedForReplacement.add(dependent.urn);
    }
    return decision;
  }

  private async check(host: ProviderHost, reg: ResourceRegistration, olds: PropertyMap, news: PropertyMap): Promise<PropertyMap> {
    try {
      const check = await host.check(reg.urn, olds, news);
      if (check.failures.length === 0) return check.inputs;
      const reasons = check.failures.map((f) => `${f.property}: ${f.reason}`);
      return this.fail("check", reg, Object.assign(new Error(`${reg.name} has a problem: ${reasons.join("; ")}`), { reasons }));
    } catch (err) {
      if (err instanceof StepFailed) throw err;
      return this.fail("check", reg, err);
    }
  }

  // ---- step executor (parallel) ----

  private async execute(decision: Decision): Promise<{ id?: string; state: PropertyMap }> {
    this.stopIfHalted();
    const { reg, plan, old } = decision;
    if (this.settings.preview) return this.plan(decision);
    if (plan === "same" && old) {
      this.settings.reporter.emit("same", "done", reg);
      this.ledger.current.set(reg.urn, recordOf(reg, decision.inputs, old.id, old.outputs));
      this.result.same.push(reg.urn);
      this.settings.save();
      return { id: old.id, state: markSecrets(old.outputs, secretOutputsOf(reg)) };
    }
    if (plan === "import") return this.importStep(reg);

    this.settings.reporter.emit(plan, "started", reg, decision.detail);
    const pending = recordOf(reg, decision.inputs, old?.id ?? "", {});
    let id = old?.id ?? "";
    let outputs: PropertyMap;
    try {
      if (plan === "update" && old) {
        outputs = (await this.journal.around("updating", pending, () => this.host().then((h) => h.update(old.id, reg.urn, old.outputs, decision.inputs, old.inputs)))).properties;
      } else {
        if (plan === "replace" && old && decision.deleteFirst && !decision.oldGone) await this.deleteBeforeReplace(decision, old);
        ({ id, properties: outputs } = await this.journal.around("creating", pending, () => this.host().then((h) => h.create(reg.urn, decision.inputs))));
      }
    } catch (err) {
      const initFailure = err instanceof ProviderHostError ? err.initFailure : undefined;
      if (initFailure) {
        // The engine stores exactly the properties the provider sent as the outputs, with the reasons.
        this.ledger.current.set(reg.urn, recordOf(reg, decision.inputs, initFailure.id || id, initFailure.properties, initFailure.reasons));
        this.ledger.retireOld(decision);
      }
      return this.fail(plan, reg, err);
    }
    this.ledger.current.set(reg.urn, recordOf(reg, decision.inputs, id, outputs));
    this.ledger.retireOld(decision);
    ({ create: this.result.created, update: this.result.updated, replace: this.result.replaced } as Record<string, string[]>)[plan].push(reg.urn);
    this.settings.reporter.emit(plan, "done", reg, decision.detail);
    this.settings.save();
    return { id, state: markSecrets(outputs, secretOutputsOf(reg)) };
  }

  /** A preview's step: nothing changes; the planned outputs are the checked inputs (old outputs when unchanged). */
  private plan(decision: Decision): { id?: string; state: PropertyMap } {
    const { reg, plan, old } = decision;
    for (const dependent of [...decision.dependents].reverse()) this.plannedDelete("delete-replaced", dependent);
    if (plan === "replace" && decision.deleteFirst && old && !decision.oldGone) this.plannedDelete("delete-replaced", old);
    // A create-before-delete replacement's old object is planned for deletion at the end, as in an up.
    this.ledger.retireOld(decision);
    this.settings.reporter.emit(plan, "planned", reg, decision.detail);
    const lists: Record<Plan, string[]> = { create: this.result.created, import: this.result.created, update: this.result.updated, replace: this.result.replaced, same: this.result.same };
    lists[plan].push(reg.urn);
    if (plan === "same" && old) return { id: old.id, state: markSecrets(old.outputs, secretOutputsOf(reg)) };
    // The id stays known for an in-place update; a new object's id is unknown until it exists.
    return { id: plan === "update" ? old?.id : undefined, state: markSecrets(decision.inputs, secretOutputsOf(reg)) };
  }

  private plannedDelete(op: HarnessOp, resource: ResourceState): void {
    this.settings.reporter.emit(op, "planned", resource);
    (op === "delete" ? this.result.deleted : this.result.deletedReplaced).push(resource.urn);
  }

  /** Delete-before-replace: the dependents to replace (dependents first), then the old object. */
  private async deleteBeforeReplace(decision: Decision, old: ResourceState): Promise<void> {
    for (const resource of [...[...decision.dependents].reverse(), this.ledger.priorOf(old)]) {
      if (!(await this.deleteOne(resource, "delete-replaced"))) throw new StepFailed(`could not delete ${resource.urn} before replacing it`);
    }
  }

  /** The `import` option: Read with the id alone, as the engine's ImportStep sends it. */
  private async importStep(reg: ResourceRegistration): Promise<{ id?: string; state: PropertyMap }> {
    this.settings.reporter.emit("import", "started", reg);
    try {
      const read = await (await this.host()).read(reg.options.importId, reg.urn, {}, {});
      if (read.id === "") throw new Error(`resource '${reg.options.importId}' does not exist`);
      this.ledger.current.set(reg.urn, recordOf(reg, read.inputs ?? {}, read.id, read.properties));
      this.result.created.push(reg.urn);
      this.settings.reporter.emit("import", "done", reg);
      return { id: read.id, state: markSecrets(read.properties, secretOutputsOf(reg)) };
    } catch (err) {
      return this.fail("import", reg, err);
    }
  }

  /** Deletes one resource (op `delete` or `delete-replaced`); records a failure and returns false when it could not. */
  private async deleteOne(resource: ResourceState, op: "delete" | "delete-replaced"): Promise<boolean> {
    if (this.settings.preview) {
      if (op === "delete" && resource.protect) {
        this.result.failures.push(this.settings.reporter.failure("delete", resource, new Error(deleteProtectedMessage(resource.urn))));
        return false;
      }
      this.plannedDelete(op, resource);
      return true;
    }
    if (this.halted) return false;
    this.settings.reporter.emit(op, "started", resource);
    try {
      if (op === "delete" && resource.protect) throw new Error(deleteProtectedMessage(resource.urn));
      if (!resource.retainOnDelete) {
        await this.journal.around("deleting", resource, () => this.host().then((h) => h.delete(resource.id, resource.urn, resource.outputs, resource.inputs)));
      }
    } catch (err) {
      if (this.journal.killed || !this.settings.continueOnError) this.halted = true;
      this.result.failures.push(this.settings.reporter.failure(op, resource, err));
      return false;
    }
    this.ledger.removed.add(resource);
    (op === "delete" ? this.result.deleted : this.result.deletedReplaced).push(resource.urn);
    this.settings.reporter.emit(op, "done", resource, resource.retainOnDelete ? "retained (retainOnDelete)" : undefined);
    this.settings.save();
    return true;
  }

  private host(): Promise<ProviderHost> {
    return this.settings.host();
  }

  /** The engine starts no new step once one failed (unless continuing on error) or once it was killed. */
  private stopIfHalted(): void {
    if (this.journal.killed) throw new StepFailed(interruptedMessage);
    if (this.halted) throw new StepFailed("not started: an earlier step failed");
  }

  private fail(op: HarnessOp, resource: Named, err: unknown): never {
    if (err instanceof StepFailed) throw err;
    const failure: HarnessFailure = this.settings.reporter.failure(op, resource, err);
    this.result.failures.push(failure);
    if (this.journal.killed || !this.settings.continueOnError) this.halted = true;
    throw new StepFailed(failure.message);
  }
}
