import type { JsonApiDocument } from "./jsonapi";
import { nextPageRequest, pageKey, type PageRequest } from "./next-link";

/** The page size asked for on the first request (Snyk allows 10..100). */
export const PAGE_LIMIT = 100;

/**
 * The items of every page, fetched lazily: a page is requested only when the consumer asks for
 * an item past the previous one, so breaking out of `for await` stops fetching.
 *
 * Follows `links.next` (never a page counter) and stops on an empty page, a missing `next`, or
 * a link or `starting_after` cursor seen before (a server bug would otherwise loop forever).
 */
export async function* paginatePages<T>(
  first: PageRequest,
  restUrl: string,
  fetchPage: (request: PageRequest) => Promise<JsonApiDocument<T[]> | undefined>,
): AsyncGenerator<T, void, undefined> {
  const seenLinks = new Set<string>();
  const seenCursors = new Set<string>();
  let request: PageRequest | undefined = { path: first.path, query: { limit: String(PAGE_LIMIT), ...first.query } };
  while (request !== undefined) {
    const cursor = request.query.starting_after;
    const key = pageKey(request);
    if (seenLinks.has(key) || (typeof cursor === "string" && seenCursors.has(cursor))) return;
    seenLinks.add(key);
    if (typeof cursor === "string") seenCursors.add(cursor);

    const page = await fetchPage(request);
    const items = page?.data;
    if (!Array.isArray(items) || items.length === 0) return;
    yield* items;
    request = nextPageRequest(page?.links?.next, restUrl);
  }
}
