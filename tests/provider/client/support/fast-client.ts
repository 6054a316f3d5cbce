import { SnykClient, type SnykClientOptions } from "../../../../provider/client";

/** The token every client test uses; tests search outputs for it. */
export const TEST_TOKEN = "snyk-test-token-7f3a9c21-d4e5-4b6a-9c8d-0e1f2a3b4c5d";

/** A client for `origin` whose retries wait a few ms at most. */
export function fastClient(origin: string, options: Partial<SnykClientOptions> = {}): SnykClient {
  return new SnykClient({
    token: TEST_TOKEN,
    apiUrl: origin,
    timeoutMs: 2000,
    ...options,
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3, maxTotalMs: 10_000, ...options.retry },
  });
}

/** Runs `fn` and returns what it threw (fails when it does not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, none was thrown");
}
