/** Starts {@link ./emulator-worker} and offers its admin operations as promises. */
import { fork } from "child_process";
import * as path from "path";
import type { EmulatorOptions } from "../../emulator";
import type { LoggedRequest } from "./request-tally";
import type { WorkerMessage, WorkerRequest } from "./emulator-worker";

/** The emulator's identity and the admin operations the bench uses. */
export interface EmulatorProcess {
  url: string;
  /** The emulator user's API token (a local, throwaway token). */
  token: string;
  orgId: string;
  groupId: string;
  brokerAppId: string;
  /** Makes `count` installable client-credentials apps in the org; their ids. */
  createClientCredentialsApps(count: number): Promise<string[]>;
  setLatency(ms: number): Promise<void>;
  /** Sets the limit, or removes it; either way the counts restart. */
  setRateLimit(limit: { limit: number; windowMs: number } | null): Promise<void>;
  clearLog(): Promise<void>;
  requestLog(): Promise<LoggedRequest[]>;
  close(): Promise<void>;
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** Forks the worker and waits until its emulator listens. */
export async function startEmulatorProcess(options: Omit<EmulatorOptions, "port"> = {}): Promise<EmulatorProcess> {
  const child = fork(path.join(__dirname, "emulator-worker.js"), [JSON.stringify(options)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 0;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<Extract<WorkerMessage, { ready: unknown }>["ready"]>((resolve, reject) => {
    child.on("message", (message: WorkerMessage) => {
      if ("ready" in message) return resolve(message.ready);
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
    child.once("exit", (code) => {
      const error = new Error(`the bench emulator exited (code ${code})`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  });
  const call = <T>(request: WithoutId<WorkerRequest>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...request, id });
    });
  const identity = await ready;
  return {
    ...identity,
    createClientCredentialsApps: (count) => call({ op: "createClientCredentialsApps", count }),
    setLatency: (ms) => call({ op: "setLatency", ms }),
    setRateLimit: (limit) => call({ op: "setRateLimit", limit }),
    clearLog: () => call({ op: "clearLog" }),
    requestLog: () => call({ op: "requestLog" }),
    close: async () => {
      if (child.exitCode === null && child.connected) await call({ op: "close" }).catch(() => undefined);
      await exited;
    },
  };
}

