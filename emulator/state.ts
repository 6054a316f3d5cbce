/**
 * The emulator's store: orgs, apps, installs, OAuth sessions, tokens and codes, with indices
 * by client id, and optional persistence to one JSON file written after each change.
 */
import * as fs from "fs";
import { newClientSecret, newCredential, newId } from "./ids";
import { WELL_KNOWN_IDS } from "./well-known-ids";
import { AppRecord, CodeRecord, InstallRecord, OrgRecord, SecretRecord, Seed, SessionRecord, TokenRecord } from "./types";

const BROKER_SCOPES = ["broker.register.read", "broker.register.write", "org.read"];

/** What `client_id` at /oauth2 refers to. */
export type ClientRef = { kind: "app"; app: AppRecord } | { kind: "install"; install: InstallRecord; app: AppRecord };

interface Persisted {
  format: 1;
  seed: Seed;
  seq: number;
  orgs: OrgRecord[];
  apps: AppRecord[];
  installs: InstallRecord[];
  sessions: SessionRecord[];
  tokens: [string, TokenRecord][];
  codes: [string, CodeRecord][];
}

/** The in-memory state of one emulator. */
export class State {
  readonly orgs = new Map<string, OrgRecord>();
  readonly apps = new Map<string, AppRecord>();
  readonly installs = new Map<string, InstallRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly codes = new Map<string, CodeRecord>();
  /** New secrets are refused at /oauth2/token until this many ms have passed (not persisted). */
  secretActivationDelayMs = 0;
  private seq = 0;
  private readonly clients = new Map<string, { kind: "app" | "install"; id: string }>();

  private constructor(
    readonly seed: Seed,
    private readonly statePath?: string,
  ) {}

  /** Loads `statePath` when it exists, else seeds a fresh state (with `token` when given). */
  static open(options: { token?: string; statePath?: string; wellKnownIds?: boolean }): State {
    if (options.statePath && fs.existsSync(options.statePath)) {
      const saved = JSON.parse(fs.readFileSync(options.statePath, "utf8")) as Persisted;
      const seed = options.token ? { ...saved.seed, token: options.token } : saved.seed;
      const state = new State(seed, options.statePath);
      state.load(saved);
      return state;
    }
    const state = new State(createSeed(options.token, options.wellKnownIds), options.statePath);
    state.reset();
    return state;
  }

  /** Back to the seeded state: the same token, orgs, groups and broker app; nothing else. */
  reset(): void {
    for (const map of [this.orgs, this.apps, this.installs, this.sessions, this.tokens, this.codes, this.clients]) map.clear();
    this.seq = 0;
    const { seed } = this;
    this.orgs.set(seed.orgId, { id: seed.orgId, groupId: seed.groupId });
    this.orgs.set(seed.foreignOrgId, { id: seed.foreignOrgId, groupId: seed.foreignGroupId });
    this.orgs.set(seed.snykOrgId, { id: seed.snykOrgId, groupId: seed.foreignGroupId });
    this.addApp({
      ...this.newAppFields(),
      id: seed.brokerApp.appId,
      orgId: seed.snykOrgId,
      clientId: seed.brokerApp.clientId,
      name: "Snyk Broker",
      redirectUris: [],
      scopes: BROKER_SCOPES,
      grantType: "client_credentials",
      secrets: [{ value: seed.brokerApp.clientSecret, createdAt: 0, activeAt: 0 }],
    });
    this.changed();
  }

  /** The next sequence number: the order of creation, used by pagination cursors. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Defaults of a new app record (id, client id, sequence, timestamps). */
  newAppFields(): Pick<AppRecord, "seq" | "id" | "clientId" | "createdAt" | "context" | "accessTokenTtlSeconds" | "isPublic" | "isConfidential"> {
    return {
      seq: this.nextSeq(),
      id: newId(),
      clientId: newId(),
      createdAt: new Date().toISOString(),
      context: "tenant",
      accessTokenTtlSeconds: 3600,
      isPublic: false,
      isConfidential: true,
    };
  }

  /** A new secret, active after the configured activation delay. */
  mintSecret(): SecretRecord {
    const now = Date.now();
    return { value: newClientSecret(), createdAt: now, activeAt: now + this.secretActivationDelayMs };
  }

  /** Stores an app and indexes its client id. */
  addApp(app: AppRecord): void {
    this.apps.set(app.id, app);
    this.clients.set(app.clientId, { kind: "app", id: app.id });
  }

  /** Stores an install and indexes its client id, when it has one. */
  addInstall(install: InstallRecord): void {
    this.installs.set(install.id, install);
    if (install.clientId) this.clients.set(install.clientId, { kind: "install", id: install.id });
  }

  /** Deletes an app with its installs, sessions and every token issued for it. */
  removeApp(appId: string): boolean {
    const app = this.apps.get(appId);
    if (!app) return false;
    for (const install of [...this.installs.values()]) if (install.appId === appId) this.removeInstall(install.id);
    this.revokeTokens((token) => token.appId === appId);
    this.apps.delete(appId);
    this.clients.delete(app.clientId);
    return true;
  }

  /** Deletes an install with its sessions and every token issued through it. */
  removeInstall(installId: string): boolean {
    const install = this.installs.get(installId);
    if (!install) return false;
    for (const session of [...this.sessions.values()]) if (session.installId === installId) this.sessions.delete(session.id);
    this.revokeTokens((token) => token.installId === installId);
    this.installs.delete(installId);
    if (install.clientId) this.clients.delete(install.clientId);
    return true;
  }

  /** Deletes every access and refresh token that matches. */
  revokeTokens(matches: (token: TokenRecord) => boolean): void {
    for (const [value, token] of this.tokens) if (matches(token)) this.tokens.delete(value);
  }

  /** Issues a token of `record.kind` and returns its value. */
  issueToken(record: TokenRecord): string {
    const value = newCredential(record.kind === "access" ? "snyk_at_" : "snyk_rt_", 32);
    this.tokens.set(value, record);
    return value;
  }

  /** The app or install whose OAuth2 client id this is. */
  client(clientId: string): ClientRef | undefined {
    const ref = this.clients.get(clientId);
    if (ref?.kind === "app") {
      const app = this.apps.get(ref.id);
      return app && { kind: "app", app };
    }
    const install = ref && this.installs.get(ref.id);
    const app = install && this.apps.get(install.appId);
    return install && app ? { kind: "install", install, app } : undefined;
  }

  /** Items of a map in creation order. */
  sorted<T extends { seq: number }>(items: Iterable<T>): T[] {
    return [...items].sort((a, b) => a.seq - b.seq);
  }

  /** Call after every change: writes the state file when persistence is on. */
  changed(): void {
    if (!this.statePath) return;
    const data: Persisted = {
      format: 1,
      seed: this.seed,
      seq: this.seq,
      orgs: [...this.orgs.values()],
      apps: [...this.apps.values()],
      installs: [...this.installs.values()],
      sessions: [...this.sessions.values()],
      tokens: [...this.tokens],
      codes: [...this.codes],
    };
    const temporary = `${this.statePath}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(data), { mode: 0o600 });
    fs.renameSync(temporary, this.statePath);
  }

  private load(saved: Persisted): void {
    this.seq = saved.seq;
    for (const org of saved.orgs) this.orgs.set(org.id, org);
    for (const app of saved.apps) this.addApp(app);
    for (const install of saved.installs) this.addInstall(install);
    for (const session of saved.sessions) this.sessions.set(session.id, session);
    for (const [value, token] of saved.tokens) this.tokens.set(value, token);
    for (const [value, code] of saved.codes) this.codes.set(value, code);
  }
}

function createSeed(token?: string, wellKnownIds = false): Seed {
  const id = (name: keyof typeof WELL_KNOWN_IDS) => (wellKnownIds ? WELL_KNOWN_IDS[name] : newId());
  return {
    token: token ?? newId(),
    userId: id("userId"),
    orgId: id("orgId"),
    groupId: id("groupId"),
    foreignOrgId: id("foreignOrgId"),
    foreignGroupId: id("foreignGroupId"),
    snykOrgId: id("snykOrgId"),
    brokerApp: { appId: id("brokerAppId"), clientId: id("brokerClientId"), clientSecret: newClientSecret() },
  };
}
