/** Shapes shared across the emulator: options, stored records, faults and log entries. */

/** How `links.next`/`links.self`/`links.prev` are written. Snyk's docs show them relative and without `/rest`. */
export type NextLinkStyle = "relative-no-rest" | "relative" | "absolute";

/** A fixed-window rate limit, counted per token. */
export interface RateLimitConfig {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default "127.0.0.1". */
  host?: string;
  /** The API token accepted as `Authorization: token <t>`; random when absent. */
  token?: string;
  /** Delay added before every REST and OAuth2 answer. */
  latencyMs?: number;
  /** Rate limit per token on REST calls; none by default. */
  rateLimit?: RateLimitConfig;
  /** Persist the state to this JSON file: loaded on start, written after each change. */
  statePath?: string;
  /** Style of pagination links; default "relative-no-rest" (as Snyk's docs show). */
  nextLinkStyle?: NextLinkStyle;
  /** Answer 500 when a REST answer would not validate against the spec (a self-check for tests). */
  validateResponses?: boolean;
  /** Seed the fixed ids of `WELL_KNOWN_IDS` (org, group, broker app) instead of random ones. */
  wellKnownIds?: boolean;
  /** Bound of the request log in bytes of its JSON; default `REQUEST_LOG_MAX_BYTES` (32 MiB). */
  requestLogMaxBytes?: number;
  /** How the emulator waits (latency, fault delays); default real timers. Tests pass their own. */
  clock?: EmulatorClock;
}

/** What the emulator waits with; a test can hand in one it drives itself. */
export interface EmulatorClock {
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** A fault path matched with `*` (any run of characters except `/`) and `**` (any run at all). */
export interface PathGlob {
  glob: string;
}

/** A scripted fault for the next `times` requests that match `method` and `path`. */
export interface Fault {
  /** HTTP method to match (any when absent). */
  method?: string;
  /**
   * Matched against the REST path without `/rest` and query (e.g. `/orgs/x/apps/creations`), or
   * the full path for `/oauth2/...`: a string must be equal, a {@link PathGlob} match, a RegExp
   * match (in-process only: the HTTP admin takes no RegExp, as a bad one blocks the server).
   */
  path: string | RegExp | PathGlob;
  /** How many requests it applies to; default 1. */
  times?: number;
  /** Answer this status instead of doing the work. */
  status?: number;
  /** Extra headers on the faulted answer. */
  headers?: Record<string, string>;
  /** Body of the faulted answer (a JSON:API error matching `status` when absent). */
  body?: unknown;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Wait this long first (alone: a slow but correct answer). */
  delayMs?: number;
  /** Do the work, then destroy the socket: the change happens, the answer is lost. */
  afterProcessing?: boolean;
  /**
   * Hold the request until the client closes the connection (its timeout passed), then do the
   * work: a request processed after the client gave up, whatever the client's timeout and load.
   */
  untilClientGone?: boolean;
}

/** One line of the request log. Holds no credentials and no bodies. */
export interface RequestLogEntry {
  /** The `snyk-request-id` sent back. */
  requestId: string;
  method: string;
  /** REST path without `/rest` and query, or the full path for `/oauth2/...`. */
  path: string;
  /** Query parameters as received. */
  query: Record<string, string>;
  /** Status answered; 0 when the socket was destroyed. */
  status: number;
  /** The spec's operationId, when the route matched one. */
  operationId?: string;
  /** Epoch milliseconds at arrival. */
  at: number;
}

/** A client secret and when it starts to work at `/oauth2/token`. */
export interface SecretRecord {
  value: string;
  createdAt: number;
  activeAt: number;
}

/** Grant types an app can use. */
export type GrantType = "authorization_code" | "client_credentials";

/** An app as stored. */
export interface AppRecord {
  seq: number;
  id: string;
  orgId: string;
  clientId: string;
  name: string;
  redirectUris: string[];
  scopes: string[];
  context: "tenant" | "user";
  accessTokenTtlSeconds: number;
  grantType: GrantType;
  isPublic: boolean;
  isConfidential: boolean;
  secrets: SecretRecord[];
  createdAt: string;
}

/** Where an install lives. */
export type InstallTargetKind = "org" | "group" | "user";

/** An install of an app into an org, a group or a user. */
export interface InstallRecord {
  seq: number;
  id: string;
  appId: string;
  targetKind: InstallTargetKind;
  targetId: string;
  /** Own OAuth2 client of client-credentials installs; absent for interactive ones. */
  clientId?: string;
  secrets: SecretRecord[];
  botId: string;
  installedAt: string;
}

/** An OAuth session: one user authorization of an interactive app. */
export interface SessionRecord {
  seq: number;
  id: string;
  appId: string;
  installId: string;
  userId: string;
  createdAt: string;
}

/** What a bearer token or a refresh token may act for. */
export interface TokenRecord {
  kind: "access" | "refresh";
  clientId: string;
  appId: string;
  installId?: string;
  sessionId?: string;
  scope: string;
  orgIds: string[];
  groupIds: string[];
  botId: string;
  expiresAt: number;
}

/** An authorization code waiting to be exchanged. */
export interface CodeRecord {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  orgId: string;
  installId: string;
  sessionId: string;
  expiresAt: number;
}

/** An org and the group it belongs to. */
export interface OrgRecord {
  id: string;
  groupId: string;
}

/** The identities seeded at first start; stable across `reset()` and restarts. */
export interface Seed {
  token: string;
  userId: string;
  orgId: string;
  groupId: string;
  foreignOrgId: string;
  foreignGroupId: string;
  /** The org that owns the seeded broker app (Snyk's own; nobody has access). */
  snykOrgId: string;
  brokerApp: { appId: string; clientId: string; clientSecret: string };
}
