import { strict as assert } from "assert";
import crypto = require("crypto");
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { OAuthArgumentError } from "../../sdk/oauth";
import { createPkcePair, pkceChallenge } from "../../sdk/pkce";

const UNRESERVED = /^[A-Za-z0-9\-._~]+$/;
const BASE64URL_SHA256 = /^[A-Za-z0-9_-]{43}$/;

describe("sdk/pkce", () => {
  it("matches RFC 7636 Appendix B", () => {
    assert.equal(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("rejects verifiers outside 43..128 unreserved characters, naming codeVerifier", () => {
    for (const bad of ["dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wWoWBjWXeFk" /* 42 */, "a".repeat(129), `${"a".repeat(42)}+`, `${"a".repeat(42)} `, "", 7]) {
      assert.throws(() => pkceChallenge(bad as string), (error: unknown) =>
        error instanceof OAuthArgumentError && error.argument === "codeVerifier" && /43 to 128/.test(error.message));
    }
  });

  it("creates a 64-character verifier, its S256 challenge and the method", () => {
    const pair = createPkcePair();
    assert.equal(pair.method, "S256");
    assert.equal(pair.codeVerifier.length, 64);
    assert.match(pair.codeVerifier, UNRESERVED);
    assert.match(pair.codeChallenge, BASE64URL_SHA256);
    assert.equal(pair.codeChallenge, crypto.createHash("sha256").update(pair.codeVerifier).digest("base64url"));
  });

  it("gives even the shortest verifier 256 bits or more: every character takes all 64 base64url symbols", () => {
    // 43 characters of 6 random bits each are 258 bits. Over 2000 draws a symbol missing from a
    // position by chance has probability (63/64)^2000, about 1e-14: a miss means bits are not random.
    const seen = Array.from({ length: 43 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) [...createPkcePair({ verifierLength: 43 }).codeVerifier].forEach((c, at) => seen[at].add(c));
    assert.deepEqual(seen.map((symbols) => symbols.size), Array(43).fill(64));
  });

  it("never repeats a verifier", () => {
    const verifiers = new Set(Array.from({ length: 200 }, () => createPkcePair().codeVerifier));
    assert.equal(verifiers.size, 200);
  });

  it("honours any verifierLength from 43 to 128", () => {
    fc.assert(fc.property(fc.integer({ min: 43, max: 128 }), (length) => {
      const pair = createPkcePair({ verifierLength: length });
      assert.equal(pair.codeVerifier.length, length);
      assert.match(pair.codeVerifier, UNRESERVED);
      assert.equal(pair.codeChallenge, crypto.createHash("sha256").update(pair.codeVerifier, "ascii").digest("base64url"));
    }));
  });

  it("rejects a verifierLength outside 43..128 or not an integer, naming verifierLength", () => {
    for (const bad of [42, 129, 50.5, Number.NaN, "64"]) {
      assert.throws(() => createPkcePair({ verifierLength: bad as number }), (error: unknown) =>
        error instanceof OAuthArgumentError && error.argument === "verifierLength");
    }
  });

  it("keeps the @example of pkceChallenge true: the documented call gives the documented challenge", () => {
    const source = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "sdk", "pkce.ts"), "utf8");
    const example = /@example pkceChallenge\("([^"]+)"\) \/\/ "([^"]+)"/.exec(source);
    assert.ok(example, "the example is where the TSDoc says");
    assert.equal(pkceChallenge(example[1]), example[2]);
  });

  it("keeps the @example of createPkcePair runnable", () => {
    const source = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "sdk", "pkce.ts"), "utf8");
    const example = /@example\n \* (const \{ codeVerifier, codeChallenge \} = createPkcePair\(\);)/.exec(source);
    assert.ok(example);
    const { codeVerifier, codeChallenge } = createPkcePair();
    assert.equal(pkceChallenge(codeVerifier), codeChallenge);
  });
});
