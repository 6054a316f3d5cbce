/**
 * One `up` (or preview) of the program harness, in the engine's order (see the header of
 * `program-harness.ts` for the rules): registrations go one at a time through the step generator
 * (Check, Diff and the decision, never two at once), their Create/Update/replacement steps run in
 * parallel up to the step bound, and deletions (resources the program no longer registers, old
 * objects of replacements, pending deletes of earlier runs) run at the end, dependents first.
 */
import { deleteInOrder } from "./delete-scheduler";
import { deleteProtectedMessage, interruptedMessage } from "./engine-messages";
import { HarnessOp } from "./harness-events";
import { Named } from "./harness-reporter";
import { ResourceState, StackState } from "./harness-state";
import { RunLedger } from "./run-ledger";
import { GeneratorRun, StepGenerator } from "./step-generator";
import { plannedDelete, plannedStep } from "./preview-step";
import { HarnessFailure, UpResult } from "./harness-types";
import { ResourceRegistration } from "./mock-program";
import { OperationJournal } from "./operation-journal";
import { ProviderHost, ProviderHostError } from "./provider-host";
import { markSecrets, recordOf, secretOutputsOf } from "./resource-record";
import { PropertyMap } from "./struct";
import { Decision, StepFailed, UpRunSettings, emptyUpResult } from "./up-run-types";

/** Thrown to the program when one of its resources failed or was not started (in up-run-types.ts). */
export { StepFailed, UpRunSettings } from "./up-run-types";

/** The run of one `up`; `register` is the mocks' `newResource` for dynamic resources. */
export class UpRun {
  readonly result: UpResult;
  /** What the step generator and a preview's steps share of this run. */
  private readonly shared: GeneratorRun;
  private readonly generator: StepGenerator;
  private readonly ledger: RunLedger;
  private readonly journal: OperationJournal;
  private halted = false;

  constructor(private readonly settings: UpRunSettings) {
    const prior = settings.prior;
    this.ledger = new RunLedger(prior);
    this.journal = new OperationJournal([...(prior.pendingOperations ?? [])], settings.flush, settings.host.diedDuring);
    this.result = emptyUpResult(settings.preview, prior.resources);
    this.shared = {
      settings,
      ledger: this.ledger,
      result: this.result,
      stopIfHalted: () => this.stopIfHalted(),
      fail: (op, resource, err) => this.fail(op, resource, err),
    };
    this.generator = new StepGenerator(this.shared);
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
    try {
      const decision = await this.generator.decide(reg);
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

  // ---- step executor (parallel) ----

  private async execute(decision: Decision): Promise<{ id?: string; state: PropertyMap }> {
    this.stopIfHalted();
    const { reg, plan, old } = decision;
    if (this.settings.preview) return plannedStep(this.shared, decision);
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
      plannedDelete(this.shared, op, resource);
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
