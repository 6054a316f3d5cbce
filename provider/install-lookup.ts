/**
 * Finding one install. Snyk has no GET of a single install: the only way is to list the owner's
 * installs (`expand=app`, 100 a page) and stop at the page that holds the id.
 */
import type { InstallResource, SnykClient } from "./client";
import { InstallOwner, installsPath } from "./install-owner";

/** An install as the list endpoint answers it (with `expand=app`): the client's one install shape. */
export type InstallListItem = InstallResource;

/**
 * The install with this id, or undefined when the owner has none (removed out of band, or
 * removed together with its app). Stops fetching at the page that holds it.
 */
export async function findInstall(
  client: SnykClient,
  owner: InstallOwner,
  installId: string,
): Promise<InstallListItem | undefined> {
  return findInstallWhere(client, owner, (item) => item.id === installId);
}

/** The first of the owner's installs that `matches`, or undefined; stops fetching at its page. */
export async function findInstallWhere(
  client: SnykClient,
  owner: InstallOwner,
  matches: (item: InstallListItem) => boolean,
): Promise<InstallListItem | undefined> {
  for await (const item of client.paginate<InstallListItem>(installsPath(owner), { query: { expand: "app" } })) {
    if (matches(item)) return item;
  }
  return undefined;
}
