/** Random identifiers and credentials. */
import { randomBytes, randomUUID } from "crypto";

/** A random UUID (v4). */
export const newId = (): string => randomUUID();

/** A random opaque credential with a recognisable prefix. */
export function newCredential(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

/** A fresh client secret in Snyk's format. */
export const newClientSecret = (): string => newCredential("snyk_cs_");
