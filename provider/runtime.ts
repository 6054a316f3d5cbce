/**
 * The entry point the serialized provider loads inside Pulumi's provider host
 * (`require("pulumi-snyk-apps/provider/runtime")`): builds the implementation for a resource
 * kind, with a Snyk client created on first use from stack config or the environment.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { ClientNotice, DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_TIMEOUT_MS, RateLimit, SnykClient, withErrorTrailer } from "./client";
import { ConfigSource, ProviderConfigurationError, ProviderSettings, MISSING_TOKEN_MESSAGE, resolveSettings } from "./settings";
import type { ResourceKind } from "./resource-kind";
import { AppOperations } from "./app";
import { ProviderError } from "./provider-error";
import { withHostErrors } from "./host-errors";
import { AppSecretOperations } from "./app-secret";
import { AppInstallOperations } from "./app-install";

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

/**
 * The implementation of one resource kind.
 *
 * @param kind the resource kind
 * @param config the stack config from `configure()`; the environment when absent
 */
export function createOperations(kind: ResourceKind, config?: ConfigSource): pulumi.dynamic.ResourceProvider {
  let operations: pulumi.dynamic.ResourceProvider;
  try {
    operations = operationsOf(kind, config);
  } catch (error) {
    throw withErrorTrailer(error);
  }
  return withHostErrors(operations);
}

function operationsOf(kind: ResourceKind, config?: ConfigSource): pulumi.dynamic.ResourceProvider {
  const settings = resolveSettings(config);
  const client = () => clientFor(settings);
  switch (kind) {
    case "app":
      return new AppOperations(client, 2 * (settings.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    case "app-secret":
      return new AppSecretOperations(client, { timeoutMs: settings.verifyTimeoutMs });
    case "app-install":
      return new AppInstallOperations(client, { timeoutMs: settings.verifyTimeoutMs });
    default:
      throw new ProviderError("UNKNOWN_RESOURCE_KIND", `pulumi-snyk-apps: unknown resource kind ${String(kind)}`);
  }
}
