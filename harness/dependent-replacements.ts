/**
 * The engine's `calculateDependentReplacements` (pulumi/pulumi `step_generator.go`), run before a
 * delete-before-replace: which dependents must be replaced (and so deleted first) too.
 */
import { interpretDiff } from "./engine-diff";
import { ResourceState } from "./harness-state";
import { ProviderHost } from "./provider-host";
import { PropertyMap, UNKNOWN } from "./struct";

/**
 * Walks `candidates` (prior resources in state order, none registered yet in this run) for those
 * depending, transitively, on `rootUrn`. Each whose inputs come from a resource being replaced is
 * asked Diff with those inputs unknown; those answering with a replacement join the set. Returns
 * them in dependency order.
 */
export async function dependentReplacements(host: ProviderHost, rootUrn: string, candidates: ResourceState[]): Promise<ResourceState[]> {
  const dependents = new Set([rootUrn]);
  const replaceSet = new Set([rootUrn]);
  const found: ResourceState[] = [];
  for (const candidate of candidates) {
    if (candidate.urn === rootUrn) continue;
    const propertyDependencies = candidate.propertyDependencies ?? {};
    const edges = [...candidate.dependencies, ...Object.values(propertyDependencies).flat()];
    if (!edges.some((urn) => dependents.has(urn))) continue;
    dependents.add(candidate.urn);
    const inputs: PropertyMap = { ...candidate.inputs };
    let affected = false;
    for (const [key, urns] of Object.entries(propertyDependencies)) {
      if (key in inputs && urns.some((urn) => replaceSet.has(urn))) {
        inputs[key] = UNKNOWN;
        affected = true;
      }
    }
    if (!affected) continue;
    const answer = await host.diff(candidate.id, candidate.urn, candidate.outputs, inputs, candidate.inputs);
    if (interpretDiff(answer, candidate.inputs, inputs, candidate.replaceOnChanges ?? []).replaces.length > 0) {
      replaceSet.add(candidate.urn);
      found.push(candidate);
    }
  }
  return found;
}
