/**
 * Deploy, refresh and destroy under a request-rate limit: Snyk's 1620 requests a minute scaled to
 * a short window, set both on the emulator (which answers 429 past it) and on the client
 * (`snyk:requestsPerMinute` per `snyk:rateLimitWindowMs`). Wall time against the limit's floor.
 */
import * as path from "path";
import { appsAndInstalls } from "./bench-program";
import { runPhases } from "./deployment-phases";
import { startEmulatorProcess } from "./emulator-process";
import { appCheck } from "./provider-texts";
import { timedPhase, TimedPhase } from "./timed-phase";

/** Snyk's documented limit per API key. */
export const SNYK_REQUESTS_PER_MINUTE = 1620;

/** Snyk's per-minute limit scaled to a window of `windowMs`: the same rate, e.g. 54 per 2 000 ms. */
export function scaledLimit(windowMs: number, perMinute = SNYK_REQUESTS_PER_MINUTE): { limit: number; windowMs: number } {
  return { limit: Math.floor((perMinute * windowMs) / 60_000), windowMs };
}

/** The rate-limit scenario's knobs. */
export interface RateLimitOptions {
  /** Apps, and installs, to deploy: enough requests for several windows. */
  n: number;
  windowMs: number;
  latencyMs: number;
  concurrency: number;
  /** The ratio target of every phase. */
  target: number;
  appProvider: string;
  workDir: string;
  log?: (line: string) => void;
}

/** Runs the scenario on its own emulator. */
export async function runRateLimited(options: RateLimitOptions): Promise<TimedPhase[]> {
  const rateLimit = scaledLimit(options.windowMs);
  const emulator = await startEmulatorProcess();
  try {
    const installAppIds = await emulator.createClientCredentialsApps(options.n);
    await emulator.setLatency(options.latencyMs);
    const runs = await runPhases({
      emulator,
      config: {
        "snyk:token": emulator.token,
        "snyk:apiUrl": emulator.url,
        "snyk:maxConcurrency": String(options.concurrency),
        "snyk:requestsPerMinute": String(rateLimit.limit),
        "snyk:rateLimitWindowMs": String(rateLimit.windowMs),
      },
      firstCheck: appCheck(options.appProvider, emulator.orgId),
      statePath: path.join(options.workDir, "rate-limited.json"),
      program: appsAndInstalls({ orgId: emulator.orgId, apps: options.n, installAppIds }),
      // Each phase starts on a fresh window, as a command run a window after the last one would:
      // setting the limit restarts the emulator's counts (the fresh host's client starts empty too).
      beforePhase: () => emulator.setRateLimit(rateLimit),
    });
    const scenario = `rate limit ${rateLimit.limit}/${rateLimit.windowMs / 1000}s`;
    for (const run of runs) for (const f of run.failures.slice(0, 3)) options.log?.(`  ${scenario} ${run.phase} failure: ${f.op} ${f.urn}: ${f.message}`);
    return runs.map((run) =>
      timedPhase(run, {
        scenario,
        concurrency: options.concurrency,
        latencyMs: options.latencyMs,
        rateLimit,
        targets: { deploy: options.target, refresh: options.target, destroy: options.target },
      }),
    );
  } finally {
    await emulator.close();
  }
}
