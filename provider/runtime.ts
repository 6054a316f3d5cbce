/**
 * The entry point the serialized provider loads inside Pulumi's provider host
 * (`require("pulumi-snyk-apps/provider/runtime")`): builds the implementation for a resource
 * kind, with a Snyk client created on first use from stack config or the environment.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_TIMEOUT_MS, RateLimit, SnykClient } from "./client";
import { ConfigSource, ProviderConfigurationError, ProviderSettings, missingTokenMessage, resolveSettings } from "./settings";
import { TokenRescueClient } from "./token-rescue";
import { withProviderOnInitFailure } from "./init-failed";
import type { ResourceKind } from "./serializable-provider";
import { AppOperations } from "./app";
import { AppSecretOperations } from "./app-secret";
import { AppInstallOperations } from "./app-install";
import { RunCache } from "./run-cache";

// One client per distinct settings in this host process, shared by every resource kind, so the
// concurrency and rate caps hold for the whole deployment (Snyk limits per token, not per kind).
const clients = new Map<string, SnykClient>();
// One RunCache per client, shared by every kind: this host serves one run (one pulumi command).
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

/** The shared Snyk client for these settings; throws a clear error when no token is set. */
export function clientFor(settings: ProviderSettings): SnykClient {
  if (!settings.token) throw new ProviderConfigurationError(missingTokenMessage(settings));
  const key = settingsKey(settings);
  let client = clients.get(key);
  if (!client) {
    const { rescueToken } = settings;
    const rescue = rescueToken ? () => clientFor({ ...settings, token: rescueToken, rescueToken: undefined }) : undefined;
    client = new TokenRescueClient({
      token: settings.token,
      authScheme: settings.authScheme,
      apiUrl: settings.apiUrl,
      region: settings.region as any,
      apiVersion: settings.apiVersion,
      maxConcurrency: settings.maxConcurrency,
      timeoutMs: settings.timeoutMs,
      rateLimit: rateLimitOf(settings),
    }, rescue);
    clients.set(key, client);
  }
  return client;
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
  const settings = resolveSettings(config);
  const client = () => clientFor(settings);
  return withProviderInInitFailures(operationsOf(kind, settings, client, runCacheFor(settings)));
}

function operationsOf(kind: ResourceKind, settings: ProviderSettings, client: () => SnykClient, run: RunCache): Operations {
  switch (kind) {
    case "app":
      return new AppOperations(client, 2 * (settings.timeoutMs ?? DEFAULT_TIMEOUT_MS), run);
    case "app-secret":
      return new AppSecretOperations(client, { timeoutMs: settings.verifyTimeoutMs }, run);
    case "app-install":
      return new AppInstallOperations(client, { timeoutMs: settings.verifyTimeoutMs }, run);
    default:
      throw new ProviderConfigurationError(`pulumi-snyk-apps: unknown resource kind ${String(kind)}`);
  }
}

/** What every resource kind implements. */
type Operations = AppOperations | AppSecretOperations | AppInstallOperations;

/** The operations, with `__provider` added to every init failure's properties (see init-failed.ts). */
function withProviderInInitFailures(ops: Operations): pulumi.dynamic.ResourceProvider {
  return {
    check: (olds, news) => ops.check(olds, news),
    diff: (id, olds, news) => ops.diff(id, olds, news),
    create: (inputs) => withProviderOnInitFailure(inputs, () => ops.create(inputs)),
    read: (id, props) => ops.read(id, props),
    update: (id, olds, news) => withProviderOnInitFailure(news, () => ops.update(id, olds, news)),
    delete: (id, props) => ops.delete(id, props),
  };
}
