/** The REST paths of an org's apps: `/orgs/{org_id}/apps/creations[/{app_id}]`. */

/** The org's app collection. */
export function appsPath(orgId: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/apps/creations`;
}

/** One app of the org. */
export function appPath(orgId: string, appId: string): string {
  return `${appsPath(orgId)}/${encodeURIComponent(appId)}`;
}
