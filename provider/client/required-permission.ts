/**
 * The Snyk permission each Apps call needs, as the spec's "Required permissions" state it, so a
 * 403 can name the permission missing and where. Snyk grants permissions through roles: Org Admin
 * and Group Admin hold every Apps permission; a custom role can hold single ones.
 */

/** A permission a call needs, and the org or group it is needed in. */
export interface RequiredPermission {
  /** Snyk's name of the permission, e.g. `Create Apps`. */
  readonly name: string;
  /** Its key, e.g. `org.app.create`. */
  readonly key: string;
  /** Whether it is an org or a group permission. */
  readonly level: "org" | "group";
  /** The org or group id from the path. */
  readonly ownerId: string;
}

const NAMES: Record<string, string> = { read: "View Apps", create: "Create Apps", edit: "Edit Apps", delete: "Delete Apps", install: "Install Apps" };

const APPS_PATH = /^\/(orgs|groups)\/([^/]+)\/apps\/(creations|installs)(\/[^/]+)?(\/secrets)?\/?$/;

/**
 * The permission `method path` needs, or undefined for a path outside the Apps endpoints.
 *
 * @param method the HTTP method
 * @param path the path relative to the REST base, without the query string
 */
export function requiredPermission(method: string, path: string): RequiredPermission | undefined {
  const match = APPS_PATH.exec(path);
  if (!match) return undefined;
  const [, owners, ownerId, collection, item, secrets] = match;
  const level = owners === "orgs" ? "org" : "group";
  if (level === "group" && collection === "creations") return undefined;
  const action = actionOf(method.toUpperCase(), collection, item !== undefined, secrets !== undefined);
  if (action === undefined) return undefined;
  return { name: NAMES[action], key: `${level}.app.${action}`, level, ownerId: decodeURIComponent(ownerId) };
}

function actionOf(method: string, collection: string, hasItem: boolean, isSecrets: boolean): string | undefined {
  if (isSecrets) return method === "POST" && hasItem ? "edit" : undefined;
  if (method === "GET") return "read";
  if (collection === "installs") return (method === "POST" && !hasItem) || (method === "DELETE" && hasItem) ? "install" : undefined;
  if (method === "POST" && !hasItem) return "create";
  if (method === "PATCH" && hasItem) return "edit";
  if (method === "DELETE" && hasItem) return "delete";
  return undefined;
}
