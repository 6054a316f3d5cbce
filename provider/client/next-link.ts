import type { JsonApiLink } from "./jsonapi";

/** A REST call to make: a path relative to the REST base and its query. */
export interface PageRequest {
  path: string;
  query: Record<string, string | string[]>;
}

/**
 * The request for the page a `links.next` points at, or undefined when there is none.
 *
 * Snyk gives `next` as a string or `{href}`, absolute or relative, with or without the `/rest`
 * prefix (its docs show it without). Whatever the form, only the path and query are kept and the
 * call goes to the client's own REST base: the token is never sent to a host a response names.
 */
export function nextPageRequest(link: JsonApiLink | null | undefined, restUrl: string): PageRequest | undefined {
  const href = typeof link === "string" ? link : link?.href;
  if (typeof href !== "string" || href.trim() === "") return undefined;
  const base = new URL(`${restUrl}/`);
  const url = new URL(href.trim(), base);
  const restPrefix = base.pathname.replace(/\/$/, "");
  let path = url.pathname;
  if (path === restPrefix || path.startsWith(`${restPrefix}/`)) path = path.slice(restPrefix.length);
  else if (path.startsWith("/rest/")) path = path.slice("/rest".length);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    if (key === "version") continue; // the client pins its own
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return { path: path || "/", query };
}

/** A stable key for a page request, to notice a link that repeats. */
export function pageKey(request: PageRequest): string {
  const entries = Object.entries(request.query).sort(([a], [b]) => a.localeCompare(b));
  return `${request.path}?${JSON.stringify(entries)}`;
}
