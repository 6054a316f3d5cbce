/** A clock for the emulator's waits (latency, fault delays) that a test releases by hand. */
import type { EmulatorClock } from "../../emulator";

/** One wait the emulator started: how long it asked for, and how to end it. */
export interface PendingSleep {
  ms: number;
  release(): void;
}

/** Hands every `sleep` of the emulator to the test, in order, instead of waiting in real time. */
export class ManualClock implements EmulatorClock {
  private readonly started: PendingSleep[] = [];
  private readonly takers: ((sleep: PendingSleep) => void)[] = [];

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const pending: PendingSleep = { ms, release: () => resolve() };
      const taker = this.takers.shift();
      if (taker) taker(pending);
      else this.started.push(pending);
    });
  }

  /** The next wait the emulator starts (or one it started already and nobody took yet). */
  nextSleep(): Promise<PendingSleep> {
    const pending = this.started.shift();
    if (pending) return Promise.resolve(pending);
    return new Promise((resolve) => this.takers.push(resolve));
  }
}
