/** What a redacted secret is replaced with. */
export const REDACTED = "[REDACTED]";

/**
 * `text` with every occurrence of each secret replaced by `[REDACTED]`. Secrets shorter than
 * 4 characters are ignored, as replacing them would garble ordinary text.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * The string values of a request body or form under keys that hold credentials (`secret`,
 * `client_secret`, `token`, `refresh_token`, `code_verifier`, …), found at any depth, so an
 * error that echoes them can be scrubbed.
 */
export function secretsIn(value: unknown, depth = 0): string[] {
  if (value === null || typeof value !== "object" || depth > 8) return [];
  const found: string[] = [];
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (typeof inner === "string" && /secret|token|password|verifier|assertion|code$/i.test(key)) {
      found.push(inner);
    } else {
      found.push(...secretsIn(inner, depth + 1));
    }
  }
  return found;
}

/** A copy of a JSON value with every secret redacted from every string in it. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)]),
    ) as T;
  }
  return value;
}
