/**
 * The fault lab: one emulator, a provider host per command (configured like a stack pointing at
 * the emulator: the engine starts one per `pulumi` command, see {@link FaultLab.newCommand}), a
 * fresh {@link ResourceStack} per scenario, and what every scenario needs to judge
 * itself: the emulator's holdings, the failed answers it sent, and every error and secret seen
 * (for the hygiene sweep).
 */
import { startHostFixture, HostFixture } from "../../harness/host-fixture";
import { ProviderHost, ProviderHostError, PropertyMap } from "../../harness/provider-host";
import { Fault } from "../../emulator/types";
import { Kind, ResourceStack } from "./resource-stack";

/** How long verification may retry inside the lab's host (short, so "not yet valid" fails fast). */
export const LAB_VERIFY_TIMEOUT_MS = 3000;

/** Where the seeded objects live; only what scenarios need. */
export interface LabIds {
  orgId: string;
  groupId: string;
  brokerAppId: string;
  brokerClientId: string;
}

/** A running lab. Call {@link FaultLab.close} when done. */
export class FaultLab {
  /** The state of the scenario that runs now. */
  stack: ResourceStack;
  /** Every error message a user was shown, in any scenario (for the hygiene sweep). */
  readonly errorsSeen: string[] = [];
  /** Every client secret seen in outputs or in the emulator (for the hygiene sweep). */
  readonly secretsSeen = new Set<string>();
  /** Apps and installs a scenario made outside the stack (e.g. by the emulator's admin). */
  readonly external = new Set<string>();
  /** Values a scenario keeps between its steps (cleared at reset). */
  readonly notes = new Map<string, unknown>();
  /** Logs of provider hosts other than the lab's own (e.g. killed ones), for the sweep. */
  readonly otherHostLogs: string[] = [];
  /** Secrets a scenario minted outside the stack (someone regenerating in the Snyk UI). */
  readonly externalSecrets = new Set<string>();

  /** Hosts {@link newCommand} started, stopped when the next command replaces them. */
  private readonly commandHosts = new Set<ProviderHost>();
  private spare?: Promise<ProviderHost>;

  private constructor(readonly fixture: HostFixture) {
    this.stack = this.newStack(fixture.host);
  }

  /** Starts the emulator and the provider host. */
  static async start(): Promise<FaultLab> {
    return new FaultLab(await startHostFixture({ config: { "snyk:verifyTimeoutMs": String(LAB_VERIFY_TIMEOUT_MS) } }));
  }

  get emulator() {
    return this.fixture.emulator;
  }

  get admin() {
    return this.fixture.emulator.admin;
  }

  get host(): ProviderHost {
    return this.fixture.host;
  }

  get ids(): LabIds {
    const e = this.fixture.emulator;
    return { orgId: e.orgId, groupId: e.groupId, brokerAppId: e.brokerApp.appId, brokerClientId: e.brokerApp.clientId };
  }

  /**
   * A stack over `host` with the SDK's `__provider` texts; `startHost` starts a host like it for
   * each later command (by default one configured like the lab's own).
   */
  newStack(host: ProviderHost, startHost: () => Promise<ProviderHost> = () => this.labHost()): ResourceStack {
    return new ResourceStack(host, this.fixture.providers, this.fixture.urn, startHost);
  }

  /**
   * The next `pulumi` command: the stack's steps from now on go to a new provider host, as the
   * engine starts one per command. The providers keep each org's app list and each owner's
   * install list for the host's life (one run), so a step after Snyk changed behind the stack's
   * back (an out-of-band edit, a reset, a fault armed on a listing) must run in a new host, as it
   * would under the CLI. The host this replaces, when this started it, is stopped (its log kept
   * for the sweep).
   */
  async newCommand(): Promise<void> {
    const next = await this.stack.startHost();
    await this.endCommand();
    this.commandHosts.add(next);
    this.stack.host = next;
  }

  /**
   * A host configured like the lab's own. One is kept starting in the background, so a command
   * rarely waits for a host's start-up (an unused host holds nothing a run learned).
   */
  private labHost(): Promise<ProviderHost> {
    const next = this.spare ?? this.fixture.newHost();
    this.spare = this.fixture.newHost();
    this.spare.catch(() => undefined);
    return next;
  }

  /** Stops the host of the current command, when {@link newCommand} started it. */
  async endCommand(): Promise<void> {
    const host = this.stack.host;
    if (!this.commandHosts.delete(host)) return;
    this.otherHostLogs.push(...host.hostLog());
    await host.stop();
  }

  /** Back to the seeded emulator and an empty stack, before each scenario. */
  reset(): void {
    this.rememberSecrets();
    this.admin.reset();
    this.external.clear();
    this.externalSecrets.clear();
    this.notes.clear();
    this.stack = this.newStack(this.fixture.host);
  }

  /** Arms one fault. */
  inject(fault: Fault): void {
    this.admin.injectFault(fault);
  }

  /** Requests answered with 429, 5xx or no answer since the log was cleared (retries included). */
  failedAnswers(): number {
    return this.admin.requestLog.filter((r) => !r.path.startsWith("/_emulator") && (r.status === 0 || r.status >= 429)).length;
  }

  /** Runs `act`, recording its error message (if any) for the sweep. */
  async attempt<T>(act: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown; message: string }> {
    try {
      const value = await act();
      this.rememberOutputs(value);
      return { ok: true, value };
    } catch (error) {
      const message = errorText(error);
      this.errorsSeen.push(message);
      return { ok: false, error, message };
    }
  }

  /** Makes a client-credentials app outside the stack (installable, verifiable). */
  clientCredentialsApp(name: string) {
    const app = this.admin.createClientCredentialsApp({ name });
    this.external.add(app.appId);
    this.secretsSeen.add(app.clientSecret);
    return app;
  }

  /** Valid SnykApp inputs. */
  appInputs(name: string, extra: PropertyMap = {}): PropertyMap {
    return { orgId: this.ids.orgId, name, redirectUris: ["https://ci.example.com/cb"], scopes: ["org.read"], ...extra };
  }

  /** SnykAppSecret inputs rotating the secrets of an app in state (as `new SnykAppSecret(n, {app})`). */
  appSecretInputs(appName: string, extra: PropertyMap = {}): PropertyMap {
    const app = this.stack.outputs(appName);
    return { orgId: app.orgId, appId: app.appId, clientId: app.clientId, currentSecret: app.clientSecret, rotationTriggers: { window: "1" }, ...extra };
  }

  /** SnykAppSecret inputs rotating the secrets of an install in state. */
  installSecretInputs(installName: string, extra: PropertyMap = {}): PropertyMap {
    const i = this.stack.outputs(installName);
    const owner = i.orgId ? { orgId: i.orgId } : { groupId: i.groupId };
    return { ...owner, installId: i.installId, clientId: i.clientId, currentSecret: i.clientSecret, rotationTriggers: { window: "1" }, ...extra };
  }

  /** SnykAppInstall inputs installing the broker app into the org or the group. */
  installInputs(owner: "org" | "group", extra: PropertyMap = {}): PropertyMap {
    const where = owner === "org" ? { orgId: this.ids.orgId } : { groupId: this.ids.groupId };
    return { appId: this.ids.brokerAppId, ...where, ...extra };
  }

  /** What the emulator holds: apps (the seeded broker app not counted), installs, live secrets. */
  holdings(): { apps: number; installs: number; secrets: number; text: string } {
    const apps = this.admin.listApps().filter((a) => a.id !== this.ids.brokerAppId);
    const installs = this.admin.listInstalls();
    const secrets = [...apps.map((a) => a.id), ...installs.map((i) => i.id)].reduce((n, id) => n + this.admin.activeSecrets(id).length, 0);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    return {
      apps: apps.length,
      installs: installs.length,
      secrets,
      text: `${plural(apps.length, "app")}, ${plural(installs.length, "install")}, ${plural(secrets, "secret")}`,
    };
  }

  /** Stops the host and the emulator. */
  async close(): Promise<void> {
    this.rememberSecrets();
    await this.endCommand();
    await (await this.spare?.catch(() => undefined))?.stop();
    await this.fixture.stop();
  }

  /** Adds every secret the emulator holds now to {@link secretsSeen}. */
  rememberSecrets(): void {
    this.secretsSeen.add(this.emulator.brokerApp.clientSecret);
    for (const holder of [...this.admin.listApps(), ...this.admin.listInstalls()]) {
      for (const secret of this.admin.activeSecrets(holder.id)) this.secretsSeen.add(secret);
    }
  }

  /** Adds every secret-looking output value to {@link secretsSeen}. */
  rememberOutputs(value: unknown): void {
    if (!value || typeof value !== "object") return;
    for (const key of ["clientSecret", "secret", "previousSecret"]) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === "string" && v.length > 0) this.secretsSeen.add(v);
    }
  }
}

/** The message a user sees for an error: the provider's own text when it came through the host. */
export function errorText(error: unknown): string {
  if (error instanceof ProviderHostError) return error.details || error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The kinds, re-exported for scenario files. */
export type { Kind };
