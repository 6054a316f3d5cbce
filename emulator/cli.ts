#!/usr/bin/env node
/**
 * `npm run emulator -- [--port N] [--state file.json] [--latency ms] [--host h] [--token t] [--random-ids]`:
 * starts the emulator and prints how to reach it. Stops on Ctrl-C. It seeds the fixed ids of
 * WELL_KNOWN_IDS (the ones `Pulumi.emulator.yaml` names) unless `--random-ids` is given.
 */
import { startEmulator } from "./index";
import { EmulatorOptions } from "./types";

/** Parses the command line into {@link EmulatorOptions}; throws on an unknown flag. */
export function parseArgs(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = { wellKnownIds: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--random-ids") {
      options.wellKnownIds = false;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--port") options.port = Number(value);
    else if (flag === "--state") options.statePath = value;
    else if (flag === "--latency") options.latencyMs = Number(value);
    else if (flag === "--host") options.host = value;
    else if (flag === "--token") options.token = value;
    else throw new Error(`unknown flag ${flag}`);
  }
  return options;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 4010, ...parseArgs(process.argv.slice(2)) });
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
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
