/**
 * Validates resource inputs against a JSON schema with ajv and turns every problem into a
 * `CheckFailure` that names the property and the rule. Properties holding Pulumi's unknown
 * sentinel are left for later, as preview requires.
 */
import type Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { CheckFailure } from "./check-failure";
import { containsUnknown } from "./unknown";
import { JsonSchema } from "../spec";
import { AJV_OPTIONS, ValidatorName } from "./ajv-options";
import { precompiledValidator } from "./precompiled";

/** An input schema: a JSON schema of an object plus a few words per property for messages. */
export interface InputSchema {
  /** The resource kind, naming its validator precompiled at build time. */
  readonly name: ValidatorName;
  /** The JSON schema of the inputs object. */
  readonly schema: JsonSchema;
  /** Rules checked in code after the schema (e.g. "exactly one of"), on the known inputs. */
  readonly extraRules?: (inputs: Record<string, unknown>, unknown: Set<string>) => CheckFailure[];
}

const compiled = new WeakMap<JsonSchema, ValidateFunction>();
let ajv: Ajv | undefined;

/**
 * The validator compiled at run time from the schema: the fallback when the build made no
 * precompiled one (e.g. running from TypeScript sources), and what the precompiled ones are
 * tested against.
 */
export function runtimeValidator(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    if (!ajv) {
      // Loaded on first use: refresh and destroy never validate, and ajv costs ~50 ms to load.
      const AjvClass: typeof Ajv = require("ajv").default;
      ajv = new AjvClass(AJV_OPTIONS);
      require("ajv-formats").default(ajv);
    }
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * Every problem with the inputs, one failure per broken rule; empty when they are valid.
 *
 * @param input the schema and extra rules of the resource kind
 * @param inputs the inputs as `check` receives them (may hold unknowns)
 */
export function validateInputs(input: InputSchema, inputs: Record<string, unknown>): CheckFailure[] {
  const unknown = new Set<string>();
  const known: Record<string, unknown> = {};
  const failures: CheckFailure[] = [];
  const accepted = input.schema.properties ?? {};
  for (const [key, value] of Object.entries(inputs)) {
    if (key === "__provider") continue;
    if (!Object.prototype.hasOwnProperty.call(accepted, key)) {
      // Whatever its value (null included): the schema names what is not an input.
      known[key] = value ?? null;
    } else if (containsUnknown(value)) {
      unknown.add(key);
    } else if (value === null) {
      // Dropping it would preview clean and fail at `up` (or leak null into outputs).
      failures.push({ property: key, reason: `${key} must not be null: leave it out to leave it unset` });
    } else if (value !== undefined) {
      known[key] = value;
    }
  }
  const validate = precompiledValidator(input.name) ?? runtimeValidator(input.schema);
  if (!validate(known)) {
    // One failure per value: "" breaks both minLength and the not-blank pattern, say it once.
    const reported = new Set<string>();
    for (const error of validate.errors ?? []) {
      const failure = describe(error, input.schema);
      const at = error.instancePath + (failure?.property ?? "");
      if (!failure || unknown.has(failure.property) || reported.has(at)) continue;
      if (inputs[failure.property] === null && error.keyword === "required") continue; // said above
      reported.add(at);
      failures.push(failure);
    }
  }
  // A property set to null is reported once, as null, not again as missing by a rule.
  const isNull = (property: string) => Object.prototype.hasOwnProperty.call(accepted, property) && inputs[property] === null;
  failures.push(...(input.extraRules?.(known, unknown) ?? []).filter((f) => !isNull(f.property)));
  return dedupe(failures);
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.property}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(error: ErrorObject, schema: JsonSchema): CheckFailure | undefined {
  const segments = error.instancePath.split("/").slice(1);
  const params = error.params as Record<string, any>;
  if (error.keyword === "required") {
    return { property: params.missingProperty, reason: `${params.missingProperty} is required` };
  }
  if (error.keyword === "additionalProperties") {
    const accepted = Object.keys(schema.properties ?? {}).filter((k) => k !== "__provider");
    return {
      property: params.additionalProperty,
      reason: `${params.additionalProperty} is not an input of this resource; accepted inputs: ${accepted.join(", ")}`,
    };
  }
  if (error.keyword === "if") return undefined;
  const property = segments[0] ?? "";
  const where = segments.map((s, i) => (i === 0 ? s : /^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join("");
  return { property, reason: `${where} ${ruleText(error)}` };
}

function ruleText(error: ErrorObject): string {
  const p = error.params as Record<string, any>;
  const s = error.parentSchema ?? {};
  switch (error.keyword) {
    case "type":
      return `must be ${p.type === "integer" ? "a whole number" : `of type ${p.type}`}`;
    case "minLength":
      return p.limit === 1 ? "must not be empty" : `must be at least ${p.limit} characters long`;
    case "pattern":
      return s.patternDescription ?? `must match ${p.pattern}`;
    case "minItems":
      return `must have at least ${p.limit} item${p.limit === 1 ? "" : "s"}`;
    case "maxItems":
      return `must have at most ${p.limit} item${p.limit === 1 ? "" : "s"}`;
    case "uniqueItems":
      return `must not repeat a value (items ${p.j} and ${p.i} are the same)`;
    case "enum":
      return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "minimum":
    case "maximum":
      return s.minimum !== undefined && s.maximum !== undefined
        ? `must be between ${s.minimum} and ${s.maximum}`
        : `must be ${p.comparison} ${p.limit}`;
    case "format":
      return p.format === "uuid"
        ? "must be a UUID (e.g. 3f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d)"
        : p.format === "uri"
          ? "must be an absolute URI with a scheme, e.g. https://example.com/callback"
          : `must be a valid ${p.format}`;
    default:
      return error.message ?? `breaks the rule ${error.keyword}`;
  }
}
