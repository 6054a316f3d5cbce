/**
 * The checks of a lookup's arguments, made before any request, and the error they raise.
 */
import type { InstallOwner } from "../provider/install-owner";
import { ArgumentError } from "./argument-error";

/** Raised before any request when a lookup's argument is missing or malformed (`INVALID_ARGUMENT`). */
export class LookupArgumentError extends ArgumentError {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The value of `argument` in `args`, which must be a UUID; `lookup` names the lookup in the error. */
export function requireUuid(lookup: string, args: object, argument: string): string {
  const value = (args as Record<string, unknown>)[argument];
  if (value === undefined || value === null || value === "") {
    throw new LookupArgumentError(argument, `${lookup}: ${argument} is required.`);
  }
  if (typeof value !== "string" || !UUID.test(value)) {
    throw new LookupArgumentError(argument, `${lookup}: ${argument} must be a UUID, not ${JSON.stringify(value)}.`);
  }
  return value;
}

/** `args`, which must be an object; `lookup` names the lookup in the error. */
export function requireArgs(lookup: string, args: unknown): object {
  if (typeof args !== "object" || args === null) {
    throw new LookupArgumentError("args", `${lookup}: args must be an object, not ${args === null ? "null" : typeof args}.`);
  }
  return args;
}

/** The org or the group of getAppInstalls' arguments: exactly one, a UUID. */
export function installOwner(args: InstallOwner): InstallOwner {
  const hasOrg = args.orgId !== undefined;
  const hasGroup = args.groupId !== undefined;
  if (hasOrg === hasGroup) {
    throw new LookupArgumentError("orgId|groupId", `getAppInstalls: give exactly one of orgId and groupId, not ${hasOrg ? "both" : "neither"}.`);
  }
  return hasOrg
    ? { orgId: requireUuid("getAppInstalls", args, "orgId") }
    : { groupId: requireUuid("getAppInstalls", args, "groupId") };
}
