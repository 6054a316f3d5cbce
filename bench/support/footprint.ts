/** Bytes a deployment stores: the serialized provider in each resource, and the state per resource. */
import * as fs from "fs";
import type { StackState } from "../../harness/program-harness";
import { KindName, kindOfType } from "./provider-texts";

/** The target: the serialized provider of each kind under 8 KB. */
export const SERIALIZED_PROVIDER_TARGET_BYTES = 8 * 1024;

/** The state file's size and what each resource of a kind takes in it. */
export interface StateFootprint {
  fileBytes: number;
  resources: number;
  /** The whole file over its resources. */
  bytesPerResource: number;
  byKind: Partial<Record<KindName, { count: number; bytesPerResource: number; providerBytes: number }>>;
}

/**
 * Measures a harness state file as written (secrets encrypted): per kind the average size of a
 * resource's record (compact JSON) and of its `__provider` text.
 */
export function stateFootprint(statePath: string): StateFootprint {
  const text = fs.readFileSync(statePath, "utf8");
  const state = JSON.parse(text) as StackState;
  const sums: Partial<Record<KindName, { count: number; bytes: number; providerBytes: number }>> = {};
  for (const resource of state.resources) {
    const kind = kindOfType(resource.type);
    if (!kind) continue;
    const sum = (sums[kind] ??= { count: 0, bytes: 0, providerBytes: 0 });
    sum.count++;
    sum.bytes += Buffer.byteLength(JSON.stringify(resource));
    sum.providerBytes += Buffer.byteLength(String(resource.inputs.__provider ?? ""));
  }
  const byKind: StateFootprint["byKind"] = {};
  for (const [kind, sum] of Object.entries(sums) as [KindName, { count: number; bytes: number; providerBytes: number }][]) {
    byKind[kind] = { count: sum.count, bytesPerResource: Math.round(sum.bytes / sum.count), providerBytes: Math.round(sum.providerBytes / sum.count) };
  }
  const fileBytes = Buffer.byteLength(text);
  const resources = state.resources.length;
  return { fileBytes, resources, bytesPerResource: resources ? Math.round(fileBytes / resources) : 0, byKind };
}
