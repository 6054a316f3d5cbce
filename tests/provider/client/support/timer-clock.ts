import { ManualClock } from "./manual-clock";

/**
 * A {@link ManualClock} that also runs the client's timers (request deadlines): they fire only
 * when {@link advance} passes them. Plain ManualClocks leave deadlines to real timers, so tests
 * that move time forward by minutes do not expire requests still in flight.
 */
export class TimerClock extends ManualClock {
  readonly #timers: Array<{ until: number; fire: () => void }> = [];

  /** Calls `fire` once time has been advanced by `ms`, unless cancelled first. */
  schedule(ms: number, fire: () => void): () => void {
    const timer = { until: this.now() + ms, fire };
    this.#timers.push(timer);
    return () => {
      const index = this.#timers.indexOf(timer);
      if (index >= 0) this.#timers.splice(index, 1);
    };
  }

  /** Timers not yet fired or cancelled. */
  get timers(): number {
    return this.#timers.length;
  }

  override advance(ms: number): void {
    super.advance(ms);
    for (const timer of this.#timers.filter((t) => t.until <= this.now())) {
      this.#timers.splice(this.#timers.indexOf(timer), 1);
      timer.fire();
    }
  }
}
