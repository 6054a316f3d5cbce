/** Writes a file (or anything) at most once per interval however often a write is asked for. */

/** Runs `write` at most once per `intervalMs`; `cancel` drops a pending write. */
export class ThrottledWriter {
  private timer?: NodeJS.Timeout;
  private last = 0;

  constructor(
    private readonly write: () => void,
    private readonly intervalMs: number,
  ) {}

  /** Writes now, or once the interval since the last write has passed. */
  request(): void {
    if (this.timer) return;
    const wait = this.last + this.intervalMs - Date.now();
    if (wait <= 0) return this.run();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed intermediate write is not fatal: the operation's final write reports the error.
      try {
        this.run();
      } catch {
        /* see above */
      }
    }, wait);
  }

  /** Writes now, whatever the interval (e.g. a journal entry that must reach the file before a step starts). */
  flush(): void {
    this.cancel();
    this.run();
  }

  /** Drops the pending write, if any (the caller writes the final state itself). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.last = Date.now();
    this.write();
  }
}
