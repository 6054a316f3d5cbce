/** The `version` query parameter: Snyk serves the newest endpoint version on or before it. */
import { ApiError } from "./errors";

/** Apps creations went GA on this date; earlier versions do not exist for these endpoints. */
export const APPS_GA_VERSION = "2023-11-03";
/** The spec version the emulator implements. */
export const SPEC_VERSION = "2025-11-05";

const VERSION = /^(\d{4})-(\d{2})-(\d{2})(?:~(beta|experimental))?$/;

/** A parsed `version`: what to send back in `snyk-version-requested` and `snyk-version-served`. */
export interface ResolvedVersion {
  requested: string;
  served: string;
}

/** Validates `version` (400 with `source.parameter` when missing, malformed or before GA). */
export function resolveVersion(version: string | undefined): ResolvedVersion {
  if (version === undefined || version === "") {
    throw ApiError.of(400, "the version query parameter is required", { parameter: "version" });
  }
  const match = VERSION.exec(version);
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : "";
  if (!match || !isRealDate(date)) {
    throw ApiError.of(400, `invalid version "${version}": expected YYYY-MM-DD, optionally with ~beta or ~experimental`, {
      parameter: "version",
    });
  }
  if (date < APPS_GA_VERSION) {
    throw ApiError.of(400, `no version of this endpoint exists on or before ${date}; the oldest is ${APPS_GA_VERSION}`, {
      parameter: "version",
    });
  }
  const served = date >= SPEC_VERSION ? SPEC_VERSION : APPS_GA_VERSION;
  return { requested: version, served };
}

function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}
