/**
 * The program harness's stack state and its JSON file, shaped after Pulumi's checkpoint. In
 * memory every value is plain; on disk each secret value is replaced by Pulumi's checkpoint form
 * `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:..."}`
 * (see `secret-box.ts`). Secrecy is tracked per top-level property.
 */
import * as fs from "fs";
import { secretSig, signatureKey } from "./property-values";
import { SecretBox } from "./secret-box";
import { PropertyMap } from "./struct";

/** One managed resource as the harness recorded it. */
export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  id: string;
  /** The checked inputs, with `__provider`. */
  inputs: PropertyMap;
  /** The outputs the provider returned (the host adds `__provider`, except on init failures). */
  outputs: PropertyMap;
  /** Top-level input names stored encrypted. */
  secretInputs: string[];
  /** Top-level output names stored encrypted: `additionalSecretOutputs` plus secret input names. */
  secretOutputs: string[];
  /** URNs this resource depends on (explicit, through inputs, and its parent). */
  dependencies: string[];
  /** Per input, the URNs its value came from (used to find dependents of a delete-before-replace). */
  propertyDependencies?: Record<string, string[]>;
  protect: boolean;
  /** `retainOnDelete`: a delete drops the resource from state without calling the provider. */
  retainOnDelete?: boolean;
  /** `ignoreChanges` paths of the last registration. */
  ignoreChanges?: string[];
  /** `replaceOnChanges` paths of the last registration. */
  replaceOnChanges?: string[];
  /** The `replacementTrigger` value of the last registration (absent when not set). */
  replacementTrigger?: unknown;
  /** Reasons of an unfinished initialisation; the next `up` updates the resource. */
  initErrors?: string[];
}

/** What the engine was doing when a run was killed (Pulumi's `pending_operations`). */
export interface PendingOperation {
  type: "creating" | "updating" | "deleting";
  resource: ResourceState;
}

/** The default `pulumi:providers:pulumi-nodejs` provider as the engine records it. */
export interface DefaultProviderState {
  urn: string;
  /** The stack config it was configured with at the last `up` (its inputs). */
  inputs: Record<string, string>;
  /** Config keys stored encrypted. */
  secretInputs: string[];
}

/** The whole stack. Resources are kept in registration order. */
export interface StackState {
  version: 1;
  resources: ResourceState[];
  exports: PropertyMap;
  secretExports: string[];
  /**
   * Old objects of create-before-delete replacements whose deletion has not happened or failed
   * (the engine's `delete: true` entries); the next `up` deletes them at its end.
   */
  pendingDeletes?: ResourceState[];
  /** Operations a killed run left unfinished. */
  pendingOperations?: PendingOperation[];
  /** The default provider and the config recorded with it; absent before the first `up`. */
  defaultProvider?: DefaultProviderState;
}

/** An empty stack. */
export function emptyState(): StackState {
  return { version: 1, resources: [], exports: {}, secretExports: [] };
}

/** Reads the state file (an empty stack when it does not exist), decrypting secrets. */
export function loadState(path: string, box: SecretBox): StackState {
  if (!fs.existsSync(path)) return emptyState();
  const stored = JSON.parse(fs.readFileSync(path, "utf8")) as StackState;
  return mapSecrets(stored, (values, keys) => mapKeys(values, keys, (v) => box.decrypt(ciphertextOf(v))));
}

/** Writes the state file with every secret value encrypted. */
export function saveState(path: string, box: SecretBox, state: StackState): void {
  const sealed = mapSecrets(state, (values, keys) => mapKeys(values, keys, (v) => ({ [signatureKey]: secretSig, ciphertext: box.encrypt(v) })));
  fs.writeFileSync(path, JSON.stringify(sealed, null, 2) + "\n");
}

/** A copy of `state` with `fn` applied to every property map and its secret keys; optional parts stay absent when absent. */
function mapSecrets(state: StackState, fn: (values: PropertyMap, keys: string[]) => PropertyMap): StackState {
  const resource = (r: ResourceState): ResourceState => ({ ...r, inputs: fn(r.inputs, r.secretInputs), outputs: fn(r.outputs, r.secretOutputs) });
  const result: StackState = {
    version: 1,
    resources: state.resources.map(resource),
    exports: fn(state.exports, state.secretExports),
    secretExports: state.secretExports,
  };
  if (state.pendingDeletes?.length) result.pendingDeletes = state.pendingDeletes.map(resource);
  if (state.pendingOperations?.length) result.pendingOperations = state.pendingOperations.map((op) => ({ ...op, resource: resource(op.resource) }));
  if (state.defaultProvider) {
    const provider = state.defaultProvider;
    result.defaultProvider = { ...provider, inputs: fn(provider.inputs, provider.secretInputs) as Record<string, string> };
  }
  return result;
}

function mapKeys(values: PropertyMap, keys: string[], fn: (value: unknown) => unknown): PropertyMap {
  const result = { ...values };
  for (const key of keys) if (key in result) result[key] = fn(result[key]);
  return result;
}

function ciphertextOf(value: unknown): string {
  const sealed = value as Record<string, unknown> | null;
  if (sealed?.[signatureKey] !== secretSig || typeof sealed.ciphertext !== "string") {
    throw new Error("state file: a secret value is not in ciphertext form");
  }
  return sealed.ciphertext;
}
