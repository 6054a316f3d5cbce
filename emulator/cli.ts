#!/usr/bin/env node
/**
 * `snyk-apps-emulator [options]` (or `npm run emulator -- [options]`): starts the emulator and
 * prints how to reach it; stops on Ctrl-C. `--help` prints {@link USAGE}.
 */
import { parseArgs } from "util";
import { startEmulator } from "./index";
import { EmulatorOptions } from "./types";

/** What `--help` prints. */
export const USAGE = `Usage: snyk-apps-emulator [options]

Starts a local Snyk Apps API (REST under /rest, OAuth2 under /oauth2, admin under /_emulator)
and prints its URL, token and ids. Stops on Ctrl-C.

Options:
  --port <n>         port to listen on (default 4010; 0 picks a free one)
  --host <address>   interface to bind (default 127.0.0.1)
  --token <token>    the API token to accept (default: a random one, or the saved one)
  --state <file>     keep the state in this JSON file across restarts
  --latency <ms>     delay added before every REST and OAuth2 answer (default 0)
  --random-ids       seed random org, group and broker app ids instead of the well-known ones
  -h, --help         print this help and exit
`;

/** A command line that cannot be used; the message says what to change. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(`${message}\nRun snyk-apps-emulator --help for the options.`);
    this.name = "CliUsageError";
  }
}

/** What the command line asks for: the help text, or an emulator with these options. */
export type CliCommand = { help: true } | { help: false; options: EmulatorOptions };

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  token: { type: "string" },
  state: { type: "string" },
  latency: { type: "string" },
  "random-ids": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Parses the arguments (without `node` and the script); throws {@link CliUsageError} on a bad one. */
export function parseCommandLine(argv: string[]): CliCommand {
  const values = flags(argv);
  if (values.help) return { help: true };
  const options: EmulatorOptions = { port: 4010, wellKnownIds: !values["random-ids"] };
  if (values.port !== undefined) options.port = integer("--port", values.port, 0, 65535);
  if (values.latency !== undefined) options.latencyMs = integer("--latency", values.latency, 0, 3_600_000);
  if (values.host !== undefined) options.host = values.host;
  if (values.token !== undefined) options.token = values.token;
  if (values.state !== undefined) options.statePath = values.state;
  return { help: false, options };
}

function flags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // util.parseArgs says what is wrong ("Unknown option '--nope'"); the user also needs the way out.
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new CliUsageError(`${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`);
  return value;
}

async function main(): Promise<void> {
  const command = parseCommandLine(process.argv.slice(2));
  if (command.help) return void process.stdout.write(USAGE);
  const emulator = await startEmulator(command.options);
  // Before printing: whoever reads the banner may stop the emulator at once.
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // The token is printed on purpose: this is a local emulator and the user needs it to call it.
  process.stdout.write(
    [
      `Snyk Apps emulator listening on ${emulator.url}`,
      `  REST:       ${emulator.url}/rest   (add ?version=2025-11-05)`,
      `  OAuth2:     ${emulator.url}/oauth2`,
      `  admin:      ${emulator.url}/_emulator/info`,
      `  token:      ${emulator.token}   (Authorization: token <token>)`,
      `  org id:     ${emulator.orgId}`,
      `  group id:   ${emulator.groupId}`,
      `  broker app: id ${emulator.brokerApp.appId}, client id ${emulator.brokerApp.clientId}`,
      "",
    ].join("\n"),
  );
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof CliUsageError ? 2 : 1);
  });
}
