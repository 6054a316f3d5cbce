import { type Clock, systemClock } from "./clock";

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
  // A clock without timers (e.g. one whose sleeps return at once to skip waits) gets real ones:
  // a deadline that fired at once would fail every request.
  return clock.schedule ? clock.schedule(ms, fire) : systemClock.schedule!(ms, fire);
}
