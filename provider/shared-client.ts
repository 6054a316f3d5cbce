/**
 * The Snyk client shared by everything in one process (the provider host, or a program's
 * lookups): one per distinct settings, so the concurrency and rate caps hold for the whole
 * deployment (Snyk limits per token, not per resource kind). Its notices go to Pulumi's log.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { ClientNotice, DEFAULT_REQUESTS_PER_MINUTE, RateLimit, SnykClient } from "./client";
import { ProviderConfigurationError, ProviderSettings, MISSING_TOKEN_MESSAGE } from "./settings";

// One client per distinct settings in this host process, shared by every resource kind, so the
// concurrency and rate caps hold for the whole deployment (Snyk limits per token, not per kind).
const clients = new Map<string, SnykClient>();

/** The shared Snyk client for these settings; throws a clear error when no token is set. */
export function clientFor(settings: ProviderSettings): SnykClient {
  if (!settings.token) throw new ProviderConfigurationError(MISSING_TOKEN_MESSAGE, { code: "CONFIG_MISSING_TOKEN" });
  const key = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
  let client = clients.get(key);
  if (!client) {
    client = new SnykClient({
      token: settings.token,
      authScheme: settings.authScheme,
      apiUrl: settings.apiUrl,
      region: settings.region,
      apiVersion: settings.apiVersion,
      maxConcurrency: settings.maxConcurrency,
      timeoutMs: settings.timeoutMs,
      rateLimit: rateLimitOf(settings),
      onNotice: toPulumiLog,
    });
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
