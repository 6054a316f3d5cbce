/** Matches REST paths to the spec's operations; literal segments win over parameters. */
import { SpecOperation } from "./spec-validator";

/** A matched operation with its path parameters. */
export interface RouteMatch {
  operation: SpecOperation;
  params: Record<string, string>;
}

interface CompiledRoute {
  operation: SpecOperation;
  pattern: RegExp;
  names: string[];
}

/** A route table built from the spec's operations. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(operations: SpecOperation[]) {
    this.routes = operations
      .map((operation) => {
        const names: string[] = [];
        const source = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          names.push(name);
          return "([^/]+)";
        });
        return { operation, pattern: new RegExp(`^${source}$`), names };
      })
      // `/orgs/{org_id}/apps/creations` must win over `/orgs/{org_id}/apps/{client_id}`.
      .sort((a, b) => a.names.length - b.names.length);
  }

  /**
   * The operation for `method` and `path` (REST path without `/rest`); `"method"` when the path
   * exists with other methods only; undefined when no path matches.
   */
  match(method: string, path: string): RouteMatch | "method" | undefined {
    let matchedWithParams = -1;
    for (const route of this.routes) {
      // A path matched by literals does not fall through to a route that reads them as ids.
      if (matchedWithParams >= 0 && route.names.length > matchedWithParams) break;
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.operation.method !== method) {
        matchedWithParams = route.names.length;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => (params[name] = safeDecode(found[index + 1])));
      return { operation: route.operation, params };
    }
    return matchedWithParams >= 0 ? "method" : undefined;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
