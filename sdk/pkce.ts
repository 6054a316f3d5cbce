/**
 * PKCE (RFC 7636): a code verifier kept by the app and its S256 code challenge sent to
 * `/oauth2/authorize`. Snyk Apps require PKCE for every client, S256 only.
 */
import { createHash, randomBytes } from "crypto";
import { OAuthArgumentError } from "./oauth";

/** A PKCE pair: send `codeChallenge` to authorize, keep `codeVerifier` for the token exchange. */
export interface PkcePair {
  /** 43..128 characters of [A-Za-z0-9-._~]; a secret until the code is exchanged. */
  codeVerifier: string;
  /** BASE64URL(SHA-256(codeVerifier)), 43 characters. */
  codeChallenge: string;
  /** Always `S256`. */
  method: "S256";
}

/** The options of {@link createPkcePair}. */
export interface PkcePairOptions {
  /** Verifier length in characters, 43..128 (default 64). */
  verifierLength?: number;
}

// RFC 7636 §4.1: code_verifier = 43*128unreserved.
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * A new PKCE pair from cryptographically random bytes.
 *
 * @throws OAuthArgumentError when `verifierLength` is not an integer in 43..128
 * @example
 * const { codeVerifier, codeChallenge } = createPkcePair();
 */
export function createPkcePair(options: PkcePairOptions = {}): PkcePair {
  const length = options.verifierLength ?? 64;
  if (!Number.isInteger(length) || length < 43 || length > 128) {
    throw new OAuthArgumentError("verifierLength", `createPkcePair: verifierLength must be an integer from 43 to 128, not ${String(length)}.`);
  }
  // Base64url of n bytes is ceil(4n/3) characters; draw enough and cut to the length asked.
  const codeVerifier = randomBytes(Math.ceil((length * 3) / 4)).toString("base64url").slice(0, length);
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier), method: "S256" };
}

/**
 * The S256 code challenge of a verifier: BASE64URL(SHA-256(ASCII(verifier))), no padding.
 *
 * @throws OAuthArgumentError when `codeVerifier` is not 43..128 characters of [A-Za-z0-9-._~]
 * @example pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") // "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" (RFC 7636, appendix B)
 */
export function pkceChallenge(codeVerifier: string): string {
  if (typeof codeVerifier !== "string" || !VERIFIER.test(codeVerifier)) {
    throw new OAuthArgumentError("codeVerifier", "pkceChallenge: codeVerifier must be 43 to 128 characters of A-Z, a-z, 0-9, -, ., _ and ~.");
  }
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}
