/**
 * The entry point the serialized provider loads inside Pulumi's provider host
 * (`require("pulumi-snyk-apps/provider/runtime")`): builds the implementation for a resource
 * kind, with a Snyk client created on first use from stack config or the environment.
 */
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_TIMEOUT_MS, SnykClient, withErrorTrailer } from "./client";
import { ConfigSource, ProviderSettings, resolveSettings } from "./settings";
import { clientFor, runCacheFor } from "./shared-client";
import { withProviderOnInitFailure } from "./init-failed";
import type { ResourceKind } from "./resource-kind";
import { AppOperations } from "./app";
import { ProviderError } from "./provider-error";
import { withHostErrors } from "./host-errors";
import { AppSecretOperations } from "./app-secret";
import { AppInstallOperations } from "./app-install";
import type { RunCache } from "./run-cache";

/**
 * The implementation of one resource kind.
 *
 * @param kind the resource kind
 * @param config the stack config from `configure()`; the environment when absent
 */
export function createOperations(kind: ResourceKind, config?: ConfigSource): pulumi.dynamic.ResourceProvider {
  let operations: pulumi.dynamic.ResourceProvider;
  try {
    const settings = resolveSettings(config);
    const client = () => clientFor(settings);
    operations = withProviderInInitFailures(operationsOf(kind, settings, client, runCacheFor(settings)));
  } catch (error) {
    throw withErrorTrailer(error);
  }
  return withHostErrors(operations);
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
      throw new ProviderError("UNKNOWN_RESOURCE_KIND", `pulumi-snyk-apps: unknown resource kind ${String(kind)}`);
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
