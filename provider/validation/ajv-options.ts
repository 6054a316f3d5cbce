/**
 * The ajv options every input validator is built with, at build time (precompiled) and at run
 * time (the fallback), so both report the same errors.
 */
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

/** The names of the precompiled validators, one per resource kind. */
export type ValidatorName = "SnykApp" | "SnykAppSecret" | "SnykAppInstall";
