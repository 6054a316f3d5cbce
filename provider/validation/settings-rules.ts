/**
 * Checks of the endpoint settings, run when the provider is configured (and when a lookup
 * resolves its settings), so a bad `snyk:region`, `snyk:apiUrl` or `snyk:apiVersion` fails
 * `pulumi preview` before any API call instead of at the first request.
 */
import { resolveBaseUrls } from "../client/base-urls";
import { SNYK_REGIONS } from "../client/regions";

/** The endpoint settings checked here, as resolved from stack config or the environment. */
export interface EndpointSettings {
  /** `snyk:apiUrl` / `SNYK_API_URL`: the API origin. */
  readonly apiUrl?: string;
  /** `snyk:region` / `SNYK_REGION`: a Snyk region name. */
  readonly region?: string;
  /** `snyk:apiVersion` / `SNYK_API_VERSION`: the REST version date. */
  readonly apiVersion?: string;
}

// A REST version: a date, optionally with a stability suffix (2024-10-15, 2024-10-15~beta).
const API_VERSION = /^\d{4}-\d{2}-\d{2}(~(experimental|beta|ga))?$/;

/**
 * What is wrong with the endpoint settings, one message per setting, each naming the stack config
 * key and the environment variable; empty when they are usable.
 */
export function endpointSettingProblems(settings: EndpointSettings): string[] {
  const problems: string[] = [];
  if (settings.region !== undefined && SNYK_REGIONS[settings.region.toUpperCase()] === undefined) {
    problems.push(
      `snyk:region (or SNYK_REGION) is "${settings.region}", which is not a Snyk region. ` +
        `Use one of ${Object.keys(SNYK_REGIONS).join(", ")}, or set snyk:apiUrl to the API origin.`,
    );
  }
  if (settings.apiUrl !== undefined) {
    try {
      resolveBaseUrls({ apiUrl: settings.apiUrl });
    } catch (error) {
      problems.push(`snyk:apiUrl (or SNYK_API_URL): ${(error as Error).message} Give the API origin, e.g. https://api.eu.snyk.io.`);
    }
  }
  if (settings.apiVersion !== undefined && !API_VERSION.test(settings.apiVersion)) {
    problems.push(`snyk:apiVersion (or SNYK_API_VERSION) is "${settings.apiVersion}"; a Snyk REST version is a date such as 2025-11-05.`);
  }
  return problems;
}
