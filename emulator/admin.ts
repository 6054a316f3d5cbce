/**
 * The emulator's knobs for tests: latency, rate limit, faults, out-of-band edits, secret
 * activation delay, the request log, views of the state and reset.
 */
import { appNameProblem } from "./app-name";
import { EmulatorAdminError } from "./errors";
import { FaultInjector } from "./faults";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { State } from "./state";
import { AppRecord, Fault, NextLinkStyle, RateLimitConfig, RequestLogEntry } from "./types";

/** Runtime settings the admin can change. */
export interface EmulatorSettings {
  latencyMs: number;
  rateLimit: RateLimitConfig | null;
  nextLinkStyle: NextLinkStyle;
  validateResponses: boolean;
}

/** Credentials of an app made by {@link EmulatorAdmin.createClientCredentialsApp}. */
export interface AppCredentials {
  appId: string;
  clientId: string;
  clientSecret: string;
}

/** An app as the admin sees it (no secrets). */
export type AppSummary = Pick<
  AppRecord,
  "id" | "orgId" | "clientId" | "name" | "redirectUris" | "scopes" | "context" | "grantType" | "accessTokenTtlSeconds" | "createdAt"
>;

/** An install as the admin sees it (no secrets); exactly one of orgId, groupId, userId is set. */
export interface InstallSummary {
  id: string;
  appId: string;
  orgId?: string;
  groupId?: string;
  userId?: string;
  clientId?: string;
  botId: string;
  installedAt: string;
}

/** The admin surface of a running emulator (also served over HTTP under `/_emulator`). */
export class EmulatorAdmin {
  constructor(
    private readonly state: State,
    private readonly faults: FaultInjector,
    private readonly limiter: RateLimiter,
    private readonly log: RequestLog,
    private readonly settings: EmulatorSettings,
    private readonly initial: Readonly<EmulatorSettings>,
  ) {}

  /** Creates a client-credentials app (installable), by default in the emulator's org. */
  createClientCredentialsApp(options: { orgId?: string; name?: string; scopes?: string[] } = {}): AppCredentials {
    const orgId = options.orgId ?? this.state.seed.orgId;
    if (!this.state.orgs.has(orgId)) throw new EmulatorAdminError(404, `unknown org ${orgId}`);
    if (options.name !== undefined) requireName(options.name);
    const secret = this.state.mintSecret();
    const app: AppRecord = {
      ...this.state.newAppFields(),
      orgId,
      name: options.name ?? "Client credentials app",
      redirectUris: [],
      scopes: options.scopes ?? ["org.read"],
      grantType: "client_credentials",
      secrets: [secret],
    };
    this.state.addApp(app);
    this.state.changed();
    return { appId: app.id, clientId: app.clientId, clientSecret: secret.value };
  }

  /** Delay added before every REST and OAuth2 answer. */
  setLatency(ms: number): void {
    this.settings.latencyMs = ms;
  }

  /** A per-token rate limit (429 past `limit` requests per `windowMs`), or none. Counts restart. */
  setRateLimit(config: RateLimitConfig | null): void {
    this.settings.rateLimit = config;
    this.limiter.configure(config);
  }

  /** Arms a scripted fault (see {@link Fault}). */
  injectFault(fault: Fault): void {
    this.faults.add(fault);
  }

  /** Disarms all faults. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** The armed faults no request has used up yet, with their uses left (a test can check its faults were hit). */
  pendingFaults(): { fault: Fault; remaining: number }[] {
    return this.faults.list();
  }

  /** Style of pagination links from now on. */
  setNextLinkStyle(style: NextLinkStyle): void {
    if (!["relative-no-rest", "relative", "absolute"].includes(style)) throw new EmulatorAdminError(400, `unknown link style ${style}`);
    this.settings.nextLinkStyle = style;
  }

  /** Renames an app behind the client's back (drift). */
  renameApp(appId: string, name: string): void {
    requireName(name);
    this.app(appId).name = name;
    this.state.changed();
  }

  /** Replaces an app's redirect URIs behind the client's back (drift). */
  setRedirectUris(appId: string, uris: string[]): void {
    this.app(appId).redirectUris = [...uris];
    this.state.changed();
  }

  /** Deletes an app (with its installs and credentials) behind the client's back. */
  deleteApp(appId: string): void {
    if (!this.state.removeApp(appId)) throw new EmulatorAdminError(404, `unknown app ${appId}`);
    this.state.changed();
  }

  /** Deletes an install (and revokes its tokens) behind the client's back. */
  deleteInstall(installId: string): void {
    if (!this.state.removeInstall(installId)) throw new EmulatorAdminError(404, `unknown install ${installId}`);
    this.state.changed();
  }

  /** Secrets minted from now on are refused by /oauth2/token (`invalid_client`) for `ms`. */
  setSecretActivationDelay(ms: number): void {
    this.state.secretActivationDelayMs = ms;
  }

  /** Ends the activation delay of every secret minted so far: /oauth2/token accepts them from now on. */
  activatePendingSecrets(): void {
    const holders = [...this.state.apps.values(), ...this.state.installs.values()];
    for (const secret of holders.flatMap((holder) => holder.secrets)) secret.activeAt = Math.min(secret.activeAt, Date.now());
    this.state.changed();
  }

  /** Every request served, oldest first. */
  get requestLog(): readonly RequestLogEntry[] {
    return this.log.entries;
  }

  /** Empties the request log. */
  clearLog(): void {
    this.log.clear();
  }

  /** Apps, in creation order, of one org or of all (the seeded broker app included). */
  listApps(orgId?: string): AppSummary[] {
    return this.state
      .sorted(this.state.apps.values())
      .filter((app) => orgId === undefined || app.orgId === orgId)
      .map((app) => ({
        id: app.id,
        orgId: app.orgId,
        clientId: app.clientId,
        name: app.name,
        redirectUris: [...app.redirectUris],
        scopes: [...app.scopes],
        context: app.context,
        grantType: app.grantType,
        accessTokenTtlSeconds: app.accessTokenTtlSeconds,
        createdAt: app.createdAt,
      }));
  }

  /** Every install (org, group and user), in creation order. */
  listInstalls(): InstallSummary[] {
    return this.state.sorted(this.state.installs.values()).map((install) => ({
      id: install.id,
      appId: install.appId,
      [`${install.targetKind}Id`]: install.targetId,
      clientId: install.clientId,
      botId: install.botId,
      installedAt: install.installedAt,
    }));
  }

  /**
   * The client secrets an app or install currently holds (the ones counted against the limit of
   * 2, including those still inside the activation delay), oldest first.
   */
  activeSecrets(appOrInstallId: string): string[] {
    const holder = this.state.apps.get(appOrInstallId) ?? this.state.installs.get(appOrInstallId);
    if (!holder) throw new EmulatorAdminError(404, `unknown app or install ${appOrInstallId}`);
    return holder.secrets.map((secret) => secret.value);
  }

  /** Back to the start: seeded state, no faults, empty log, the latency and rate limit of the options. */
  reset(): void {
    this.state.reset();
    this.state.secretActivationDelayMs = 0;
    this.faults.clear();
    this.log.clear();
    Object.assign(this.settings, this.initial);
    this.limiter.configure(this.initial.rateLimit);
  }

  private app(appId: string): AppRecord {
    const app = this.state.apps.get(appId);
    if (!app) throw new EmulatorAdminError(404, `unknown app ${appId}`);
    return app;
  }
}

function requireName(name: unknown): void {
  const problem = appNameProblem(name);
  if (problem) throw new EmulatorAdminError(400, problem);
}
