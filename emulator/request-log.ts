/** The log of requests served, for tests to count and inspect (no credentials, no bodies). */
import { REQUEST_LOG_MAX_BYTES } from "./limits";
import { RequestLogEntry } from "./types";

/** What an entry costs: its JSON length, plus room for the status it gets when answered. */
function costOf(entry: RequestLogEntry): number {
  return Buffer.byteLength(JSON.stringify(entry)) + 8;
}

/**
 * An append-only list of {@link RequestLogEntry} bounded in bytes, not in count (one long URL
 * weighs what a hundred short ones do): past `maxBytes` the oldest entries are dropped, but the
 * newest one is always kept.
 */
export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private readonly costs: number[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes: number = REQUEST_LOG_MAX_BYTES) {}

  /** Appends one entry, dropping the oldest ones while the log is over its bound. */
  add(entry: RequestLogEntry): void {
    const cost = costOf(entry);
    this.entries.push(entry);
    this.costs.push(cost);
    this.bytes += cost;
    let drop = 0;
    while (this.bytes > this.maxBytes && drop < this.entries.length - 1) this.bytes -= this.costs[drop++];
    if (drop > 0) {
      this.entries.splice(0, drop);
      this.costs.splice(0, drop);
    }
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.length = 0;
    this.costs.length = 0;
    this.bytes = 0;
  }
}
