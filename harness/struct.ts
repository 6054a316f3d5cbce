/**
 * Conversions between plain JavaScript objects and `google.protobuf.Struct`, the way the Pulumi
 * engine and the dynamic-provider host exchange resource properties.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** A plain JSON object of resource properties. */
export type PropertyMap = Record<string, unknown>;

/**
 * The value the engine sends in place of a property that is not known yet (during preview).
 * Providers receive it as this literal string.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Builds a Struct from a plain object. `Struct.fromJavaScript` rejects `undefined`, so the object
 * goes through a JSON round-trip first (which drops undefined values, as the engine would).
 */
export function toStruct(value: PropertyMap | undefined): Struct {
  const plain = JSON.parse(JSON.stringify(value ?? {})) as Parameters<typeof Struct.fromJavaScript>[0];
  return Struct.fromJavaScript(plain);
}

/** Converts an optional Struct back into a plain object (`{}` when absent). */
export function fromStruct(struct: Struct | undefined): PropertyMap {
  return (struct?.toJavaScript() ?? {}) as PropertyMap;
}
