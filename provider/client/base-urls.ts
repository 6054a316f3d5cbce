import { snykRegion } from "./regions";
import { SnykConfigurationError } from "./snyk-error";

/** The two bases every Snyk call is made against. */
export interface SnykBaseUrls {
  /** The REST base, e.g. `https://api.snyk.io/rest` (no trailing slash). */
  readonly restUrl: string;
  /** The OAuth2 base, e.g. `https://api.snyk.io/oauth2` (no trailing slash). */
  readonly oauthUrl: string;
}

/**
 * The REST and OAuth2 bases from an API URL or a region name; `apiUrl` wins when both are given.
 *
 * `apiUrl` is the API origin (optionally with a path prefix); one that already ends in `/rest`
 * is accepted too.
 *
 * @throws SnykConfigurationError for an unknown region or an API URL that is not http(s)
 */
export function resolveBaseUrls(options: { apiUrl?: string; region?: string }): SnykBaseUrls {
  const apiUrl = options.apiUrl?.trim() || snykRegion(options.region).apiUrl;
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new SnykConfigurationError(`The Snyk API URL "${apiUrl}" is not a valid URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SnykConfigurationError(`The Snyk API URL "${apiUrl}" must use http or https.`);
  }
  if (url.username || url.password) {
    throw new SnykConfigurationError("The Snyk API URL must not hold credentials.");
  }
  const root = url.pathname.replace(/\/+$/, "").replace(/\/rest$/, "");
  const origin = `${url.origin}${root}`;
  return { restUrl: `${origin}/rest`, oauthUrl: `${origin}/oauth2` };
}
