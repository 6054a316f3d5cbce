/** Time as the client sees it; injectable so tests can observe and skip waits. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
  /**
   * Calls `fire` after `ms` milliseconds unless the returned function is called first (used for
   * request deadlines, which must not hold the process open once the request is done). A clock
   * without it gets real timers for deadlines.
   */
  schedule?(ms: number, fire: () => void): () => void;
}

/** The real clock. It looks `setTimeout` up at call time, so sinon fake timers apply to it. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms))),
  schedule: (ms: number, fire: () => void) => {
    const timer = setTimeout(fire, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
});
