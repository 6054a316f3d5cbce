/** The log of requests served, for tests to count and inspect (no credentials, no bodies). */
import { RequestLogEntry } from "./types";

/** Oldest entries are dropped past this many, so long benchmarks do not grow memory without end. */
export const REQUEST_LOG_CAPACITY = 100_000;

/** An append-only, bounded list of {@link RequestLogEntry}. */
export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  /** Appends one entry. */
  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > REQUEST_LOG_CAPACITY) this.entries.splice(0, this.entries.length - REQUEST_LOG_CAPACITY);
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.length = 0;
  }
}
