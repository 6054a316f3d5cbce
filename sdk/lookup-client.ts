/**
 * The Snyk client lookups use in the program process: the same settings as the provider (stack
 * config `snyk:*`, then the environment) and the same shared client per settings.
 */
import * as pulumi from "@pulumi/pulumi";
import type { SnykClient } from "../provider/client";
import { clientFor } from "../provider/shared-client";
import { type ConfigSource, type ProviderSettings, resolveSettings } from "../provider/settings";

/** Settings a lookup may override; each one wins over stack config and the environment. */
export type LookupSettings = Partial<Pick<ProviderSettings, "token" | "authScheme" | "apiUrl" | "region" | "apiVersion">>;

/**
 * The optional last argument of every lookup: Pulumi's invoke options (`parent`, `provider`, ...,
 * which matter under `setMocks`, where the lookup is an invoke the mocks answer) plus the Snyk
 * client settings below.
 */
export interface LookupOptions extends pulumi.InvokeOptions {
  /** Use this client as is (tests, or a program that already built one); nothing is resolved. */
  client?: SnykClient;
  /** Override single settings, e.g. `{ apiUrl }` for an emulator. */
  settings?: LookupSettings;
  /** The environment to fall back to (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Stack config as the program sees it. `pulumi.runtime.getConfig` returns the plain value, so
 * reading a secret `snyk:token` here prints no "secret read as plain" warning, unlike `Config.get`.
 */
export const programConfig: ConfigSource = { get: (key) => pulumi.runtime.getConfig(key) };

/**
 * The client a lookup calls Snyk with: `options.client` when given, otherwise the shared client
 * for the settings resolved exactly as the provider resolves them.
 *
 * @throws ProviderConfigurationError when no token is configured, or `snyk:authScheme` is invalid
 * @throws SnykConfigurationError for an unknown region or a bad API URL
 */
export function lookupClient(options: LookupOptions = {}): SnykClient {
  if (options.client) return options.client;
  const resolved = resolveSettings(programConfig, options.env ?? process.env);
  const overrides = Object.fromEntries(Object.entries(options.settings ?? {}).filter(([, v]) => v !== undefined));
  return clientFor({ ...resolved, ...overrides });
}
