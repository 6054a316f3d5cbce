/**
 * Provider settings: where the Snyk token, API URL, region and API version come from.
 *
 * Stack config (`snyk:token`, `snyk:apiUrl`, `snyk:region`, `snyk:apiVersion`, `snyk:authScheme`)
 * reaches the provider host through `configure()`; the environment (`SNYK_TOKEN`, `SNYK_API_URL`,
 * `SNYK_REGION`, `SNYK_API_VERSION`) is the fallback. Nothing here is ever stored on the
 * serialized provider or in resource outputs. (Pulumi itself stores the whole stack config,
 * `snyk:token` encrypted, in the state as the default provider's inputs; a token set only in
 * `SNYK_TOKEN` stays out of the state.)
 */
import { SnykConfigurationError } from "./client/snyk-error";
import { endpointSettingProblems } from "./validation/settings-rules";

/** A source of stack config values, as Pulumi's dynamic `configure()` request offers it. */
export interface ConfigSource {
  /** The value for a namespaced key such as `snyk:token`, or undefined when unset. */
  get(key: string): string | undefined;
}

/** How the token is sent: `token <t>` for API tokens, `bearer <t>` for OAuth access tokens. */
export type AuthScheme = "token" | "bearer";

/** The resolved settings the Snyk client is built from. */
export interface ProviderSettings {
  /** The Snyk API or service-account token, or an OAuth access token; undefined when unset. */
  readonly token?: string;
  /** How the token is sent. */
  readonly authScheme: AuthScheme;
  /** The API origin, e.g. `https://api.snyk.io` or an emulator URL. */
  readonly apiUrl?: string;
  /** A Snyk region name such as `SNYK-EU-01`; ignored when `apiUrl` is set. */
  readonly region?: string;
  /** The REST `version` date the provider pins. */
  readonly apiVersion?: string;
  /** At most this many requests in flight at once (the client's default when unset). */
  readonly maxConcurrency?: number;
  /** At most this many requests a minute (Snyk's documented 1620 when unset); per `rateLimitWindowMs` when that is set. */
  readonly requestsPerMinute?: number;
  /**
   * The length of the rate-limit window in ms (`snyk:rateLimitWindowMs`, `SNYK_RATE_LIMIT_WINDOW_MS`;
   * 60 000 when unset). When set, `requestsPerMinute` counts requests per window of this length,
   * so a scaled-down limit (Snyk's 1620 a minute as 54 per 2 000 ms) runs in seconds in
   * benchmarks and tests. Leave it unset against real Snyk.
   */
  readonly rateLimitWindowMs?: number;
  /** How long credential checks retry before failing (60 s when unset). */
  readonly verifyTimeoutMs?: number;
  /** How long one request may take before it counts as timed out (the client's default when unset). */
  readonly timeoutMs?: number;
  /**
   * `SNYK_TOKEN`, when the token came from stack config and differs: refresh and destroy run with
   * the config recorded at the last `pulumi up`, so this rescues them after a token change.
   */
  readonly rescueToken?: string;
  /** False when configure delivered no `snyk:*` key at all (a Pulumi CLI older than 3.139 sends none). */
  readonly snykConfigDelivered?: boolean;
}

/**
 * Raised when the provider cannot run with the settings it was given: `CONFIG_MISSING_TOKEN`
 * when no token is set, `CONFIG_INVALID` for a value it cannot use.
 */
export class ProviderConfigurationError extends SnykConfigurationError {}

/** The message for a missing token: it names both ways to set one. */
export const MISSING_TOKEN_MESSAGE =
  "No Snyk token is configured. Set it as a secret in stack config with " +
  "`pulumi config set --secret snyk:token <token>`, or set the SNYK_TOKEN environment variable " +
  "where `pulumi` runs.";

/** The oldest Pulumi CLI that delivers `snyk:*` stack config to a dynamic provider's configure. */
export const MINIMUM_CLI_VERSION = "3.139";

/** The message for a missing token when configure delivered no `snyk:*` config at all. */
export const NO_SNYK_CONFIG_MESSAGE =
  `${MISSING_TOKEN_MESSAGE} No snyk:* stack config reached the provider at all: Pulumi CLIs older than ` +
  `${MINIMUM_CLI_VERSION} never deliver it to dynamic providers. If you did set snyk:token, upgrade the Pulumi CLI ` +
  `to ${MINIMUM_CLI_VERSION} or later (\`pulumi version\`), or set SNYK_TOKEN.`;

/** The message for a missing token in these settings. */
export function missingTokenMessage(settings: ProviderSettings): string {
  return settings.snykConfigDelivered === false ? NO_SNYK_CONFIG_MESSAGE : MISSING_TOKEN_MESSAGE;
}

const SETTING_KEYS = [
  "token", "authScheme", "apiUrl", "region", "apiVersion", "maxConcurrency", "requestsPerMinute",
  "rateLimitWindowMs", "verifyTimeoutMs", "timeoutMs",
] as const;

const emptyConfig: ConfigSource = { get: () => undefined };

/**
 * Resolves the settings from stack config, falling back to the environment.
 *
 * @param config the `config` of Pulumi's ConfigureRequest, when the host sent one
 * @param env the environment to fall back to
 */
export function resolveSettings(
  config?: ConfigSource,
  env: NodeJS.ProcessEnv = process.env,
): ProviderSettings {
  const delivered = config === undefined ? undefined : SETTING_KEYS.some((key) => config.get(`snyk:${key}`) !== undefined);
  return { ...resolveFrom(config ?? emptyConfig, env), ...(delivered === false ? { snykConfigDelivered: false } : {}) };
}

function resolveFrom(config: ConfigSource, env: NodeJS.ProcessEnv): ProviderSettings {
  const pick = (key: string, envName: string): string | undefined => {
    const value = config.get(`snyk:${key}`) ?? env[envName];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const authScheme = (pick("authScheme", "SNYK_AUTH_SCHEME") ?? "token").toLowerCase();
  if (authScheme !== "token" && authScheme !== "bearer") {
    throw new ProviderConfigurationError(
      `snyk:authScheme must be "token" (API and service-account tokens) or "bearer" (OAuth access tokens), not "${authScheme}".`,
    );
  }
  const endpoint = { apiUrl: pick("apiUrl", "SNYK_API_URL"), region: pick("region", "SNYK_REGION"), apiVersion: pick("apiVersion", "SNYK_API_VERSION") };
  const problems = endpointSettingProblems(endpoint);
  if (problems.length > 0) throw new ProviderConfigurationError(problems.join(" "));
  const token = pick("token", "SNYK_TOKEN");
  const envToken = env.SNYK_TOKEN?.trim() || undefined;
  return {
    token,
    ...(envToken !== undefined && envToken !== token ? { rescueToken: envToken } : {}),
    authScheme,
    ...endpoint,
    maxConcurrency: positive(pick("maxConcurrency", "SNYK_MAX_CONCURRENCY"), "snyk:maxConcurrency"),
    requestsPerMinute: positive(pick("requestsPerMinute", "SNYK_REQUESTS_PER_MINUTE"), "snyk:requestsPerMinute"),
    rateLimitWindowMs: positive(pick("rateLimitWindowMs", "SNYK_RATE_LIMIT_WINDOW_MS"), "snyk:rateLimitWindowMs"),
    verifyTimeoutMs: positive(pick("verifyTimeoutMs", "SNYK_VERIFY_TIMEOUT_MS"), "snyk:verifyTimeoutMs"),
    timeoutMs: positive(pick("timeoutMs", "SNYK_TIMEOUT_MS"), "snyk:timeoutMs"),
  };
}

function positive(value: string | undefined, key: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new ProviderConfigurationError(`${key} must be a positive number, not "${value}".`);
  }
  return n;
}
