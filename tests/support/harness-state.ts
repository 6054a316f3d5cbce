/**
 * The program harness's stack state and its JSON file. In memory every value is plain; on disk
 * each secret value is replaced by Pulumi's checkpoint form
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
  protect: boolean;
  /** Reasons of an unfinished initialisation; the next `up` updates the resource. */
  initErrors?: string[];
}

/** The whole stack. Resources are kept in registration order. */
export interface StackState {
  version: 1;
  resources: ResourceState[];
  exports: PropertyMap;
  secretExports: string[];
}

/** An empty stack. */
export function emptyState(): StackState {
  return { version: 1, resources: [], exports: {}, secretExports: [] };
}

/** Reads the state file (an empty stack when it does not exist), decrypting secrets. */
export function loadState(path: string, box: SecretBox): StackState {
  if (!fs.existsSync(path)) return emptyState();
  const stored = JSON.parse(fs.readFileSync(path, "utf8")) as StackState;
  const open = (values: PropertyMap, keys: string[]) => mapKeys(values, keys, (v) => box.decrypt(ciphertextOf(v)));
  return {
    version: 1,
    resources: stored.resources.map((r) => ({ ...r, inputs: open(r.inputs, r.secretInputs), outputs: open(r.outputs, r.secretOutputs) })),
    exports: open(stored.exports, stored.secretExports),
    secretExports: stored.secretExports,
  };
}

/** Writes the state file with every secret value encrypted. */
export function saveState(path: string, box: SecretBox, state: StackState): void {
  const seal = (values: PropertyMap, keys: string[]) =>
    mapKeys(values, keys, (v) => ({ [signatureKey]: secretSig, ciphertext: box.encrypt(v) }));
  const stored: StackState = {
    version: 1,
    resources: state.resources.map((r) => ({ ...r, inputs: seal(r.inputs, r.secretInputs), outputs: seal(r.outputs, r.secretOutputs) })),
    exports: seal(state.exports, state.secretExports),
    secretExports: state.secretExports,
  };
  fs.writeFileSync(path, JSON.stringify(stored, null, 2) + "\n");
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
