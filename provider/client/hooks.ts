/**
 * What the client tells its user about while it works: retries, rate-limit waits, long polls, and
 * Snyk's deprecation of the pinned API version. The hooks are for programs; notices are lines a
 * person running `pulumi up` should see (the provider routes them to Pulumi's log).
 */

/** A failed attempt the client is about to retry. */
export interface RetryEvent {
  method: string;
  /** The path, without query. */
  path: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** How it failed: the HTTP status, or the transport failure (`timeout`, `reset`, ...). */
  reason: string;
  /** How long the client waits before the next attempt. */
  delayMs: number;
}

/** The client holding requests back for a rate limit. */
export interface RateLimitEvent {
  /** `429`: Snyk refused a request until its window ends; `cap`: the client's own request-rate cap. */
  source: "429" | "cap";
  /** How long requests are held. */
  delayMs: number;
  /** The request that met the limit, when one did (a 429). */
  method?: string;
  path?: string;
}

/** A line for the person running the deployment. */
export interface ClientNotice {
  level: "info" | "warn";
  message: string;
}

/** The hooks a {@link SnykClient} takes. */
export interface ClientHooks {
  /** Called before the client waits to retry a failed attempt. */
  onRetry?: (event: RetryEvent) => void;
  /** Called when the client holds requests for a rate limit. */
  onRateLimit?: (event: RateLimitEvent) => void;
  /**
   * Receives notices: an `info` line for every wait of at least {@link NOTICE_WAIT_MS} (so a
   * person sees why a deployment is slow), a `warn` line once per deprecation Snyk announces.
   */
  onNotice?: (notice: ClientNotice) => void;
}

/** Waits at least this long are announced as notices. */
export const NOTICE_WAIT_MS = 1000;

/** Seconds, for people: `1.5 s`. */
function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Dispatches hook calls and notices; a throwing hook never breaks a request. */
export class ClientEvents {
  readonly #hooks: ClientHooks;
  readonly #announced = new Set<string>();

  /** @param hooks the client's hooks */
  constructor(hooks: ClientHooks) {
    this.#hooks = hooks;
  }

  /** A retry is about to wait. */
  retry(event: RetryEvent): void {
    call(() => this.#hooks.onRetry?.(event));
    if (event.delayMs >= NOTICE_WAIT_MS) {
      this.#notice("info", `Snyk: ${event.method} ${event.path} failed (${event.reason}); retrying in ${seconds(event.delayMs)} (attempt ${event.attempt + 1})`);
    }
  }

  /** Requests are held for a rate limit. */
  rateLimit(event: RateLimitEvent): void {
    call(() => this.#hooks.onRateLimit?.(event));
    if (event.delayMs >= NOTICE_WAIT_MS) {
      const why = event.source === "429" ? "Snyk's rate limit was reached (429)" : "the client's request-rate cap was reached";
      this.#notice("info", `Snyk: ${why}; holding requests for ${seconds(event.delayMs)}`);
    }
  }

  /** A poll (e.g. for a new secret to be accepted) waits before trying again. */
  poll(what: string, delayMs: number): void {
    if (delayMs >= NOTICE_WAIT_MS) this.#notice("info", `Snyk: ${what}; checking again in ${seconds(delayMs)}`);
  }

  /**
   * Warns once per announcement when an answer carries `deprecation` or `sunset` headers
   * (Snyk's way of retiring a REST version: https://docs.snyk.io/snyk-api/rest-api/about-the-rest-api#api-versioning).
   */
  answerHeaders(headers: Record<string, string>, apiVersion: string, method: string, path: string): void {
    const deprecation = headers["deprecation"];
    const sunset = headers["sunset"];
    if (deprecation === undefined && sunset === undefined) return;
    const key = `${deprecation}|${sunset}`;
    if (this.#announced.has(key)) return;
    this.#announced.add(key);
    this.#notice("warn",
      `Snyk marks REST version ${apiVersion} as deprecated` +
        (deprecation && deprecation !== "true" ? ` since ${deprecation}` : "") +
        (sunset ? `, to be removed on ${sunset}` : "") +
        ` (seen on ${method} ${path}); set snyk:apiVersion to a newer version, or upgrade pulumi-snyk-apps.`);
  }

  #notice(level: ClientNotice["level"], message: string): void {
    call(() => this.#hooks.onNotice?.({ level, message }));
  }
}

function call(hook: () => void): void {
  try {
    hook();
  } catch {
    // A hook is the user's code: its failure must not fail or retry the request.
  }
}
