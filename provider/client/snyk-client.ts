import { resolveBaseUrls } from "./base-urls";
import { type Clock, systemClock } from "./clock";
import { ConcurrencyLimiter } from "./concurrency-limiter";
import { ClientEvents } from "./hooks";
import type { JsonApiDocument } from "./jsonapi";
import { startDeadline } from "./deadline";
import { DEFAULT_MAX_PAGES, DEFAULT_PAGINATION_BUDGET_MS, paginatePages } from "./paginate";
import { pathWithoutQuery, type QueryParams } from "./query";
import { RateLimiter } from "./rate-limiter";
import { redact, redactDeep } from "./redact";
import { nextRetry, retryPolicy, type RetryPolicy } from "./retry";
import { retryUntil, type RetryUntilOptions, type RetryUntilResult } from "./retry-until";
import { axiosTransport, type Transport } from "./transport";
import { userAgent } from "./user-agent";
import {
  DEFAULT_API_VERSION, DEFAULT_MAX_CONCURRENCY, DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_TIMEOUT_MS,
  type HttpMethod, type RequestOptions, type SnykClientOptions, type SnykClientStats, type SnykResponse,
} from "./client-options";
import { type Call, type CallContext, checkedAuth, oauthCall, restCall, stringQuery } from "./client-call";
import { deadlineFailure, failedAttempt, successfulAnswer, tooLargeError } from "./attempt-outcome";

/** The client's options, defaults and answer types (in client-options.ts). */
export * from "./client-options";

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

  readonly #token: string;
  readonly #context: CallContext;
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
    const { token, scheme } = checkedAuth(options);
    const { restUrl, oauthUrl } = resolveBaseUrls(options);
    this.restUrl = restUrl;
    this.oauthUrl = oauthUrl;
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    this.#token = token;
    this.#context = {
      restUrl, oauthUrl, apiVersion: this.apiVersion, token: this.#token, authorization: `${scheme} ${this.#token}`, userAgent: userAgent(options.userAgent),
    };
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
    return this.#execute<T>(restCall(this.#context, method, path, options));
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
    return this.#execute<T>(oauthCall(this.#context, path, form));
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
        throw tooLargeError(call, result.limitBytes);
      }
      if (result.kind === "response") {
        result.headers = redactDeep(result.headers, call.secrets);
        this.#events.answerHeaders(result.headers, this.apiVersion, call.method, call.path);
      }
      if (result.kind === "response" && result.status >= 200 && result.status < 300) {
        this.#log(call, `${call.method} ${call.path} -> ${result.status} (attempt ${attempt})`);
        return successfulAnswer<T>(call, result, this.#token);
      }
      const now = this.#clock.now();
      const { error, outcome, serverWaitMs, label } = failedAttempt(call, result, now, this.#timeoutMs);
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

  #log(call: Call, line: string): void {
    if (this.#logger) this.#logger(`snyk: ${redact(line, call.secrets)}`);
  }
}
