/**
 * Encrypts secret values for the program harness's state file, so the file never holds their
 * plain text (tests search it for secrets). AES-256-GCM with a per-state key kept in a separate
 * key file (`<statePath>.key`, created on first use, mode 0600), the way Pulumi's passphrase
 * secrets provider keeps the key out of the checkpoint.
 */
import * as crypto from "crypto";
import * as fs from "fs";

const version = "v1";

/** Encrypts and decrypts JSON values with one key. */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** Loads the key from `keyPath`, creating a random one when the file does not exist. */
  static forKeyFile(keyPath: string): SecretBox {
    if (!fs.existsSync(keyPath)) {
      fs.writeFileSync(keyPath, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
    }
    const key = Buffer.from(fs.readFileSync(keyPath, "utf8").trim(), "hex");
    if (key.length !== 32) throw new Error(`secret key file ${keyPath} does not hold a 32-byte hex key`);
    return new SecretBox(key);
  }

  /** Returns `v1:<base64 of iv, auth tag and ciphertext>` for the JSON text of `value`. */
  encrypt(value: unknown): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value) ?? "null", "utf8"), cipher.final()]);
    return `${version}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64")}`;
  }

  /** Reverses {@link SecretBox.encrypt}; throws when the text was made with another key. */
  decrypt(text: string): unknown {
    if (!text.startsWith(`${version}:`)) throw new Error("unknown secret ciphertext format");
    const raw = Buffer.from(text.slice(version.length + 1), "base64");
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    return JSON.parse(plain);
  }
}
