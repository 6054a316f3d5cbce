/**
 * The entry point the serialized provider loads inside Pulumi's provider host
 * (`require("pulumi-snyk-apps/provider/runtime")`): builds the implementation for a resource
 * kind, with a Snyk client created on first use from stack config or the environment.
 */
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_TIMEOUT_MS, withErrorTrailer } from "./client";
import { ConfigSource, resolveSettings } from "./settings";
import { clientFor } from "./shared-client";
import type { ResourceKind } from "./resource-kind";
import { AppOperations } from "./app";
import { ProviderError } from "./provider-error";
import { withHostErrors } from "./host-errors";
import { AppSecretOperations } from "./app-secret";
import { AppInstallOperations } from "./app-install";

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
