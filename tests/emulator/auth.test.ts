import * as assert from "assert";
import fc from "fast-check";
import { RunningEmulator, startEmulator } from "../../emulator";

/** Printable ASCII, what a header value can hold. */
const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 });
/** Text with percent escapes and colons, good and bad, to be base64-encoded into a Basic credential. */
const credentialText = fc.string({ unit: fc.constantFrom("%", "%2", "%zz", "%41", "%E0%A4", ":", "a", "+", "é", "😀"), maxLength: 12 });
const authorization = fc.oneof(
  printable,
  fc.tuple(fc.constantFrom("Basic", "basic", "BASIC", "Bearer", "token", "Digest"), fc.constantFrom(" ", "  ", "\t"), printable).map((parts) => parts.join("")),
  credentialText.map((text) => `Basic ${Buffer.from(text, "utf8").toString("base64")}`),
);

describe("auth", () => {
  let emu: RunningEmulator;
  before(async () => (emu = await startEmulator()));
  after(async () => emu.close());

  it("answers any Authorization header on REST, /oauth2/token and /oauth2/revoke with 4xx or 200, never 5xx", async () => {
    // A fixed seed: the same 100 headers on every run.
    await fc.assert(
      fc.asyncProperty(authorization, async (header) => {
        const rest = await fetch(`${emu.url}/rest/orgs/${emu.orgId}/apps/creations?version=2025-11-05`, { headers: { authorization: header } });
        assert.ok(rest.status === 200 || rest.status === 401, `REST answered ${rest.status} to ${JSON.stringify(header)}`);
        for (const path of ["/oauth2/token", "/oauth2/revoke"]) {
          const oauth = await fetch(`${emu.url}${path}`, {
            method: "POST",
            headers: { authorization: header, "content-type": "application/x-www-form-urlencoded" },
            body: "grant_type=client_credentials&token=t",
          });
          assert.ok(oauth.status >= 400 && oauth.status < 500, `${path} answered ${oauth.status} to ${JSON.stringify(header)}`);
        }
      }),
      { seed: 20261202, numRuns: 100 },
    );
  });
});
