/**
 * A timed phase's figures: requests sent against the physical minimum, and wall time against
 * the floor that minimum sets (`ceil(minimum / concurrency) x latency`, or the rate limit's).
 */
import { atMost, concurrencyFloorMs, rateLimitFloorMs, ratio, Verdict } from "./floors";
import type { PhaseName, PhaseRun } from "./deployment-phases";

/** The figures of one timed phase, as printed and written to results.json. */
export interface TimedPhase {
  /** e.g. `N=50` or `rate limit 54/2s N=100`. */
  scenario: string;
  phase: PhaseName;
  resources: number;
  /** Requests the emulator logged, retries included. */
  requests: number;
  /** The physical minimum of requests for the phase (see minimum.ts). */
  minimum: number;
  /** requests / minimum. */
  requestRatio: number;
  /** Requests in flight at most: the client's cap, or the engine's parallelism when lower. */
  concurrency: number;
  latencyMs: number;
  /** The emulator's and the client's rate limit, when one applied. */
  rateLimit?: { limit: number; windowMs: number };
  wallMs: number;
  /** The least wall time: the larger of {@link requestFloorMs} and {@link engineFloorMs}. */
  floorMs: number;
  /**
   * The least wall time the minimum of requests allows, counted from the engine's lead (no
   * request can go before the engine starts the first step).
   */
  requestFloorMs: number;
  /** When the do-nothing provider's run started its first step, in ms from the phase's start. */
  engineLeadMs?: number;
  /**
   * The same phase on a do-nothing provider (the harness's and the provider host's own time),
   * plus one latency: that provider answers its first step at once, a real one not before one
   * round trip to Snyk (every step of the bench's phases waits for an answer).
   */
  engineFloorMs?: number;
  /** wallMs / floorMs. */
  ratio: number;
  /** The targets, when this scenario has them. */
  targets?: PhaseTargets;
  /** PASS when nothing failed, no 429 reached the user, and both ratios are within their targets. */
  verdict?: Verdict;
  /** Steps that failed. */
  failures: number;
  /** 429 answers the emulator sent. */
  rateLimitedSeen: number;
  /** Failures whose error was a 429 (the user saw the rate limit). */
  rateLimitedToUser: number;
  /** Requests by `METHOD /path` (ids as `{id}`). */
  requestsByRoute: Record<string, number>;
  /** When the first request reached the emulator, in ms from the phase's start. */
  firstRequestMs?: number;
  /** When the last request reached the emulator, in ms from the phase's start. */
  lastRequestMs?: number;
  hostStartToFirstCheckMs: number;
  hostPeakRssBytes?: number;
}

/** The ratios a phase must stay within. */
export interface PhaseTargets {
  /** requests / minimum. */
  requests: number;
  /** wall / floor. */
  wall: number;
}

/** How a phase was bounded and what it must reach. */
export interface PhaseBounds {
  scenario: string;
  concurrency: number;
  latencyMs: number;
  rateLimit?: { limit: number; windowMs: number };
  /**
   * The client's own default limit (Snyk's 1620 a minute), which bounds a phase of more requests
   * than one window allows even where the scenario sets no limit of its own.
   */
  clientRateLimit?: { limit: number; windowMs: number };
  /** The phase's physical minimum of requests. */
  minimum: number;
  /** The longest chain of those that must go one after another. */
  chain?: number;
  /** The same phase of the same shape on a do-nothing provider (see `bareStackOfN`), in ms. */
  engineFloorMs?: number;
  /** When that run started its first step (Create, Read or Delete), in ms from the phase's start. */
  engineLeadMs?: number;
  /** Absent where the scenario has no target. */
  targets?: PhaseTargets;
}

/** Computes the floor, the ratios and the verdict of a phase run. */
export function timedPhase(run: PhaseRun, bounds: PhaseBounds): TimedPhase {
  const bound = { requests: bounds.minimum, concurrency: bounds.concurrency, latencyMs: bounds.latencyMs, chain: bounds.chain };
  const limit = bounds.rateLimit ?? bounds.clientRateLimit;
  const lead = bounds.engineLeadMs ?? 0;
  const requestFloorMs = lead + (limit ? rateLimitFloorMs({ ...bound, ...limit }) : concurrencyFloorMs(bound));
  const engineFloorMs = bounds.engineFloorMs === undefined ? undefined : bounds.engineFloorMs + bounds.latencyMs;
  const floorMs = Math.max(requestFloorMs, engineFloorMs ?? 0);
  const phaseRatio = ratio(run.wallMs, floorMs);
  const requestRatio = ratio(run.tally.requests, bounds.minimum);
  const rateLimitedToUser = run.failures.filter((f) => /\b429\b|rate.?limit/i.test(f.message)).length;
  const figures: TimedPhase = {
    scenario: bounds.scenario,
    phase: run.phase,
    resources: run.resources,
    requests: run.tally.requests,
    minimum: bounds.minimum,
    requestRatio,
    concurrency: bounds.concurrency,
    latencyMs: bounds.latencyMs,
    wallMs: run.wallMs,
    floorMs,
    requestFloorMs,
    ...(engineFloorMs !== undefined ? { engineFloorMs } : {}),
    ...(bounds.engineLeadMs !== undefined ? { engineLeadMs: bounds.engineLeadMs } : {}),
    ratio: phaseRatio,
    failures: run.failures.length,
    rateLimitedSeen: run.tally.rateLimited,
    rateLimitedToUser,
    requestsByRoute: run.tally.byRoute,
    hostStartToFirstCheckMs: run.hostStartToFirstCheckMs,
  };
  if (bounds.rateLimit) figures.rateLimit = bounds.rateLimit;
  if (run.firstRequestMs !== undefined) figures.firstRequestMs = run.firstRequestMs;
  if (run.lastRequestMs !== undefined) figures.lastRequestMs = run.lastRequestMs;
  if (run.hostPeakRssBytes !== undefined) figures.hostPeakRssBytes = run.hostPeakRssBytes;
  if (bounds.targets) {
    figures.targets = bounds.targets;
    const clean = run.failures.length === 0 && rateLimitedToUser === 0;
    figures.verdict = clean && atMost(requestRatio, bounds.targets.requests) === "PASS" ? atMost(phaseRatio, bounds.targets.wall) : "FAIL";
  }
  return figures;
}
