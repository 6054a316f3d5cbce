/** Scheduled rotation: a value that changes once per window, for `rotationTriggers`. */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The start date (YYYY-MM-DD, UTC) of the rotation window that holds `now`, for windows of
 * `days` days counted from 1970-01-01. Put it in `rotationTriggers`: the secret rotates on the
 * first `pulumi up` of each new window and stays put within one.
 *
 * @param days the window length in days (a whole number of at least 1)
 * @param now the moment to place (defaults to the current time)
 */
export function rotationWindow(days: number, now: Date = new Date()): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`rotationWindow: days must be a whole number of at least 1, not ${days}`);
  const windowIndex = Math.floor(now.getTime() / (days * DAY_MS));
  return new Date(windowIndex * days * DAY_MS).toISOString().slice(0, 10);
}
