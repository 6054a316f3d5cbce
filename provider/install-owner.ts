/**
 * Where an install lives: an org or a group. Both have the same install endpoints under
 * `/orgs/{org_id}/apps/installs` and `/groups/{group_id}/apps/installs`.
 */

/** An org or a group that holds installs; exactly one of the two ids is set. */
export interface InstallOwner {
  orgId?: string;
  groupId?: string;
}

/** The REST path of the owner's installs collection. */
export function installsPath(owner: InstallOwner): string {
  return owner.orgId
    ? `/orgs/${encodeURIComponent(owner.orgId)}/apps/installs`
    : `/groups/${encodeURIComponent(owner.groupId ?? "")}/apps/installs`;
}

/** The REST path of one install. */
export function installPath(owner: InstallOwner, installId: string): string {
  return `${installsPath(owner)}/${encodeURIComponent(installId)}`;
}

/** "org <id>" or "group <id>", for messages. */
export function describeOwner(owner: InstallOwner): string {
  return owner.orgId ? `org ${owner.orgId}` : `group ${owner.groupId}`;
}
