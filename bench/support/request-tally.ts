/** Counting what the emulator served during one phase of the bench, from its request log. */

/** A request as the emulator logged it (the fields counted here). */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** Epoch ms at arrival. */
  at: number;
}

/** What a phase sent. */
export interface RequestTally {
  /** Every request the emulator logged, retries included. */
  requests: number;
  /** Requests answered 429. */
  rateLimited: number;
  /** Requests answered with another 4xx/5xx (or never answered: status 0). */
  failed: number;
  /** `METHOD /path-shape` → count, ids replaced by `{id}`. */
  byRoute: Record<string, number>;
  /** From the first arrival to the last, in ms (0 for fewer than 2 requests). */
  spanMs: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Tallies logged requests. */
export function tally(entries: readonly LoggedRequest[]): RequestTally {
  const byRoute: Record<string, number> = {};
  let rateLimited = 0;
  let failed = 0;
  for (const entry of entries) {
    const route = `${entry.method} ${entry.path.replace(UUID, "{id}")}`;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
    if (entry.status === 429) rateLimited++;
    else if (entry.status === 0 || entry.status >= 400) failed++;
  }
  const times = entries.map((e) => e.at);
  const spanMs = entries.length > 1 ? Math.max(...times) - Math.min(...times) : 0;
  return { requests: entries.length, rateLimited, failed, byRoute, spanMs };
}

/** Where the emulator's request log is read and cleared. */
export interface RequestLogSource {
  clearLog(): Promise<void>;
  requestLog(): Promise<LoggedRequest[]>;
}

/**
 * Runs `phase` with the emulator's request log cleared first, and tallies what it logged.
 *
 * @returns the phase's result, its tally, and its wall time in ms
 */
export async function counted<T>(emulator: RequestLogSource, phase: () => Promise<T>): Promise<CountedPhase<T>> {
  await emulator.clearLog();
  const startedAt = Date.now();
  const started = performance.now();
  const result = await phase();
  const wallMs = performance.now() - started;
  const log = await emulator.requestLog();
  const offsets = log.map((entry) => entry.at - startedAt);
  return {
    result,
    tally: tally(log),
    startedAt: started,
    wallMs,
    firstRequestMs: offsets.length ? Math.min(...offsets) : undefined,
    lastRequestMs: offsets.length ? Math.max(...offsets) : undefined,
  };
}

/** A phase's result, what it sent, and when. */
export interface CountedPhase<T> {
  result: T;
  tally: RequestTally;
  /** When the phase started, on `performance.now()`'s clock. */
  startedAt: number;
  wallMs: number;
  /** When the first request arrived, in ms from the phase's start. */
  firstRequestMs?: number;
  /** When the last request arrived, in ms from the phase's start. */
  lastRequestMs?: number;
}
