import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SecretBox } from "../../harness/secret-box";

describe("secret-box", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-box-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("round-trips values without their plain text in the ciphertext", () => {
    const box = SecretBox.forKeyFile(path.join(dir, "k"));
    const text = box.encrypt({ secret: "s3cr3t-value" });
    assert.match(text, /^v1:/);
    assert.ok(!text.includes("s3cr3t-value"));
    assert.notStrictEqual(box.encrypt("x"), box.encrypt("x"), "a fresh IV each time");
    assert.deepStrictEqual(box.decrypt(text), { secret: "s3cr3t-value" });
  });

  it("keeps the key in a file readable only by the owner, reused on the next load", () => {
    const keyPath = path.join(dir, "k");
    const text = SecretBox.forKeyFile(keyPath).encrypt(42);
    assert.strictEqual(fs.statSync(keyPath).mode & 0o077, 0);
    assert.strictEqual(SecretBox.forKeyFile(keyPath).decrypt(text), 42);
  });

  it("refuses ciphertext made with another key", () => {
    const text = SecretBox.forKeyFile(path.join(dir, "k1")).encrypt("x");
    assert.throws(() => SecretBox.forKeyFile(path.join(dir, "k2")).decrypt(text));
  });
});
