/**
 * The request target, checked before any routing. The area (`/rest`, `/oauth2`, `/_emulator`) is
 * read off the raw path, and a path that is not in normal form is refused, never resolved: a
 * `.`/`..` segment in any spelling (`%2e%2e`, `.%2E`), an encoded or back slash, or an empty
 * segment (`//`) could otherwise carry a `/rest/...` request into the unauthenticated admin, as
 * WHATWG URL parsing turns `/rest/%2E%2E/_emulator/reset` into `/_emulator/reset`.
 */

/** Where a request goes. */
export type Area = "rest" | "oauth2" | "admin" | "other";

/** The request target: the raw path (still percent-encoded), the query, and why it is refused. */
export interface RequestTarget {
  area: Area;
  /** The path as sent, e.g. `/rest/orgs/x/apps/creations`. */
  pathname: string;
  query: URLSearchParams;
  /** Set when the path is not in normal form: the request must be refused (400). */
  problem?: string;
}

const AREAS: [prefix: string, area: Area][] = [
  ["/rest/", "rest"],
  ["/oauth2/", "oauth2"],
  ["/_emulator/", "admin"],
];

/** Reads `req.url` without resolving anything in it. */
export function parseRequestTarget(raw: string): RequestTarget {
  const queryAt = raw.indexOf("?");
  const pathname = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const area = AREAS.find(([prefix]) => pathname.startsWith(prefix))?.[1] ?? "other";
  const target: RequestTarget = { area, pathname, query: new URLSearchParams(queryAt < 0 ? "" : raw.slice(queryAt + 1)) };
  const problem = pathProblem(pathname);
  if (problem) target.problem = `the path is not in normal form (${problem})`;
  return target;
}

function pathProblem(pathname: string): string | undefined {
  if (!pathname.startsWith("/")) return "it must start with /";
  if (/\\|%2f|%5c/i.test(pathname)) return "it has an encoded slash or a backslash";
  const segments = pathname.slice(1).split("/");
  // A trailing slash is harmless (no route ends with one); an empty segment inside is `//`.
  if (segments.slice(0, -1).some((segment) => segment === "")) return "it has an empty segment (//)";
  if (segments.some(isDotSegment)) return "it has a . or .. segment (in any encoding)";
  return undefined;
}

function isDotSegment(segment: string): boolean {
  const dots = segment.replace(/%2e/gi, ".");
  return dots === "." || dots === "..";
}
