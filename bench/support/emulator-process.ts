/**
 * The emulator in a process of its own (its CLI, `dist/emulator/cli.js`), driven through the
 * admin routes it serves as JSON under `/_emulator/`: Snyk is another machine, so its work must
 * not share an event loop with the deployment being timed.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import type { LoggedRequest } from "./request-tally";

/** The emulator's identity and the admin operations the bench uses. */
export interface EmulatorProcess {
  url: string;
  /** The emulator user's API token (a local, throwaway token). */
  token: string;
  orgId: string;
  groupId: string;
  /** Makes `count` installable client-credentials apps in the org; their ids. */
  createClientCredentialsApps(count: number): Promise<string[]>;
  setLatency(ms: number): Promise<void>;
  /** Sets the limit, or removes it; either way the counts restart. */
  setRateLimit(limit: { limit: number; windowMs: number } | null): Promise<void>;
  clearLog(): Promise<void>;
  /** The REST and OAuth2 requests served since the last {@link clearLog} (admin calls left out). */
  requestLog(): Promise<LoggedRequest[]>;
  close(): Promise<void>;
}

const CLI = path.resolve(__dirname, "..", "..", "emulator", "cli.js");

/** Spawns the emulator's CLI on a free port and waits until it listens. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--random-ids"], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await listeningUrl(child);
  const admin = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_emulator${route}`, {
      method,
      // The admin refuses a change without a JSON content type (no cross-site form posts).
      headers: method === "GET" ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator admin ${method} ${route}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const info = await admin<{ token: string; orgId: string; groupId: string }>("GET", "/info");
  return {
    url,
    token: info.token,
    orgId: info.orgId,
    groupId: info.groupId,
    createClientCredentialsApps: async (count) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push((await admin<{ appId: string }>("POST", "/apps", { name: `bench-cc-${i}` })).appId);
      return ids;
    },
    setLatency: (ms) => admin("PUT", "/latency", { ms }),
    setRateLimit: (limit) => admin("PUT", "/rate-limit", limit),
    clearLog: () => admin("DELETE", "/log"),
    requestLog: async () =>
      (await admin<LoggedRequest[]>("GET", "/log"))
        .filter((e) => !e.path.startsWith("/_emulator"))
        .map((e) => ({ method: e.method, path: e.path, status: e.status, at: e.at })),
    close: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url) resolve(url);
    });
    child.once("exit", (code) => reject(new Error(`the bench emulator exited (code ${code}) before listening`)));
  });
}
