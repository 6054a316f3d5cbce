/** Scripted faults: the next N requests matching a method and path get a scripted failure. */
import { globMatches } from "./glob";
import { Fault } from "./types";

interface ArmedFault {
  fault: Fault;
  remaining: number;
}

/** A queue of armed {@link Fault}s; the first match wins and uses up one of its `times`. */
export class FaultInjector {
  private armed: ArmedFault[] = [];

  /** Arms a fault for its `times` (default 1) next matching requests. */
  add(fault: Fault): void {
    this.armed.push({ fault, remaining: fault.times ?? 1 });
  }

  /** Disarms every fault. */
  clear(): void {
    this.armed = [];
  }

  /** How many faults are still armed. */
  get pending(): number {
    return this.armed.length;
  }

  /** The armed faults, first match first, each with how many of its `times` are left. */
  list(): { fault: Fault; remaining: number }[] {
    return this.armed.map(({ fault, remaining }) => ({ fault, remaining }));
  }

  /** The fault for this request, if one matches (and counts it as used). */
  take(method: string, path: string): Fault | undefined {
    const index = this.armed.findIndex(({ fault }) => matches(fault, method, path));
    if (index < 0) return undefined;
    const armed = this.armed[index];
    if (--armed.remaining <= 0) this.armed.splice(index, 1);
    return armed.fault;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (typeof fault.path === "string") return fault.path === path;
  if (fault.path instanceof RegExp) return fault.path.test(path);
  return globMatches(fault.path.glob, path);
}
