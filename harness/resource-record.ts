/**
 * The state record the harness keeps for a registered resource, and the outputs it hands back to
 * the program (secret ones wrapped as secrets, as the engine returns them).
 */
import { ResourceState } from "./harness-state";
import { ResourceRegistration } from "./mock-program";
import { secretSig, signatureKey } from "./property-values";
import { PropertyMap } from "./struct";

/** The record of `reg` with these inputs, id and outputs (and init errors, when it failed to initialise). */
export function recordOf(reg: ResourceRegistration, inputs: PropertyMap, id: string, outputs: PropertyMap, initErrors?: string[]): ResourceState {
  const record: ResourceState = {
    urn: reg.urn,
    type: reg.type,
    name: reg.name,
    id,
    inputs,
    outputs,
    secretInputs: reg.secretInputs,
    secretOutputs: secretOutputsOf(reg),
    dependencies: dependenciesOf(reg),
    propertyDependencies: reg.options.propertyDependencies,
    protect: reg.options.protect,
  };
  if (reg.options.retainOnDelete) record.retainOnDelete = true;
  if (reg.options.ignoreChanges.length > 0) record.ignoreChanges = reg.options.ignoreChanges;
  if (reg.options.replaceOnChanges.length > 0) record.replaceOnChanges = reg.options.replaceOnChanges;
  if (reg.options.replacementTrigger !== undefined) record.replacementTrigger = reg.options.replacementTrigger;
  if (initErrors?.length) record.initErrors = initErrors;
  return record;
}

/** Outputs stored encrypted: `additionalSecretOutputs` plus the names of secret inputs. */
export function secretOutputsOf(reg: ResourceRegistration): string[] {
  return [...new Set([...reg.options.additionalSecretOutputs, ...reg.secretInputs])];
}

/** Explicit and input dependencies, plus the parent unless it is the stack. */
export function dependenciesOf(reg: ResourceRegistration): string[] {
  const parent = reg.options.parent;
  const managedParent = parent && parent.split("::")[2] !== "pulumi:pulumi:Stack" ? [parent] : [];
  return [...new Set([...reg.options.dependencies, ...managedParent])];
}

/** Wraps secret outputs the way the engine returns them, so the program sees secret Outputs. */
export function markSecrets(outputs: PropertyMap, secretKeys: string[]): PropertyMap {
  const marked = { ...outputs };
  for (const key of secretKeys) {
    if (key in marked) marked[key] = { [signatureKey]: secretSig, value: marked[key] };
  }
  return marked;
}
