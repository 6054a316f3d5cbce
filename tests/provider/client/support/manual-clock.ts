import type { Clock } from "../../../../provider/client";

/**
 * A clock whose time moves only when a test says so, and that records every wait. With
 * `autoAdvance`, each sleep moves time forward by its length at once (waits cost nothing).
 */
export class ManualClock implements Clock {
  #now: number;
  readonly #autoAdvance: boolean;
  readonly #sleepers: Array<{ until: number; wake: () => void }> = [];
  /** The length of every sleep asked for, in order. */
  readonly sleeps: number[] = [];

  constructor(options: { start?: number; autoAdvance?: boolean } = {}) {
    this.#now = options.start ?? 1_700_000_000_000;
    this.#autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (this.#autoAdvance) {
      this.#now += ms;
      return Promise.resolve();
    }
    return new Promise((wake) => this.#sleepers.push({ until: this.#now + ms, wake }));
  }

  /** Sleeps not yet woken. */
  get pending(): number {
    return this.#sleepers.length;
  }

  /** Moves time forward and wakes the sleeps that are due. */
  advance(ms: number): void {
    this.#now += ms;
    for (let i = this.#sleepers.length - 1; i >= 0; i--) {
      if (this.#sleepers[i].until <= this.#now) this.#sleepers.splice(i, 1)[0].wake();
    }
  }
}
