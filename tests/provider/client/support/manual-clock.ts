import type { Clock } from "../../../../provider/client";

/**
 * A clock whose time moves only when a test says so, and that records every wait. With
 * `autoAdvance`, each sleep moves time forward by its length at once (waits cost nothing). A
 * timeout (a sleep given an abort signal) fires only when `advance` passes it.
 */
export class ManualClock implements Clock {
  #now: number;
  readonly #autoAdvance: boolean;
  readonly #sleepers: Array<{ until: number; wake: () => void; timeout?: true }> = [];
  /** The length of every sleep asked for, in order. */
  readonly sleeps: number[] = [];

  constructor(options: { start?: number; autoAdvance?: boolean } = {}) {
    this.#now = options.start ?? 1_700_000_000_000;
    this.#autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal) {
      // A cancellable wait is a timeout, not a wait the client takes: not recorded in `sleeps`.
      if (signal.aborted) return Promise.resolve();
      return new Promise((wake) => {
        const sleeper = { until: this.#now + ms, wake, timeout: true as const };
        this.#sleepers.push(sleeper);
        signal.addEventListener("abort", () => {
          const i = this.#sleepers.indexOf(sleeper);
          if (i >= 0) this.#sleepers.splice(i, 1);
          wake();
        }, { once: true });
      });
    }
    this.sleeps.push(ms);
    if (this.#autoAdvance) {
      this.#now += ms;
      return Promise.resolve();
    }
    return new Promise((wake) => this.#sleepers.push({ until: this.#now + ms, wake }));
  }

  /** Sleeps not yet woken (waits the client takes; running timeouts are counted by `timeouts`). */
  get pending(): number {
    return this.#sleepers.filter((s) => !s.timeout).length;
  }

  /** Timeouts running: one per request in flight. */
  get timeouts(): number {
    return this.#sleepers.filter((s) => s.timeout).length;
  }

  /** Moves time forward and wakes the sleeps that are due. */
  advance(ms: number): void {
    this.#now += ms;
    for (let i = this.#sleepers.length - 1; i >= 0; i--) {
      if (this.#sleepers[i].until <= this.#now) this.#sleepers.splice(i, 1)[0].wake();
    }
  }
}
