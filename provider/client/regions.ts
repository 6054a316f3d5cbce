import { SnykConfigurationError } from "./snyk-error";

/** The API and web hosts of one Snyk region. */
export interface SnykRegion {
  /** The API origin: REST under `/rest`, OAuth2 token and revoke under `/oauth2`. */
  readonly apiUrl: string;
  /** The web origin, which serves `/oauth2/authorize`. */
  readonly webUrl: string;
}

/** Snyk's regions by name (https://docs.snyk.io/snyk-data-and-governance/regional-hosting-and-data-residency). */
export const SNYK_REGIONS: Readonly<Record<string, SnykRegion>> = Object.freeze({
  "SNYK-US-01": { apiUrl: "https://api.snyk.io", webUrl: "https://app.snyk.io" },
  "SNYK-US-02": { apiUrl: "https://api.us.snyk.io", webUrl: "https://app.us.snyk.io" },
  "SNYK-EU-01": { apiUrl: "https://api.eu.snyk.io", webUrl: "https://app.eu.snyk.io" },
  "SNYK-AU-01": { apiUrl: "https://api.au.snyk.io", webUrl: "https://app.au.snyk.io" },
});

/** The region used when neither a region nor an API URL is given. */
export const DEFAULT_REGION = "SNYK-US-01";

/**
 * The hosts of a region, by name (case-insensitive).
 *
 * @throws SnykConfigurationError naming the valid regions when `name` is not one of them
 */
export function snykRegion(name: string = DEFAULT_REGION): SnykRegion {
  const region = SNYK_REGIONS[name.trim().toUpperCase()];
  if (region === undefined) {
    throw new SnykConfigurationError(
      `Unknown Snyk region "${name}". Valid regions: ${Object.keys(SNYK_REGIONS).join(", ")}.`,
    );
  }
  return region;
}

/**
 * The web origin that serves `/oauth2/authorize` for a region name, e.g.
 * `snykWebUrl("SNYK-EU-01")` → `https://app.eu.snyk.io`.
 *
 * @throws SnykConfigurationError for an unknown region
 */
export function snykWebUrl(region: string = DEFAULT_REGION): string {
  return snykRegion(region).webUrl;
}
