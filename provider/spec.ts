/**
 * Snyk's REST OpenAPI spec for Apps, shipped in the package's `spec/` folder. Input validation
 * takes its constraints from here so the provider and the API agree by construction.
 */
import * as fs from "fs";
import * as path from "path";
import { ProviderError } from "./provider-error";

/** The file name of the REST spec in `spec/`. */
export const REST_SPEC_FILE = "snyk-rest-apps-2025-11-05.json";

/** A JSON schema object as the spec writes it. */
export type JsonSchema = Record<string, any>;

let cached: { components: { schemas: Record<string, JsonSchema> } } | undefined;

/** The folder that holds the spec files, from both `provider/` and `dist/provider/`. */
export function specDirectory(): string {
  const candidates = [path.join(__dirname, "..", "spec"), path.join(__dirname, "..", "..", "spec")];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, REST_SPEC_FILE)));
  if (!found) throw new ProviderError("PACKAGE_INCOMPLETE", `pulumi-snyk-apps: spec/${REST_SPEC_FILE} is missing from the package`);
  return found;
}

/**
 * A component schema of the REST spec by name (e.g. `RedirectUris`), without its documentation
 * keywords (`description`, `example`), which ajv's strict mode does not know.
 */
export function specSchema(name: string): JsonSchema {
  cached ??= JSON.parse(fs.readFileSync(path.join(specDirectory(), REST_SPEC_FILE), "utf8"));
  const schema = cached!.components.schemas[name];
  if (!schema) throw new ProviderError("PACKAGE_INCOMPLETE", `pulumi-snyk-apps: the spec has no schema named ${name}`);
  return withoutDocs(schema);
}

function withoutDocs(value: any): any {
  if (Array.isArray(value)) return value.map(withoutDocs);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, any> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "description" || key === "example" || key.startsWith("x-")) continue;
    out[key] = withoutDocs(child);
  }
  return out;
}
