/**
 * A local Snyk Apps API built from spec/ (REST under `/rest`, OAuth2 under `/oauth2`), with
 * knobs for tests under `admin` and over HTTP under `/_emulator`. See emulator/README.md.
 *
 * @example
 * const emulator = await startEmulator();
 * // GET `${emulator.url}/rest/orgs/${emulator.orgId}/apps/creations?version=2025-11-05`
 * // with `Authorization: token ${emulator.token}`
 * await emulator.close();
 */
import { EmulatorAdmin, EmulatorSettings } from "./admin";
import { FaultInjector } from "./faults";
import { linkBuilder } from "./links";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { RestApi } from "./rest-api";
import { listen } from "./server";
import { specValidator } from "./spec-validator";
import { State } from "./state";
import { EmulatorClock, EmulatorOptions } from "./types";

export { EmulatorAdmin } from "./admin";
export type { AppCredentials, AppSummary, InstallSummary } from "./admin";
export type { EmulatorClock, EmulatorOptions, Fault, NextLinkStyle, PathGlob, RateLimitConfig, RequestLogEntry } from "./types";
export { MAX_APP_NAME_LENGTH, MAX_BODY_BYTES, MAX_FAULT_GLOB_LENGTH, REQUEST_LOG_MAX_BYTES } from "./limits";
export { EmulatorAdminError } from "./errors";
export { APPS_GA_VERSION, SPEC_VERSION } from "./version";
export { MAX_SECRETS } from "./secrets";
export { WELL_KNOWN_IDS } from "./well-known-ids";

const realClock: EmulatorClock = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** A started emulator. */
export interface RunningEmulator {
  /** Origin, e.g. `http://127.0.0.1:43210`; REST under `${url}/rest`, OAuth2 under `${url}/oauth2`. */
  url: string;
  /** API token of the emulator's user (`Authorization: token <token>`). */
  token: string;
  /** An org the token can use. */
  orgId: string;
  /** The group of `orgId`; the token can use it too. */
  groupId: string;
  /** An org that exists but the token cannot use (403). */
  foreignOrgId: string;
  /** A group that exists but the token cannot use (403). */
  foreignGroupId: string;
  /** A seeded client-credentials app (like Snyk's Broker app) that can be installed. */
  brokerApp: { appId: string; clientId: string; clientSecret: string };
  /** Knobs for tests. */
  admin: EmulatorAdmin;
  /** Stops the server and drops its connections. */
  close(): Promise<void>;
}

/** Starts an emulator on `options.port` (0: a free port) of `options.host` (127.0.0.1). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = State.open({ token: options.token, statePath: options.statePath, wellKnownIds: options.wellKnownIds });
  const initial: EmulatorSettings = {
    latencyMs: options.latencyMs ?? 0,
    rateLimit: options.rateLimit ?? null,
    nextLinkStyle: options.nextLinkStyle ?? "relative-no-rest",
    validateResponses: options.validateResponses ?? false,
  };
  const settings = { ...initial };
  const faults = new FaultInjector();
  const limiter = new RateLimiter(settings.rateLimit);
  const log = new RequestLog(options.requestLogMaxBytes);
  const admin = new EmulatorAdmin(state, faults, limiter, log, settings, initial);
  let url = "";
  const rest = new RestApi(state, specValidator(), {
    link: () => linkBuilder(settings.nextLinkStyle, url),
    validateResponses: () => settings.validateResponses,
  });
  const { seed } = state;
  const identity = {
    token: seed.token,
    orgId: seed.orgId,
    groupId: seed.groupId,
    foreignOrgId: seed.foreignOrgId,
    foreignGroupId: seed.foreignGroupId,
    brokerApp: { ...seed.brokerApp },
  };
  const server = await listen(
    { rest, admin, faults, limiter, log, settings, state, clock: options.clock ?? realClock, info: () => ({ url, ...identity }) },
    options.port ?? 0,
    options.host ?? "127.0.0.1",
  );
  url = server.url;
  return { url, ...identity, admin, close: server.close };
}
