import type { Clock } from "./clock";

/** A deadline on one attempt: aborts `signal` when `ms` pass on the clock. */
export interface Deadline {
  /** Aborted when the deadline passes. */
  readonly signal: AbortSignal;
  /** True once the deadline has passed. */
  readonly expired: boolean;
  /** Stops the timer (call when the attempt has finished). */
  cancel(): void;
}

/**
 * Starts a deadline of `ms` on `clock`. It covers the whole attempt (connecting, headers and the
 * body): an HTTP library's idle timeout restarts on every byte, so a server dripping one byte a
 * second would hold the request forever.
 */
export function startDeadline(clock: Clock, ms: number): Deadline {
  const controller = new AbortController();
  let expired = false;
  const cancel = schedule(clock, ms, () => {
    expired = true;
    controller.abort();
  });
  return {
    signal: controller.signal,
    get expired() { return expired; },
    cancel,
  };
}

function schedule(clock: Clock, ms: number, fire: () => void): () => void {
  if (clock.schedule) return clock.schedule(ms, fire);
  // Otherwise the deadline is a cancellable sleep on the clock: a test clock moves it by hand.
  const settled = new AbortController();
  void clock.sleep(ms, settled.signal).then(() => {
    if (!settled.signal.aborted) fire();
  });
  return () => settled.abort();
}
