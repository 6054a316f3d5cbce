/**
 * The step generator of one `up` of the program harness: for each registration, one at a time as
 * the engine's, Check (old inputs, new inputs), Diff against the old outputs, and the decision
 * (create, update, replace, same or import) with what a delete-before-replace must delete first.
 */
import { ConcurrencyLimiter } from "../provider/client/concurrency-limiter";
import { dependentReplacements } from "./dependent-replacements";
import { applyIgnoreChanges, containsUnknown, EngineDiff, interpretDiff, shouldTriggerReplace } from "./engine-diff";
import { replaceProtectedDependentMessage, replaceProtectedMessage, triggerUnknownMessage } from "./engine-messages";
import type { HarnessOp } from "./harness-events";
import type { Named } from "./harness-reporter";
import type { UpResult } from "./harness-types";
import type { ResourceRegistration } from "./mock-program";
import type { ProviderHost } from "./provider-host";
import type { RunLedger } from "./run-ledger";
import type { PropertyMap } from "./struct";
import { Decision, StepFailed, UpRunSettings } from "./up-run-types";

/** What the step generator shares with its run: settings, bookkeeping, result, and how a step fails. */
export interface GeneratorRun {
  settings: UpRunSettings;
  ledger: RunLedger;
  result: UpResult;
  /** Throws {@link StepFailed} once the run stopped starting steps. */
  stopIfHalted(): void;
  /** Records the failure and throws {@link StepFailed}. */
  fail(op: HarnessOp, resource: Named, err: unknown): never;
}

/** Decides, one registration at a time, what the step executor does with each. */
export class StepGenerator {
  /** Serializes Check and Diff, as the engine's step generator is. */
  private readonly serial = new ConcurrencyLimiter(1);

  /** @param run the `up` this generator decides for */
  constructor(private readonly run: GeneratorRun) {}

  /** The decision for `reg`, after every earlier registration's. */
  decide(reg: ResourceRegistration): Promise<Decision> {
    return this.serial.run(() => this.generate(reg));
  }

  private async generate(reg: ResourceRegistration): Promise<Decision> {
    this.run.stopIfHalted();
    this.run.ledger.generated.add(reg.urn);
    const host = await this.run.settings.host();
    const old = this.run.ledger.takeOld(reg);
    const recreating = this.run.ledger.deletedForReplacement.has(reg.urn);
    const targeted = old !== undefined && this.run.settings.replace.includes(reg.urn);
    const decision: Decision = { reg, plan: "create", old, inputs: {}, deleteFirst: false, dependents: [], oldGone: recreating };

    const importId = reg.options.importId;
    if (importId && (!old || old.id !== importId)) return { ...decision, plan: "import" };

    const goal = old ? applyIgnoreChanges(reg.inputs, old.inputs, reg.options.ignoreChanges) : reg.inputs;
    decision.inputs = await this.check(host, reg, !old || recreating || targeted ? {} : old.inputs, goal);
    if (!old) return decision;
    if (recreating) return { ...decision, plan: "replace", detail: "replaced with a dependency" };

    if (!this.run.settings.preview && containsUnknown(reg.options.replacementTrigger)) this.run.fail("update", reg, new Error(triggerUnknownMessage(reg.urn)));
    const triggered = shouldTriggerReplace(reg.options.replacementTrigger, old.replacementTrigger);
    let diff: EngineDiff;
    if (targeted) diff = { changes: true, replaces: ["id"], deleteBeforeReplace: false, changedKeys: [] };
    else if (triggered) diff = { changes: true, replaces: ["replacementTrigger"], deleteBeforeReplace: false, changedKeys: [] };
    else {
      try {
        const answer = await host.diff(old.id, reg.urn, old.outputs, decision.inputs, old.inputs);
        diff = interpretDiff(answer, old.inputs, decision.inputs, reg.options.replaceOnChanges);
      } catch (err) {
        return this.run.fail("update", reg, err);
      }
    }

    if (!diff.changes) return old.initErrors?.length ? { ...decision, plan: "update", detail: "finishing initialization" } : { ...decision, plan: "same" };
    if (diff.replaces.length === 0) return { ...decision, plan: "update", detail: diff.changedKeys.length ? `changes: ${diff.changedKeys.join(", ")}` : undefined };

    if (reg.options.protect && old.protect) {
      const failure = this.run.settings.reporter.failure("replace", reg, new Error(replaceProtectedMessage(reg.urn)));
      this.run.result.failures.push(failure);
      if (!this.run.settings.preview) throw new StepFailed(failure.message);
    }
    // A replacement is created from the new inputs alone: Check again without the old inputs.
    if (!targeted) decision.inputs = await this.check(host, reg, {}, reg.inputs);
    decision.plan = "replace";
    decision.detail = `replaces: ${diff.replaces.join(", ")}`;
    decision.deleteFirst = reg.options.deleteBeforeReplace ?? diff.deleteBeforeReplace;
    if (decision.deleteFirst) {
      const candidates = [...this.run.ledger.prior.values()].filter((r) => !this.run.ledger.generated.has(r.urn) && !this.run.ledger.removed.has(r));
      decision.dependents = await dependentReplacements(host, this.run.ledger.priorOf(old).urn, candidates).catch((err: unknown) => this.run.fail("replace", reg, err));
      const protectedDependent = decision.dependents.find((dependent) => dependent.protect);
      if (protectedDependent) this.run.fail("replace", reg, new Error(replaceProtectedDependentMessage(protectedDependent.urn, reg.urn)));
      for (const dependent of decision.dependents) this.run.ledger.deletedForReplacement.add(dependent.urn);
    }
    return decision;
  }

  private async check(host: ProviderHost, reg: ResourceRegistration, olds: PropertyMap, news: PropertyMap): Promise<PropertyMap> {
    try {
      const check = await host.check(reg.urn, olds, news);
      if (check.failures.length === 0) return check.inputs;
      const reasons = check.failures.map((f) => `${f.property}: ${f.reason}`);
      return this.run.fail("check", reg, Object.assign(new Error(`${reg.name} has a problem: ${reasons.join("; ")}`), { reasons }));
    } catch (err) {
      if (err instanceof StepFailed) throw err;
      return this.run.fail("check", reg, err);
    }
  }
}
