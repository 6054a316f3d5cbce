import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProgramHarness } from "../../harness/program-harness";
import { Counter } from "./fixtures/counter";

/** Which config each provider call ran with, as the fixture logs it. */
interface Call {
  method: string;
  name: string;
  greeting: string;
}

describe("program-harness: the config the provider is configured with", function () {
  this.timeout(120_000);
  let dir: string;
  let storePath: string;
  let logPath: string;
  let statePath: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-harness-config-"));
    storePath = path.join(dir, "store.json");
    logPath = path.join(dir, "calls.jsonl");
    statePath = path.join(dir, "state.json");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A harness whose current stack config has this greeting (as after `pulumi config set`). */
  const harnessWith = (greeting: string) =>
    new ProgramHarness({
      statePath,
      project: "counter",
      stack: "dev",
      cwd: dir,
      config: { "counter:storePath": storePath, "counter:logPath": logPath, "counter:greeting": greeting, "counter:secret": "s3cr3t-config" },
      secretConfigKeys: ["counter:secret"],
    });
  /** The greetings of the calls of `method` logged since the last call of `greetingsOf`. */
  const greetingsOf = (method: string): string[] => {
    const lines = fs.existsSync(logPath) ? fs.readFileSync(logPath, "utf8").trim().split("\n") : [];
    fs.rmSync(logPath, { force: true });
    return lines.map((line) => JSON.parse(line) as Call).filter((c) => c.method === method).map((c) => c.greeting);
  };
  const program = () => {
    new Counter("a", { name: "a", count: 1 });
  };

  it("up uses the current config and records it; refresh, destroy and up --refresh's refresh use the recorded one", async () => {
    assert.deepStrictEqual((await harnessWith("first").up(program)).failures, []);
    assert.deepStrictEqual(greetingsOf("create"), ["first"]);
    assert.strictEqual(harnessWith("first").state().defaultProvider?.inputs["counter:greeting"], "first");

    const changed = harnessWith("second");
    assert.deepStrictEqual((await changed.refresh()).failures, []);
    assert.deepStrictEqual(greetingsOf("read"), ["first"], "refresh: the config recorded at the last up");

    const refreshed = await changed.up(program, { refresh: true });
    assert.deepStrictEqual(refreshed.failures, []);
    const log = fs.readFileSync(logPath, "utf8");
    assert.deepStrictEqual(greetingsOf("read"), ["first"], "up --refresh: its refresh part still has the recorded config");
    assert.match(log, /"method":"check","name":"a","greeting":"second"/, "the up part has the current config");
    assert.strictEqual(changed.state().defaultProvider?.inputs["counter:greeting"], "second", "and the up records it");

    await changed.refresh();
    assert.deepStrictEqual(greetingsOf("read"), ["second"]);

    assert.deepStrictEqual((await harnessWith("third").destroy()).failures, []);
    assert.deepStrictEqual(greetingsOf("delete"), ["second"], "destroy: the recorded config");
    assert.strictEqual(harnessWith("third").state().defaultProvider, undefined, "an empty stack has no provider left");
  });

  it("records secret config encrypted, like other secrets", async () => {
    await harnessWith("first").up(program);
    const text = fs.readFileSync(statePath, "utf8");
    assert.ok(!text.includes("s3cr3t-config"));
    assert.match(text, /pulumi:providers:pulumi-nodejs::default/);
    assert.strictEqual(harnessWith("first").state().defaultProvider?.inputs["counter:secret"], "s3cr3t-config");
  });
});
