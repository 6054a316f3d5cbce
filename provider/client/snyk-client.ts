import { resolveBaseUrls } from "./base-urls";
import { type Clock, systemClock } from "./clock";
import { ConcurrencyLimiter } from "./concurrency-limiter";
import { ClientEvents, type ClientHooks } from "./hooks";
import { errorFromResponse, errorFromTransport, type ErrorResponse } from "./errors";
import type { JsonApiDocument } from "./jsonapi";
import { SnykMalformedResponseError } from "./answer-errors";
import { startDeadline } from "./deadline";
import { DEFAULT_MAX_PAGES, DEFAULT_PAGINATION_BUDGET_MS, describeValue, paginatePages } from "./paginate";
import { buildUrl, pathWithoutQuery, type QueryParams } from "./query";
import { RateLimiter, type RateLimit } from "./rate-limiter";
import { redact, redactDeep, secretsIn } from "./redact";
import { nextRetry, retryPolicy, type AttemptOutcome, type RetryOptions, type RetryPolicy } from "./retry";
import { retryUntil, type RetryUntilOptions, type RetryUntilResult } from "./retry-until";
import { serverRequestedWaitMs } from "./retry-after";
import { SnykConfigurationError } from "./snyk-error";
import { axiosTransport, type Transport, type TransportResult } from "./transport";
import { userAgent } from "./user-agent";

/** The REST `version` the client pins unless told otherwise. */
export const DEFAULT_API_VERSION = "2025-11-05";
/** Snyk's documented limit per API key. */
export const DEFAULT_REQUESTS_PER_MINUTE = 1620;
/** Requests one client has in flight at most, by default. */
export const DEFAULT_MAX_CONCURRENCY = 8;
/** The per-attempt timeout, by default. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const JSON_API = "application/vnd.api+json";

/** How a client is built; the hooks ({@link ClientHooks}) report retries, rate-limit waits and deprecations. */
export interface SnykClientOptions extends ClientHooks {
  /** A Snyk API or service-account token, or an OAuth access token (with `authScheme: "bearer"`). */
  token: string;
  /** `token` (default) sends `Authorization: token <t>`; `bearer` sends `Authorization: bearer <t>`. */
  authScheme?: "token" | "bearer";
  /** The API origin (default `https://api.snyk.io`); a URL ending in `/rest` is accepted too. Wins over `region`. */
  apiUrl?: string;
  /** A Snyk region name: SNYK-US-01 (default), SNYK-US-02, SNYK-EU-01, SNYK-AU-01. */
  region?: string;
  /** The REST `version` query parameter (default `2025-11-05`). */
  apiVersion?: string;
  /** How long one attempt may take, from connecting to the last byte of the body (default 30 000 ms). */
  timeoutMs?: number;
  /** The cap on an answer's body in bytes (default 16 MiB); a larger answer is an error. */
  maxResponseBytes?: number;
  /** Pages one listing may fetch (default 1000); more is an error, never a silent truncation. */
  maxPages?: number;
  /** How long one listing may take, waits included (default 10 minutes). */
  paginationBudgetMs?: number;
  /** Retry limits and waits; see {@link RetryOptions}. */
  retry?: RetryOptions;
  /** Requests in flight at once (default 8). */
  maxConcurrency?: number;
  /** The request-rate cap per minute (default 1620, Snyk's limit per API key). */
  requestsPerMinute?: number;
  /** The request-rate cap with its window; replaces `requestsPerMinute` (tests use short windows). */
  rateLimit?: RateLimit;
  /** Receives one debug line per attempt and wait: method, path, status, attempt, wait. Never headers or bodies. */
  logger?: (line: string) => void;
  /** Appended to the User-Agent, e.g. `pulumi/3.270.0`. */
  userAgent?: string;
  /** The clock for waits and rate limiting (tests may pass one that skips waits). */
  clock?: Clock;
  /** The jitter source, in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/** HTTP methods the client sends. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** A successful answer. */
export interface SnykResponse<T> {
  status: number;
  /** The parsed JSON body (undefined for an empty body, e.g. 204). */
  data: T;
  /** Response headers, lower-cased. */
  headers: Record<string, string>;
  /** The `snyk-request-id` header, when present. */
  requestId?: string;
}

/** The per-call options of {@link SnykClient.request}. */
export interface RequestOptions {
  query?: QueryParams;
  /** The JSON:API document to send; serialized as `application/vnd.api+json`. */
  body?: unknown;
}

/** Counters since the client was made. */
export interface SnykClientStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Attempts that were retries. */
  retries: number;
}

interface Call {
  api: ErrorResponse["api"];
  method: string;
  /** The path for errors and logs: no query, no origin. */
  path: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  secrets: string[];
}

/**
 * The one Snyk REST client: base URL and API version set once, JSON:API in and out, typed errors,
 * retries by {@link RetryPolicy}, and a concurrency and request-rate cap owned by the instance.
 *
 * @example
 * const snyk = new SnykClient({ token: process.env.SNYK_TOKEN!, region: "SNYK-EU-01" });
 * const { data } = await snyk.request<JsonApiDocument<AppResource>>("GET", `/orgs/${org}/apps/creations/${id}`);
 * for await (const app of snyk.paginate<AppResource>(`/orgs/${org}/apps/creations`)) console.log(app.id);
 */
export class SnykClient {
  /** The REST base, e.g. `https://api.snyk.io/rest`. */
  readonly restUrl: string;
  /** The OAuth2 base, e.g. `https://api.snyk.io/oauth2`. */
  readonly oauthUrl: string;
  /** The pinned REST `version`. */
  readonly apiVersion: string;
  /** Counters since the client was made. */
  readonly stats: SnykClientStats = { requests: 0, retries: 0 };

  readonly #authorization: string;
  readonly #token: string;
  readonly #userAgent: string;
  readonly #timeoutMs: number;
  readonly #policy: RetryPolicy;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #logger?: (line: string) => void;
  readonly #transport: Transport;
  readonly #maxPages: number;
  readonly #paginationBudgetMs: number;
  readonly #concurrency: ConcurrencyLimiter;
  readonly #rate: RateLimiter;
  readonly #events: ClientEvents;

  /** @throws SnykConfigurationError for a missing token, an unknown region or a bad API URL */
  constructor(options: SnykClientOptions) {
    if (typeof options?.token !== "string" || options.token.trim() === "") {
      throw new SnykConfigurationError("A Snyk token is required to call the Snyk API.", { code: "CONFIG_MISSING_TOKEN" });
    }
    const scheme = options.authScheme ?? "token";
    if (scheme !== "token" && scheme !== "bearer") {
      throw new SnykConfigurationError(`Unknown authScheme "${String(scheme)}": use "token" or "bearer".`);
    }
    const { restUrl, oauthUrl } = resolveBaseUrls(options);
    this.restUrl = restUrl;
    this.oauthUrl = oauthUrl;
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    this.#token = options.token.trim();
    this.#authorization = `${scheme} ${this.#token}`;
    this.#userAgent = userAgent(options.userAgent);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#policy = retryPolicy(options.retry);
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#logger = options.logger;
    this.#transport = axiosTransport({ maxResponseBytes: options.maxResponseBytes });
    this.#maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.#paginationBudgetMs = options.paginationBudgetMs ?? DEFAULT_PAGINATION_BUDGET_MS;
    this.#concurrency = new ConcurrencyLimiter(options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY);
    this.#events = new ClientEvents(options);
    this.#rate = new RateLimiter(
      options.rateLimit ?? { requests: options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE, windowMs: 60_000 },
      this.#clock,
      (delayMs) => this.#events.rateLimit({ source: "cap", delayMs }),
    );
  }

  /**
   * Calls a REST endpoint. `path` is relative to the REST base (`/orgs/${orgId}/apps/creations`);
   * `version` is added unless `query` sets it.
   *
   * @throws SnykApiError (by status), SnykConnectionError or SnykTimeoutError once retries are exhausted
   */
  async request<T = unknown>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<SnykResponse<T>> {
    const restPath = path.replace(/^\/rest(?=\/)/, "");
    const headers: Record<string, string> = {
      Authorization: this.#authorization,
      Accept: JSON_API,
      "User-Agent": this.#userAgent,
    };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["Content-Type"] = JSON_API;
      body = JSON.stringify(options.body);
    }
    return this.#execute<T>({
      api: "rest",
      method,
      // Next links come from the server: never let one carry the token into a message.
      path: redact(pathWithoutQuery(restPath), [this.#token]),
      url: buildUrl(this.restUrl, restPath, { version: this.apiVersion, ...options.query }),
      headers,
      body,
      secrets: [this.#token, ...secretsIn(options.body)],
    });
  }

  /**
   * The items of every page of a list endpoint, fetched lazily (`limit=100`, then `links.next`);
   * breaking out of `for await` stops fetching. A page that is not a JSON:API list, a `next` link
   * loop, or a listing past the page or time budget is an error, never the end of the list.
   *
   * @throws SnykMalformedResponseError, SnykPaginationError, and whatever {@link request} throws
   */
  paginate<T = unknown>(path: string, options: { query?: QueryParams } = {}): AsyncGenerator<T, void, undefined> {
    const first = { path, query: stringQuery(options.query) };
    const secrets = [this.#token];
    return paginatePages<T>(first, {
      restUrl: this.restUrl,
      maxPages: this.#maxPages,
      budgetMs: this.#paginationBudgetMs,
      clock: this.#clock,
      describePath: (p) => redact(pathWithoutQuery(p), secrets),
    }, (page) => this.request<JsonApiDocument<T[]>>("GET", page.path, { query: page.query }));
  }

  /**
   * A form-urlencoded POST to the OAuth2 base (`/oauth2/token` or `/oauth2/revoke`). The client's
   * own token is not sent: these endpoints authenticate by the form's client credentials.
   *
   * @throws SnykOAuthError for an OAuth2 error answer (`{error, error_description}`)
   */
  async oauth<T = unknown>(path: "/token" | "/revoke", form: Readonly<Record<string, string | undefined>>): Promise<SnykResponse<T>> {
    const fields = Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined);
    return this.#execute<T>({
      api: "oauth",
      method: "POST",
      path: `/oauth2${path}`,
      url: `${this.oauthUrl}${path}`,
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": this.#userAgent,
      },
      body: new URLSearchParams(fields).toString(),
      secrets: [this.#token, ...secretsIn(Object.fromEntries(fields))],
    });
  }

  /** The clock the client waits on (the injected one, or the system's). */
  get clock(): Clock {
    return this.#clock;
  }

  /**
   * Tries `attempt` until `done` accepts its value or `options.timeoutMs` passes, with exponential
   * backoff on the client's clock; each wait of a second or more is announced as a notice naming
   * `what` (e.g. "the new secret of client x is not accepted yet").
   */
  retryUntil<T>(what: string, attempt: () => Promise<T>, done: (value: T) => boolean, options: RetryUntilOptions): Promise<RetryUntilResult<T>> {
    return retryUntil(this.#clock, attempt, done, options, ({ delayMs }) => this.#events.poll(what, delayMs));
  }

  /** Never shows the token (Node's inspect does not show `#private` fields; this keeps it short). */
  toJSON(): Record<string, unknown> {
    return { restUrl: this.restUrl, oauthUrl: this.oauthUrl, apiVersion: this.apiVersion, stats: this.stats };
  }

  async #execute<T>(call: Call): Promise<SnykResponse<T>> {
    const started = this.#clock.now();
    for (let attempt = 1; ; attempt++) {
      const result = await this.#concurrency.run(async () => {
        const answered = await this.#rate.acquire();
        this.stats.requests++;
        const deadline = startDeadline(this.#clock, this.#timeoutMs);
        try {
          const sent = await this.#transport({ method: call.method, url: call.url, headers: call.headers, body: call.body, signal: deadline.signal });
          return deadline.expired && sent.kind === "failure" ? deadlineFailure(this.#timeoutMs) : sent;
        } finally {
          deadline.cancel();
          answered();
        }
      });
      if (result.kind === "too-large") {
        this.#log(call, `${call.method} ${call.path} -> answer over ${result.limitBytes} bytes (attempt ${attempt})`);
        throw new SnykMalformedResponseError({
          method: call.method, path: call.path, reason: `the answer is larger than ${result.limitBytes} bytes, the client's cap`,
        });
      }
      if (result.kind === "response") {
        result.headers = redactDeep(result.headers, call.secrets);
        this.#events.answerHeaders(result.headers, this.apiVersion, call.method, call.path);
      }
      if (result.kind === "response" && result.status >= 200 && result.status < 300) {
        this.#log(call, `${call.method} ${call.path} -> ${result.status} (attempt ${attempt})`);
        const requestId = result.headers["snyk-request-id"];
        if (!isJsonObjectOrEmpty(result.body)) {
          throw new SnykMalformedResponseError({
            method: call.method, path: call.path, status: result.status, requestId,
            reason: `the body must be a JSON object, got ${describeValue(result.body)}`,
          });
        }
        return {
          status: result.status,
          data: redactDeep(result.body, [this.#token]) as T,
          headers: result.headers,
          ...(requestId ? { requestId } : {}),
        };
      }
      const now = this.#clock.now();
      const { error, outcome, serverWaitMs, label } = this.#failure(call, result, now);
      const decision = nextRetry(this.#policy, {
        method: call.method, outcome, attempt, elapsedMs: now - started, serverWaitMs,
      }, this.#random);
      if (!decision.retry) {
        this.#log(call, `${call.method} ${call.path} -> ${label} (attempt ${attempt}); giving up: ${decision.reason}`);
        throw error;
      }
      this.#log(call, `${call.method} ${call.path} -> ${label} (attempt ${attempt}); retrying in ${decision.delayMs} ms`);
      const path = redact(call.path, call.secrets);
      this.#events.retry({ method: call.method, path, attempt, reason: label, delayMs: decision.delayMs });
      if ("status" in outcome && outcome.status === 429) {
        // Snyk answers 429 to every request until the window ends: hold the whole client.
        this.#rate.pauseUntil(now + decision.delayMs);
        this.#log(call, `client paused for ${decision.delayMs} ms by a 429`);
        this.#events.rateLimit({ source: "429", delayMs: decision.delayMs, method: call.method, path });
      }
      this.stats.retries++;
      await this.#clock.sleep(decision.delayMs);
    }
  }

  #failure(call: Call, result: Exclude<TransportResult, { kind: "too-large" }>, now: number) {
    if (result.kind === "failure") {
      const { error, failure } = errorFromTransport(result.error, { ...call, timeoutMs: this.#timeoutMs }, call.secrets);
      const outcome: AttemptOutcome = { failure };
      return { error, outcome, serverWaitMs: undefined, label: error.transportCode ?? failure };
    }
    const serverWaitMs = serverRequestedWaitMs(result.headers, now);
    const error = errorFromResponse({
      api: call.api,
      status: result.status,
      method: call.method,
      path: call.path,
      body: result.body,
      requestId: result.headers["snyk-request-id"],
      retryAfterMs: result.status === 429 || result.status === 503 ? serverWaitMs : undefined,
    }, call.secrets);
    const outcome: AttemptOutcome = { status: result.status };
    return { error, outcome, serverWaitMs, label: String(result.status) };
  }

  #log(call: Call, line: string): void {
    if (this.#logger) this.#logger(`snyk: ${redact(line, call.secrets)}`);
  }
}

/** What a request that passed its deadline reports, for the retry policy and the error. */
function deadlineFailure(timeoutMs: number): TransportResult {
  return { kind: "failure", error: { code: "ETIMEDOUT", message: `no complete answer within ${timeoutMs} ms` } };
}

/** A 2xx answer is a JSON object (JSON:API, or OAuth2's JSON), or empty (204). */
function isJsonObjectOrEmpty(body: unknown): boolean {
  return body === undefined || (body !== null && typeof body === "object" && !Array.isArray(body));
}

function stringQuery(query: QueryParams = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? [...value] : String(value);
  }
  return out;
}
