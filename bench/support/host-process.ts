/** A process's peak memory, from Linux's /proc (the bench machine's). */
import * as fs from "fs";

/** Peak resident memory of a process (`VmHWM`), in bytes; undefined when it cannot be read. */
export function peakRssBytes(pid: number): number | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kb = status.match(/^VmHWM:\s+(\d+)\s+kB/m)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}
