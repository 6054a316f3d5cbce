/** Time as the client sees it; injectable so tests can observe and skip waits. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds, or at once when `signal` aborts (the wait is then dropped,
   * so a cancelled timeout holds no timer).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `fire` after `ms` milliseconds unless the returned function is called first (used for
   * request deadlines, which must not hold the process open once the request is done). A clock
   * without it gets a cancellable `sleep` for deadlines.
   */
  schedule?(ms: number, fire: () => void): () => void;
}

/** The real clock. It looks `setTimeout` up at call time, so sinon fake timers apply to it. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  sleep: (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  }),
  schedule: (ms: number, fire: () => void) => {
    const timer = setTimeout(fire, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
});
