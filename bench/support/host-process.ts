/**
 * Finding the provider host's process and reading its peak memory, from Linux's /proc (the bench
 * machine's). `startProviderHost` does not expose the child's pid, so the bench looks for the
 * child of this process that runs `dynamic-provider` and was not there before.
 */
import * as fs from "fs";

/** Pids of this process's children whose command line runs Pulumi's dynamic-provider host. */
export function providerHostPids(parentPid = process.pid): Set<number> {
  const pids = new Set<number>();
  for (const entry of safeReaddir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = safeRead(`/proc/${entry}/stat`);
    // Field 4 is the parent pid; the command name (field 2) may hold spaces, so parse after ")".
    const ppid = Number(stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid !== parentPid) continue;
    if (safeRead(`/proc/${entry}/cmdline`)?.includes("dynamic-provider")) pids.add(Number(entry));
  }
  return pids;
}

/** The one host pid in `after` and not in `before`; undefined unless exactly one is new. */
export function newHostPid(before: Set<number>, after: Set<number>): number | undefined {
  const fresh = [...after].filter((pid) => !before.has(pid));
  return fresh.length === 1 ? fresh[0] : undefined;
}

/** Peak resident memory of a process (`VmHWM`), in bytes; undefined when it cannot be read. */
export function peakRssBytes(pid: number): number | undefined {
  const status = safeRead(`/proc/${pid}/status`);
  const kb = status?.match(/^VmHWM:\s+(\d+)\s+kB/m)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

function safeRead(path: string): string | undefined {
  try {
    return fs.readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function safeReaddir(path: string): string[] {
  try {
    return fs.readdirSync(path);
  } catch {
    return [];
  }
}
