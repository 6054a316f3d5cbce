/**
 * A test fixture that runs the providers the way `pulumi up` does: the emulator on port 0, the
 * `__provider` texts produced by a program run under setMocks from the public SDK classes, and
 * Pulumi's own provider host configured with stack config pointing at the emulator.
 */
import * as path from "path";
import { startEmulator, RunningEmulator } from "../emulator";
import { startProviderHost, ProviderHost, PropertyMap } from "./provider-host";
import { runProgram } from "./mock-program";
import { SnykApp, SnykAppSecret, SnykAppInstall } from "../sdk";
import { SnykClient } from "../provider/client";

/** The three resource kinds, by SDK type token. */
export const TYPES = {
  app: "pulumi-nodejs:dynamic/snyk:App",
  secret: "pulumi-nodejs:dynamic/snyk:AppSecret",
  install: "pulumi-nodejs:dynamic/snyk:AppInstall",
} as const;

/** A running emulator and provider host, with helpers to drive one resource at a time. */
export interface HostFixture {
  emulator: RunningEmulator;
  host: ProviderHost;
  /** The `__provider` text of each kind, as the SDK classes serialize it. */
  providers: Record<keyof typeof TYPES, string>;
  /** What `additionalSecretOutputs` the SDK classes register, per kind. */
  secretOutputs: Record<keyof typeof TYPES, string[]>;
  /** The URN of a resource of a kind. */
  urn(kind: keyof typeof TYPES, name: string): string;
  /** Inputs with the kind's `__provider` added. */
  withProvider(kind: keyof typeof TYPES, inputs: PropertyMap): PropertyMap;
  /** Check then Create, as `pulumi up` does for a new resource; throws on check failures. */
  create(kind: keyof typeof TYPES, name: string, inputs: PropertyMap): Promise<{ id: string; outputs: PropertyMap; inputs: PropertyMap }>;
  /** True when the emulator issues a token for these client credentials (client_credentials grant). */
  credentialsWork(clientId: string, secret: string): Promise<boolean>;
  /** Check, Diff and (when changed) Update, as `pulumi up` does for an existing resource. */
  update(kind: keyof typeof TYPES, name: string, id: string, oldOutputs: PropertyMap, inputs: PropertyMap): Promise<{ diff: Awaited<ReturnType<ProviderHost["diff"]>>; outputs: PropertyMap }>;
  /**
   * Another provider host process against the same emulator, as the next `pulumi` command starts
   * one: configured with `config` (the stack config it is given) and `env`. Stopped by `stop()`.
   */
  newHost(options?: { config?: Record<string, string>; env?: NodeJS.ProcessEnv }): Promise<ProviderHost>;
  stop(): Promise<void>;
}

const ORG = "00000000-0000-4000-8000-000000000000";

/** Starts the emulator and a provider host configured for it. */
export async function startHostFixture(
  options: { config?: Record<string, string>; env?: NodeJS.ProcessEnv | ((emulator: RunningEmulator) => NodeJS.ProcessEnv) } = {},
): Promise<HostFixture> {
  const emulator = await startEmulator({ port: 0 });
  const run = await runProgram(
    () => {
      const app = new SnykApp("a", { orgId: ORG, name: "n", redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });
      const install = new SnykAppInstall("i", { appId: ORG, orgId: ORG });
      new SnykAppSecret("s", { app });
      void install;
    },
    { project: "snyk-apps-tests", stack: "dev" },
  );
  const providers = {
    app: String(run.byName("a").inputs.__provider),
    secret: String(run.byName("s").inputs.__provider),
    install: String(run.byName("i").inputs.__provider),
  };
  const secretOutputs = {
    app: run.byName("a").options.additionalSecretOutputs,
    secret: run.byName("s").options.additionalSecretOutputs,
    install: run.byName("i").options.additionalSecretOutputs,
  };
  const extraHosts: ProviderHost[] = [];
  const startHost = (config: Record<string, string> | undefined, env: NodeJS.ProcessEnv | undefined) =>
    startProviderHost({
      cwd: path.resolve(__dirname, "..", ".."),
      project: "snyk-apps-tests",
      config: config ?? { "snyk:token": emulator.token, "snyk:apiUrl": emulator.url, ...options.config },
      // The machine's own Snyk settings must not leak into tests.
      env: { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "", ...env },
    });
  const host = await startHost(undefined, typeof options.env === "function" ? options.env(emulator) : options.env);
  const urn = (kind: keyof typeof TYPES, name: string) => `urn:pulumi:dev::snyk-apps-tests::${TYPES[kind]}::${name}`;
  const oauthClient = new SnykClient({ token: emulator.token, apiUrl: emulator.url });
  const withProvider = (kind: keyof typeof TYPES, inputs: PropertyMap) => ({ ...inputs, __provider: providers[kind] });
  return {
    emulator,
    host,
    providers,
    secretOutputs,
    urn,
    withProvider,
    async create(kind, name, inputs) {
      const checked = await host.check(urn(kind, name), {}, withProvider(kind, inputs));
      if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      const created = await host.create(urn(kind, name), checked.inputs);
      return { id: created.id, outputs: created.properties, inputs: checked.inputs };
    },
    async update(kind, name, id, oldOutputs, inputs) {
      const checked = await host.check(urn(kind, name), {}, withProvider(kind, inputs));
      if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      const diff = await host.diff(id, urn(kind, name), oldOutputs, checked.inputs);
      if (diff.changes !== "some") return { diff, outputs: oldOutputs };
      const updated = await host.update(id, urn(kind, name), oldOutputs, checked.inputs);
      return { diff, outputs: updated.properties };
    },
    async credentialsWork(clientId, secret) {
      try {
        await oauthClient.oauth("/token", { grant_type: "client_credentials", client_id: clientId, client_secret: secret });
        return true;
      } catch {
        return false;
      }
    },
    async newHost(hostOptions = {}) {
      const started = await startHost(hostOptions.config, hostOptions.env);
      extraHosts.push(started);
      return started;
    },
    async stop() {
      for (const extra of extraHosts) await extra.stop();
      await host.stop();
      await emulator.close();
    },
  };
}
