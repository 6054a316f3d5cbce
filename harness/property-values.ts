/**
 * Decodes property values as the resource monitor receives them (a Struct holding Pulumi's
 * special signature objects) into what the engine hands a provider that accepts no secrets and
 * no resource references: secrets unwrapped, resource references replaced by their id (or URN),
 * unknowns kept as the {@link UNKNOWN} sentinel string. Remembers which top-level keys held a
 * secret anywhere inside them.
 */
import { PropertyMap, UNKNOWN } from "./struct";

const sigKey = "4dabf18193072939515e22adb298388d";
/** The signature of a secret value: `{[sigKey]: secretSig, value}`. */
export const secretSig = "1b47061264138c4ac30d75fd1eb44270";
/** The signature of a resource reference: `{[sigKey]: resourceSig, urn, id?}`. */
const resourceSig = "5cf8f73096256a8f31e491e813e4eb8e";
/** The signature of an output value: `{[sigKey]: outputSig, value?, secret?}`. */
const outputSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** The signature key Pulumi uses for its special objects. */
export const signatureKey = sigKey;

/** Plain properties plus the names of the top-level keys that were (or contained) secrets. */
export interface DecodedProperties {
  values: PropertyMap;
  secretKeys: string[];
}

/** Decodes a top-level property map (see the file header). */
export function decodeProperties(raw: PropertyMap): DecodedProperties {
  const values: PropertyMap = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const seen = { secret: false };
    values[key] = decodeValue(value, seen);
    if (seen.secret) secretKeys.push(key);
  }
  return { values, secretKeys };
}

function decodeValue(value: unknown, seen: { secret: boolean }): unknown {
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, seen));
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  switch (obj[sigKey]) {
    case secretSig:
      seen.secret = true;
      return decodeValue(obj.value, seen);
    case resourceSig:
      return typeof obj.id === "string" && obj.id !== "" ? obj.id : obj.urn;
    case outputSig:
      if (obj.secret === true) seen.secret = true;
      return "value" in obj ? decodeValue(obj.value, seen) : UNKNOWN;
    default:
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decodeValue(v, seen)]));
  }
}
