import { SnykMalformedResponseError, SnykPaginationError } from "./answer-errors";
import type { Clock } from "./clock";
import type { JsonApiLink } from "./jsonapi";
import { nextPageRequest, pageKey, type PageRequest } from "./next-link";

/** The page size asked for on the first request (Snyk allows 10..100). */
export const PAGE_LIMIT = 100;
/** Pages one listing may fetch, by default (100 000 items at 100 a page). */
export const DEFAULT_MAX_PAGES = 1000;
/** How long one listing may take, by default, waits and retries included. */
export const DEFAULT_PAGINATION_BUDGET_MS = 10 * 60_000;

/** One page as the client fetched it: a 2xx answer whose body is JSON (not yet checked further). */
export interface FetchedPage {
  status: number;
  data: unknown;
  requestId?: string;
}

/** The limits of one listing and what it needs to say where it failed. */
export interface PaginationOptions {
  /** The REST base that relative `next` links resolve against. */
  restUrl: string;
  /** Pages one listing may fetch. */
  maxPages: number;
  /** How long one listing may take, on `clock`. */
  budgetMs: number;
  clock: Clock;
  /** The path as it may appear in an error (secrets redacted: `next` links come from the server). */
  describePath: (path: string) => string;
}

/**
 * The items of every page, fetched lazily: a page is requested only when the consumer asks for
 * an item past the previous one, so breaking out of `for await` stops fetching.
 *
 * Follows `links.next` (never a page counter) and ends only on an authoritative end: an empty
 * page or a page without `next`. Everything else is an error, never the end of the list: a page
 * that is not a JSON:API list (no `data` array, an item without an id, a malformed `next`)
 * raises {@link SnykMalformedResponseError}; a `next` link or cursor seen before (a loop), more
 * than `maxPages` pages or more than `budgetMs` raise {@link SnykPaginationError}.
 */
export async function* paginatePages<T>(
  first: PageRequest,
  options: PaginationOptions,
  fetchPage: (request: PageRequest) => Promise<FetchedPage>,
): AsyncGenerator<T, void, undefined> {
  const seenLinks = new Set<string>();
  const seenCursors = new Set<string>();
  const started = options.clock.now();
  const listPath = options.describePath(first.path);
  let pages = 0;
  let request: PageRequest | undefined = { path: first.path, query: { limit: String(PAGE_LIMIT), ...first.query } };
  while (request !== undefined) {
    const cursor = request.query.starting_after;
    const key = pageKey(request);
    if (seenLinks.has(key) || (typeof cursor === "string" && seenCursors.has(cursor))) {
      throw new SnykPaginationError({ path: listPath, pages, reason: "the next link points back at a page already fetched (a loop)" });
    }
    if (pages >= options.maxPages) {
      throw new SnykPaginationError({ path: listPath, pages, reason: `the list has more than ${options.maxPages} pages, the client's page budget` });
    }
    if (pages > 0 && options.clock.now() - started > options.budgetMs) {
      throw new SnykPaginationError({ path: listPath, pages, reason: `the listing took longer than ${options.budgetMs} ms, the client's time budget` });
    }
    seenLinks.add(key);
    if (typeof cursor === "string") seenCursors.add(cursor);

    const page = await fetchPage(request);
    pages++;
    const checked: { items: T[]; next: JsonApiLink | undefined } = checkedPage<T>(page, options.describePath(request.path));
    if (checked.items.length === 0) return;
    yield* checked.items;
    request = nextPageRequest(checked.next, options.restUrl);
  }
}

function checkedPage<T>(page: FetchedPage, path: string): { items: T[]; next: JsonApiLink | undefined } {
  const malformed = (reason: string) =>
    new SnykMalformedResponseError({ method: "GET", path, status: page.status, requestId: page.requestId, reason });
  const body = page.data;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw malformed(`a list page must be a JSON:API document, got ${describeValue(body)}`);
  }
  const { data, links } = body as { data?: unknown; links?: unknown };
  if (!Array.isArray(data)) throw malformed(`a list page must have a "data" array, got ${describeValue(data)}`);
  data.forEach((item, index) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      throw malformed(`data[${index}] must be a resource object, got ${describeValue(item)}`);
    }
    const { id, attributes } = item as { id?: unknown; attributes?: unknown };
    if (typeof id !== "string" || id === "") throw malformed(`data[${index}] has no id`);
    // The spec requires attributes on every app and install resource.
    if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) {
      throw malformed(`data[${index}].attributes must be an object, got ${describeValue(attributes)}`);
    }
  });
  if (links !== undefined && links !== null && (typeof links !== "object" || Array.isArray(links))) {
    throw malformed(`"links" must be an object, got ${describeValue(links)}`);
  }
  const next: unknown = (links as { next?: unknown } | null | undefined)?.next;
  if (next !== undefined && next !== null && typeof next !== "string" &&
      !(typeof next === "object" && typeof (next as { href?: unknown }).href === "string")) {
    throw malformed(`links.next must be a URL or {href}, got ${describeValue(next)}`);
  }
  return { items: data as T[], next: (next ?? undefined) as JsonApiLink | undefined };
}

/** A few words on what a JSON value is, never the value itself (it may hold a secret). */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") {
    return /^\s*</.test(value) ? "an HTML or XML page (a proxy's page?)" : "text that is not JSON (or truncated JSON)";
  }
  return `a ${typeof value}`;
}
