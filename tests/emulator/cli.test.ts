import * as assert from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { CliUsageError, parseCommandLine, USAGE } from "../../emulator/cli";
import { startEmulator, WELL_KNOWN_IDS } from "../../emulator";

const CLI = path.join(__dirname, "../../emulator/cli.js");

/** Runs the CLI as a user would; `until` ends it (SIGTERM) once stdout contains that text. */
function runCli(args: string[], until?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (until && stdout.includes(until)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("cli", () => {
  describe("parseCommandLine", () => {
    it("parses --port, --state, --latency, --host and --token", () => {
      assert.deepStrictEqual(parseCommandLine(["--port", "0", "--state", "s.json", "--latency", "25", "--host", "127.0.0.1", "--token", "t"]), {
        help: false,
        options: { port: 0, statePath: "s.json", latencyMs: 25, host: "127.0.0.1", token: "t", wellKnownIds: true },
      });
      assert.deepStrictEqual(parseCommandLine(["--port=5000"]), { help: false, options: { port: 5000, wellKnownIds: true } });
    });

    it("listens on 4010 and seeds the well-known ids unless told otherwise", () => {
      assert.deepStrictEqual(parseCommandLine([]), { help: false, options: { port: 4010, wellKnownIds: true } });
      assert.deepStrictEqual(parseCommandLine(["--random-ids"]), { help: false, options: { port: 4010, wellKnownIds: false } });
    });

    it("asks for help with --help or -h, whatever else is given", () => {
      assert.deepStrictEqual(parseCommandLine(["--help"]), { help: true });
      assert.deepStrictEqual(parseCommandLine(["--port", "1", "-h"]), { help: true });
    });

    for (const [args, message] of [
      [["--nope", "1"], /Unknown option '--nope'/],
      [["--port"], /--port <value>' argument missing/],
      [["--port", "http"], /--port must be a whole number from 0 to 65535, not "http"/],
      [["--port", "70000"], /--port must be a whole number/],
      [["--latency", "-5"], /--latency must be a whole number|argument missing|ambiguous/],
      [["extra"], /Unexpected argument 'extra'/],
      [["--random-ids=yes"], /does not take an argument/],
    ] as const) {
      it(`refuses ${JSON.stringify(args)}, saying what is wrong and where the options are`, () => {
        assert.throws(
          () => parseCommandLine([...args]),
          (error: unknown) => error instanceof CliUsageError && message.test(error.message) && /--help/.test(error.message),
        );
      });
    }
  });

  describe("as a program", () => {
    it("prints the usage for --help and exits 0 (npx snyk-apps-emulator --help)", async () => {
      const { code, stdout, stderr } = await runCli(["--help"]);
      assert.deepStrictEqual({ code, stdout, stderr }, { code: 0, stdout: USAGE, stderr: "" });
      for (const flag of ["--port", "--host", "--token", "--state", "--latency", "--random-ids", "--help"]) assert.ok(USAGE.includes(flag), flag);
    });

    it("exits 2 with the reason on stderr for a bad option, and starts nothing", async () => {
      const { code, stdout, stderr } = await runCli(["--port"]);
      assert.strictEqual(code, 2);
      assert.strictEqual(stdout, "");
      assert.match(stderr, /--port <value>' argument missing\nRun snyk-apps-emulator --help/);
    });

    it("starts, says where it listens, and stops cleanly on SIGTERM", async () => {
      const { code, stdout } = await runCli(["--port", "0", "--random-ids"], "broker app:");
      assert.strictEqual(code, 0);
      assert.match(stdout, /^Snyk Apps emulator listening on http:\/\/127\.0\.0\.1:\d+\n/);
    });
  });

  it("uses the well-known ids when asked, and random ones by default", async () => {
    const fixed = await startEmulator({ port: 0, wellKnownIds: true });
    const random = await startEmulator({ port: 0 });
    try {
      assert.equal(fixed.orgId, WELL_KNOWN_IDS.orgId);
      assert.equal(fixed.groupId, WELL_KNOWN_IDS.groupId);
      assert.equal(fixed.brokerApp.appId, WELL_KNOWN_IDS.brokerAppId);
      assert.notEqual(random.orgId, WELL_KNOWN_IDS.orgId);
    } finally {
      await fixed.close();
      await random.close();
    }
  });
});
