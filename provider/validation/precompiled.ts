/**
 * Input validators compiled at build time (`scripts/compile-validators.js` writes
 * `compiled-validators.js` beside this file with ajv's standalone code). Loading them costs a few
 * milliseconds, where loading ajv and compiling the schemas costs ~150 ms in the provider host
 * before the first `check` of a deployment can answer.
 */
import type { ValidateFunction } from "ajv";
import type { ValidatorName } from "./ajv-options";

let loaded: Partial<Record<ValidatorName, ValidateFunction>> | null | undefined;

/** The precompiled validator of a resource kind, or undefined when the build did not make one. */
export function precompiledValidator(name: ValidatorName): ValidateFunction | undefined {
  if (loaded === undefined) {
    try {
      loaded = require("./compiled-validators");
    } catch {
      loaded = null;
    }
  }
  return loaded?.[name];
}
