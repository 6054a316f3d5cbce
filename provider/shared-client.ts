/**
 * The Snyk client shared by everything in one process (the provider host, or a program's
 * lookups): one per distinct settings, so the concurrency and rate caps hold for the whole
 * deployment (Snyk limits per token, not per resource kind). Its notices go to Pulumi's log.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { ClientNotice, DEFAULT_REQUESTS_PER_MINUTE, RateLimit, SnykClient } from "./client";
import { ProviderConfigurationError, ProviderSettings, missingTokenMessage } from "./settings";
import { TokenRescueClient } from "./token-rescue";
import { RunCache } from "./run-cache";

// One client per distinct settings in this host process, shared by every resource kind, so the
// concurrency and rate caps hold for the whole deployment (Snyk limits per token, not per kind).
const clients = new Map<string, SnykClient>();
// One RunCache per client, shared by every kind: a provider host serves one run (one pulumi command).
const runs = new Map<string, RunCache>();

function settingsKey(settings: ProviderSettings): string {
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}

/** What this run (this provider host) has listed and read from Snyk for these settings. */
export function runCacheFor(settings: ProviderSettings): RunCache {
  const key = settingsKey(settings);
  let run = runs.get(key);
  if (!run) {
    run = new RunCache(() => clientFor(settings));
    runs.set(key, run);
  }
  return run;
}

/**
 * The shared Snyk client for these settings; throws a clear error when no token is set. When
 * `SNYK_TOKEN` differs from the configured token, a 401 retries once with it (see token-rescue.ts).
 */
export function clientFor(settings: ProviderSettings): SnykClient {
  if (!settings.token) throw new ProviderConfigurationError(missingTokenMessage(settings), { code: "CONFIG_MISSING_TOKEN" });
  const key = settingsKey(settings);
  let client = clients.get(key);
  if (!client) {
    const { rescueToken } = settings;
    const rescue = rescueToken ? () => clientFor({ ...settings, token: rescueToken, rescueToken: undefined }) : undefined;
    client = new TokenRescueClient({
      token: settings.token,
      authScheme: settings.authScheme,
      apiUrl: settings.apiUrl,
      region: settings.region,
      apiVersion: settings.apiVersion,
      maxConcurrency: settings.maxConcurrency,
      timeoutMs: settings.timeoutMs,
      rateLimit: rateLimitOf(settings),
      onNotice: toPulumiLog,
    }, rescue);
    clients.set(key, client);
  }
  return client;
}

/**
 * Shows a client notice (a long wait, a deprecated API version) in Pulumi's output: through the
 * engine when one is connected, else as a `info:`/`warning:` line the engine shows from the host.
 */
function toPulumiLog(notice: ClientNotice): void {
  void (notice.level === "warn" ? pulumi.log.warn(notice.message) : pulumi.log.info(notice.message));
}

/** The client's rate limit: `requestsPerMinute` per `rateLimitWindowMs` (a minute when unset). */
function rateLimitOf(settings: ProviderSettings): RateLimit {
  return { requests: settings.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE, windowMs: settings.rateLimitWindowMs ?? 60_000 };
}
