/**
 * A preview's steps: nothing changes in Snyk; each decision is reported as planned, and the program
 * gets the planned outputs, as the engine gives them in `pulumi preview`.
 */
import type { HarnessOp } from "./harness-events";
import type { ResourceState } from "./harness-state";
import type { UpResult } from "./harness-types";
import { markSecrets, secretOutputsOf } from "./resource-record";
import type { RunLedger } from "./run-ledger";
import type { PropertyMap } from "./struct";
import type { Decision, Plan, UpRunSettings } from "./up-run-types";

/** What a preview's steps record to: the run's settings (its reporter), bookkeeping and result. */
export interface PreviewRun {
  settings: UpRunSettings;
  ledger: RunLedger;
  result: UpResult;
}

/** A preview's step: nothing changes; the planned outputs are the checked inputs (old outputs when unchanged). */
export function plannedStep(run: PreviewRun, decision: Decision): { id?: string; state: PropertyMap } {
  const { reg, plan, old } = decision;
  for (const dependent of [...decision.dependents].reverse()) plannedDelete(run, "delete-replaced", dependent);
  if (plan === "replace" && decision.deleteFirst && old && !decision.oldGone) plannedDelete(run, "delete-replaced", old);
  // A create-before-delete replacement's old object is planned for deletion at the end, as in an up.
  run.ledger.retireOld(decision);
  run.settings.reporter.emit(plan, "planned", reg, decision.detail);
  const lists: Record<Plan, string[]> = { create: run.result.created, import: run.result.created, update: run.result.updated, replace: run.result.replaced, same: run.result.same };
  lists[plan].push(reg.urn);
  if (plan === "same" && old) return { id: old.id, state: markSecrets(old.outputs, secretOutputsOf(reg)) };
  // The id stays known for an in-place update; a new object's id is unknown until it exists.
  return { id: plan === "update" ? old?.id : undefined, state: markSecrets(decision.inputs, secretOutputsOf(reg)) };
}

/** Reports `resource` as planned for deletion (op `delete` or `delete-replaced`). */
export function plannedDelete(run: PreviewRun, op: HarnessOp, resource: ResourceState): void {
  run.settings.reporter.emit(op, "planned", resource);
  (op === "delete" ? run.result.deleted : run.result.deletedReplaced).push(resource.urn);
}
