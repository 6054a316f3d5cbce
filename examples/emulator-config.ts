/**
 * The example stack's config for a running emulator: the same values as Pulumi.emulator.yaml
 * (a test keeps the two in step), with the emulator's own URL and token.
 */

/** What the config needs to know about the emulator. */
export interface EmulatorEndpoint {
  url: string;
  token: string;
  orgId: string;
  groupId: string;
  brokerApp: { appId: string };
}

/** The project's config namespace. */
export const PROJECT = "snyk-apps-example";

/** Stack config (namespaced keys, string values) for the example stack against `emulator`. */
export function exampleConfig(emulator: EmulatorEndpoint, overrides: Record<string, unknown> = {}): Record<string, string> {
  const values: Record<string, unknown> = {
    orgId: emulator.orgId,
    groupId: emulator.groupId,
    brokerAppId: emulator.brokerApp.appId,
    ciBotRedirectUris: ["https://ci.example.com/oauth/callback"],
    ciBotScopes: ["org.read", "org.project.read"],
    portalRedirectUris: ["https://portal.example.com/auth/snyk/callback", "http://localhost:3000/auth/snyk/callback"],
    portalScopes: ["org.read"],
    rotationDays: 90,
    ...overrides,
  };
  const config: Record<string, string> = { "snyk:token": emulator.token, "snyk:apiUrl": emulator.url };
  for (const [key, value] of Object.entries(values)) {
    config[`${PROJECT}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}
