import * as assert from "assert";
import { startEmulator } from "../../emulator";
import { RequestLog } from "../../emulator/request-log";
import { RequestLogEntry } from "../../emulator/types";

function entry(path: string): RequestLogEntry {
  return { requestId: "00000000-0000-4000-8000-000000000000", method: "GET", path, query: {}, status: 200, at: 0 };
}

/** The bytes the log takes as JSON (what GET /_emulator/log answers). */
const bytesOf = (entries: readonly RequestLogEntry[]) => entries.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);

describe("request-log", () => {
  it("drops the oldest entries once their bytes pass the cap, whatever their count", () => {
    const log = new RequestLog(4096);
    for (let i = 0; i < 10; i++) log.add(entry(`/${i}/${"a".repeat(1000)}`));
    assert.ok(bytesOf(log.entries) <= 4096, `${bytesOf(log.entries)} bytes kept`);
    assert.deepStrictEqual(log.entries.map((e) => e.path.split("/")[1]), ["7", "8", "9"]);
  });

  it("keeps at least the newest entry, even one larger than the cap", () => {
    const log = new RequestLog(100);
    log.add(entry("/small"));
    log.add(entry(`/${"b".repeat(500)}`));
    assert.deepStrictEqual(log.entries.map((e) => e.path.length), [501]);
  });

  it("forgets its bytes with its entries on clear", () => {
    const log = new RequestLog(4096);
    for (let i = 0; i < 3; i++) log.add(entry(`/${"c".repeat(1000)}`));
    log.clear();
    for (let i = 0; i < 3; i++) log.add(entry(`/${"d".repeat(1000)}`));
    assert.strictEqual(log.entries.length, 3);
  });

  it("caps the log of a running emulator by bytes: long URLs do not grow it without end", async () => {
    const emu = await startEmulator({ requestLogMaxBytes: 64 * 1024 });
    try {
      const longPath = (i: number) => `/rest/${i}/${"a".repeat(8000)}`;
      for (let i = 0; i < 40; i++) assert.strictEqual((await fetch(`${emu.url}${longPath(i)}`)).status, 404);
      const log = emu.admin.requestLog;
      assert.ok(bytesOf(log) <= 64 * 1024, `${bytesOf(log)} bytes kept`);
      assert.ok(log.length < 40 && log.length >= 6, `${log.length} entries kept`);
      assert.strictEqual(log.at(-1)!.path, longPath(39).slice("/rest".length));
    } finally {
      await emu.close();
    }
  });
});
