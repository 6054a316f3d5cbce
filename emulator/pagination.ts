/**
 * Snyk's cursor pagination: `limit` 10..100 in steps of 10 (default 10), `starting_after` /
 * `ending_before` cursors, `links.next` only when more items follow.
 */
import { ApiError } from "./errors";
import { LinkBuilder } from "./links";

/** A validated page request; cursors are decoded to sequence numbers. */
export interface PageRequest {
  limit: number;
  startingAfter?: number;
  endingBefore?: number;
}

/** One page of items and its links. */
export interface Page<T> {
  items: T[];
  links: { self: string; next?: string; prev?: string };
}

/** Parses `limit`, `starting_after` and `ending_before` (400 with `source.parameter` when invalid). */
export function parsePageRequest(query: Record<string, string>): PageRequest {
  let limit = 10;
  if (query.limit !== undefined) {
    limit = Number(query.limit);
    if (!/^\d+$/.test(query.limit) || limit < 10 || limit > 100 || limit % 10 !== 0) {
      throw ApiError.of(400, "limit must be a multiple of 10 between 10 and 100", { parameter: "limit" });
    }
  }
  if (query.starting_after !== undefined && query.ending_before !== undefined) {
    throw ApiError.of(400, "starting_after and ending_before cannot be used together", { parameter: "ending_before" });
  }
  return {
    limit,
    startingAfter: query.starting_after === undefined ? undefined : decodeCursor(query.starting_after, "starting_after"),
    endingBefore: query.ending_before === undefined ? undefined : decodeCursor(query.ending_before, "ending_before"),
  };
}

/** The cursor that points just after (or before) the item with sequence number `seq`. */
export function encodeCursor(seq: number): string {
  return `v1.${Buffer.from(JSON.stringify({ seq })).toString("base64url")}`;
}

function decodeCursor(cursor: string, parameter: string): number {
  try {
    if (!cursor.startsWith("v1.")) throw new Error("unknown cursor version");
    const seq = JSON.parse(Buffer.from(cursor.slice(3), "base64url").toString("utf8")).seq;
    if (!Number.isSafeInteger(seq)) throw new Error("no position");
    return seq;
  } catch {
    throw ApiError.of(400, `invalid ${parameter} cursor`, { parameter });
  }
}

/**
 * Cuts one page out of `items` (sorted by `seq`) and writes its links from `restPath` and the
 * request's `query` (cursors replaced, `limit` made explicit).
 */
export function paginate<T extends { seq: number }>(
  items: T[],
  request: PageRequest,
  restPath: string,
  query: Record<string, string>,
  link: LinkBuilder,
): Page<T> {
  let start = 0;
  let end = items.length;
  if (request.startingAfter !== undefined) {
    const after = request.startingAfter;
    start = items.findIndex((item) => item.seq > after);
    if (start < 0) start = items.length;
    end = Math.min(items.length, start + request.limit);
  } else if (request.endingBefore !== undefined) {
    const before = request.endingBefore;
    end = items.findIndex((item) => item.seq >= before);
    if (end < 0) end = items.length;
    start = Math.max(0, end - request.limit);
  } else {
    end = Math.min(items.length, request.limit);
  }
  const page = items.slice(start, end);
  // Snyk writes `version` first, then the other parameters.
  const base: Record<string, string> = { version: query.version, ...query, limit: String(request.limit) };
  delete base.starting_after;
  delete base.ending_before;
  const links: Page<T>["links"] = { self: link(restPath, query) };
  if (end < items.length && page.length > 0) {
    links.next = link(restPath, { ...base, starting_after: encodeCursor(page[page.length - 1].seq) });
  }
  if (start > 0 && page.length > 0) {
    links.prev = link(restPath, { ...base, ending_before: encodeCursor(page[0].seq) });
  }
  return { items: page, links };
}
