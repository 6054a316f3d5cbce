/** Query parameters; arrays repeat the key, undefined values are left out. */
export type QueryParams = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/** `base + path` with the query appended; a query in `path` itself is kept. */
export function buildUrl(base: string, path: string, query: QueryParams = {}): string {
  const url = new URL(base + (path.startsWith("/") ? path : `/${path}`));
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    url.searchParams.delete(key);
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, v);
    else url.searchParams.append(key, String(value));
  }
  return url.toString();
}

/** The path of a REST call relative to the REST base, without any query string. */
export function pathWithoutQuery(path: string): string {
  const q = path.indexOf("?");
  return q === -1 ? path : path.slice(0, q);
}
