/** A cap on how many requests one client has in flight at once (a counting semaphore). */
export class ConcurrencyLimiter {
  readonly #max: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  /** @param max the most tasks running at once (at least 1) */
  constructor(max: number) {
    this.#max = Math.max(1, Math.floor(max));
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Runs `task` once fewer than `max` tasks are running; the slot is freed when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#active < this.#max) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    // The freed slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else this.#active--;
  }
}
