/**
 * Compiles, once per process, an ajv validator for every request body and every response of
 * Snyk's REST Apps spec (spec/snyk-rest-apps-2025-11-05.json), keyed by operationId.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { REST_SPEC_FILE, specDirectory } from "../provider/spec";

/** Where the REST spec lives: found the way the providers find it (one spec locator). */
export function restSpecPath(): string {
  return path.join(specDirectory(), REST_SPEC_FILE);
}

/** One operation of the spec. */
export interface SpecOperation {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** The spec's path template, e.g. `/orgs/{org_id}/apps/creations/{app_id}`. */
  path: string;
  deprecated: boolean;
  /** Whether the operation takes a request body. */
  hasBody: boolean;
  /** Declared response statuses, e.g. ["200", "400", ...]. */
  statuses: string[];
}

/** A schema violation, with a JSON pointer into the validated document. */
export interface SchemaViolation {
  pointer: string;
  message: string;
}

const SCHEMA_ID = "snyk-rest";
const JSON_API = "application/vnd.api+json";

/** Validates bodies against the REST spec. Get the shared instance from {@link specValidator}. */
export class SpecValidator {
  /** Every operation of the spec, in spec order. */
  readonly operations: SpecOperation[] = [];
  private readonly requests = new Map<string, ValidateFunction>();
  private readonly responses = new Map<string, ValidateFunction | null>();

  constructor(specPath: string = restSpecPath()) {
    const spec = rewriteRefs(JSON.parse(fs.readFileSync(specPath, "utf8")));
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    ajv.addSchema({ components: spec.components }, SCHEMA_ID);
    // Many operations share a schema (every error answer, for one): compile each one once.
    const compiled = new Map<string, ValidateFunction>();
    const compile = (schema: object): ValidateFunction => {
      const key = JSON.stringify(schema);
      let validate = compiled.get(key);
      if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
      return validate;
    };
    for (const [template, item] of Object.entries<any>(spec.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (method === "parameters") continue;
        const requestSchema = op.requestBody?.content?.[JSON_API]?.schema;
        if (requestSchema) this.requests.set(op.operationId, compile(requestSchema));
        for (const [status, response] of Object.entries<any>(op.responses)) {
          const resolved = response.$ref ? lookup(spec, response.$ref) : response;
          const schema = resolved.content?.[JSON_API]?.schema;
          this.responses.set(`${op.operationId} ${status}`, schema ? compile(schema) : null);
        }
        this.operations.push({
          operationId: op.operationId,
          method: method.toUpperCase(),
          path: template,
          deprecated: op.deprecated === true,
          hasBody: requestSchema !== undefined,
          statuses: Object.keys(op.responses),
        });
      }
    }
  }

  /** Violations of the operation's request-body schema; empty when valid. */
  validateRequestBody(operationId: string, body: unknown): SchemaViolation[] {
    const validate = this.requests.get(operationId);
    if (!validate) return [];
    return validate(body) ? [] : violations(validate.errors ?? []);
  }

  /**
   * Violations of the response schema declared for `operationId` and `status`; a status the
   * spec does not declare, or a body on a bodiless answer, is a violation too.
   */
  validateResponse(operationId: string, status: number, body: unknown): SchemaViolation[] {
    const key = `${operationId} ${status}`;
    if (!this.responses.has(key)) return [{ pointer: "", message: `status ${status} is not declared for ${operationId}` }];
    const validate = this.responses.get(key);
    if (!validate) return body === undefined ? [] : [{ pointer: "", message: `status ${status} has no body` }];
    return validate(body) ? [] : violations(validate.errors ?? []);
  }
}

let shared: SpecValidator | undefined;

/** The process-wide validator, compiled on first use. */
export function specValidator(): SpecValidator {
  shared ??= new SpecValidator();
  return shared;
}

function violations(errors: ErrorObject[]): SchemaViolation[] {
  const seen = new Map<string, SchemaViolation>();
  for (const error of errors) {
    let pointer = error.instancePath;
    if (error.keyword === "required") pointer += `/${error.params.missingProperty}`;
    if (error.keyword === "additionalProperties") pointer += `/${error.params.additionalProperty}`;
    const message =
      error.keyword === "additionalProperties" ? "is not allowed" : error.keyword === "required" ? "is required" : error.message ?? "is invalid";
    if (!seen.has(pointer)) seen.set(pointer, { pointer, message });
  }
  return [...seen.values()];
}

/** Points `#/components/...` refs at the registered schema and drops documentation keywords. */
function rewriteRefs(node: any, parentKey = ""): any {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item));
  if (node === null || typeof node !== "object") return node;
  const out: any = {};
  for (const [key, value] of Object.entries(node)) {
    // Under `properties` the keys are property names, not keywords.
    const isKeyword = parentKey !== "properties";
    if (isKeyword && (key === "example" || key.startsWith("x-"))) continue;
    if (isKeyword && key === "$ref" && typeof value === "string" && value.startsWith("#/components/")) {
      out.$ref = `${SCHEMA_ID}${value}`;
      continue;
    }
    out[key] = rewriteRefs(value, key);
  }
  return out;
}

function lookup(spec: any, ref: string): any {
  const pointer = ref.slice(ref.indexOf("#") + 1);
  return pointer
    .split("/")
    .slice(1)
    .reduce((node, part) => node[part.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
}
