/**
 * A copy of a stack's state file whose resources run on another provider: every `__provider`
 * text in their inputs and outputs replaced. The bench refreshes and destroys such a copy on the
 * do-nothing provider to time what the engine and the provider host spend on these very records.
 */
import * as fs from "fs";

interface StateRecord {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** Writes the copy of `statePath` (and its key file) to `copyPath` with `providerText` as every resource's provider. */
export function copyStateWithProvider(statePath: string, copyPath: string, providerText: string): void {
  const state = JSON.parse(fs.readFileSync(statePath, "utf8")) as { resources?: StateRecord[]; pendingDeletes?: StateRecord[] };
  for (const record of [...(state.resources ?? []), ...(state.pendingDeletes ?? [])]) {
    for (const props of [record.inputs, record.outputs]) if (props && "__provider" in props) props.__provider = providerText;
  }
  fs.writeFileSync(copyPath, JSON.stringify(state, null, 2));
  fs.copyFileSync(`${statePath}.key`, `${copyPath}.key`);
}
