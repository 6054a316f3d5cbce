/**
 * Lookups in users' unit tests: under `pulumi.runtime.setMocks` a lookup does not call Snyk (no
 * token, no network); it is invoked like a provider function, so the mocks' `call` answers it,
 * with `args.token` set to the lookup's token and `args.inputs` to its checked arguments.
 */
import * as pulumi from "@pulumi/pulumi";
import type { LookupOptions } from "./lookup-client";

/**
 * True when the lookup should be answered by mocks: the program runs under
 * `pulumi.runtime.setMocks` and the caller gave no Snyk connection of its own (`client`,
 * `settings` or `env` in the options mean "call this Snyk", e.g. an emulator in a test).
 */
export function underMocks(options: LookupOptions = {}): boolean {
  if (options.client !== undefined || options.settings !== undefined || options.env !== undefined) return false;
  // The program's own @pulumi/pulumi (a peer dependency) holds the monitor setMocks installed.
  const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks");
  return pulumi.runtime.getMonitor() instanceof MockMonitor;
}

/**
 * Invokes `token` through the mock monitor, with the invoke options of `options` (its Snyk client
 * settings are not sent: they mean nothing to mocks and may hold a token).
 */
export async function mockedLookup<T>(token: string, args: Record<string, unknown>, options: LookupOptions = {}): Promise<T> {
  const { client: _client, settings: _settings, env: _env, ...invokeOptions } = options;
  return (await pulumi.runtime.invoke(token, args, invokeOptions)) as T;
}
