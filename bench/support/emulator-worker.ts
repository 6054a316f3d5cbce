/**
 * The emulator in a process of its own, for the bench: Snyk is another machine, so its work must
 * not share an event loop with the deployment being timed. Forked by `emulator-process.ts`; takes
 * its options as JSON in argv[2] and answers admin requests over the IPC channel.
 */
import { startEmulator, RunningEmulator } from "../../emulator";
import type { EmulatorOptions } from "../../emulator";
import type { LoggedRequest } from "./request-tally";

/** An admin request from the parent. */
export type WorkerRequest =
  | { id: number; op: "createClientCredentialsApps"; count: number }
  | { id: number; op: "setLatency"; ms: number }
  | { id: number; op: "setRateLimit"; limit: { limit: number; windowMs: number } | null }
  | { id: number; op: "clearLog" }
  | { id: number; op: "requestLog" }
  | { id: number; op: "close" };

/** What the worker sends: its identity once, then one answer per request. */
export type WorkerMessage =
  | { ready: { url: string; token: string; orgId: string; groupId: string; brokerAppId: string } }
  | { id: number; result?: unknown; error?: string };

function answer(emulator: RunningEmulator, request: WorkerRequest): unknown {
  switch (request.op) {
    case "createClientCredentialsApps":
      return Array.from({ length: request.count }, (_, i) => emulator.admin.createClientCredentialsApp({ name: `bench-cc-${i}` }).appId);
    case "setLatency":
      return emulator.admin.setLatency(request.ms);
    case "setRateLimit":
      return emulator.admin.setRateLimit(request.limit);
    case "clearLog":
      return emulator.admin.clearLog();
    case "requestLog":
      return emulator.admin.requestLog.map((e): LoggedRequest => ({ method: e.method, path: e.path, status: e.status, at: e.at }));
    case "close":
      return undefined;
  }
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? "{}") as EmulatorOptions;
  const emulator = await startEmulator({ ...options, port: 0 });
  const send = (message: WorkerMessage) => process.send?.(message);
  process.on("message", (request: WorkerRequest) => {
    try {
      send({ id: request.id, result: answer(emulator, request) });
    } catch (error) {
      send({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
    if (request.op === "close") void emulator.close().then(() => process.exit(0));
  });
  // The parent going away ends the worker too.
  process.on("disconnect", () => void emulator.close().then(() => process.exit(0)));
  send({ ready: { url: emulator.url, token: emulator.token, orgId: emulator.orgId, groupId: emulator.groupId, brokerAppId: emulator.brokerApp.appId } });
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`bench emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
