/** A timed phase's figures: wall time against its floor, and whether it met its target. */
import { atMost, concurrencyFloorMs, rateLimitFloorMs, ratio, Verdict } from "./floors";
import type { PhaseName, PhaseRun } from "./deployment-phases";

/** The figures of one timed phase, as printed and written to results.json. */
export interface TimedPhase {
  /** e.g. `N=50` or `rate limit`. */
  scenario: string;
  phase: PhaseName;
  resources: number;
  /** Requests the emulator logged, retries included. */
  requests: number;
  concurrency: number;
  latencyMs: number;
  /** The emulator's and the client's rate limit, when one applied. */
  rateLimit?: { limit: number; windowMs: number };
  wallMs: number;
  floorMs: number;
  ratio: number;
  /** The ratio to stay within; absent when the issue sets none. */
  target?: number;
  /** PASS when nothing failed, no 429 reached the user, and the ratio is within the target. */
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

/** How a phase was bounded and what it must reach. */
export interface PhaseBounds {
  scenario: string;
  concurrency: number;
  latencyMs: number;
  rateLimit?: { limit: number; windowMs: number };
  /** The ratio target per phase (none for phases without one). */
  targets: Partial<Record<PhaseName, number>>;
}

/** Computes the floor, ratio and verdict of a phase run. */
export function timedPhase(run: PhaseRun, bounds: PhaseBounds): TimedPhase {
  const bound = { requests: run.tally.requests, concurrency: bounds.concurrency, latencyMs: bounds.latencyMs };
  const floorMs = bounds.rateLimit ? rateLimitFloorMs({ ...bound, ...bounds.rateLimit }) : concurrencyFloorMs(bound);
  const phaseRatio = ratio(run.wallMs, floorMs);
  const rateLimitedToUser = run.failures.filter((f) => /\b429\b|rate.?limit/i.test(f.message)).length;
  const target = bounds.targets[run.phase];
  const figures: TimedPhase = {
    scenario: bounds.scenario,
    phase: run.phase,
    resources: run.resources,
    requests: run.tally.requests,
    concurrency: bounds.concurrency,
    latencyMs: bounds.latencyMs,
    wallMs: run.wallMs,
    floorMs,
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
  if (target !== undefined) {
    figures.target = target;
    figures.verdict = run.failures.length === 0 && rateLimitedToUser === 0 ? atMost(phaseRatio, target) : "FAIL";
  }
  return figures;
}
