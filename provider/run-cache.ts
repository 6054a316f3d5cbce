/**
 * What one Pulumi run (one provider host: one `pulumi up`, `refresh` or `destroy`) learns from
 * Snyk once and shares between resources: each org's app list (the duplicate guard, and every
 * read of an app or of an app's secret target) and each owner's install list (Snyk has no GET of
 * one install). A refresh of N apps then costs the org's list pages, ceil(apps / 100), not N GETs:
 * the list answers the same app resource (`AppData`) as a GET.
 *
 * Rules:
 * - a listing is fetched at most once while it is fresh (see {@link LISTING_MAX_AGE_MS}), a
 *   caller looking for one object gets it from the first page that holds it,
 *   concurrent callers wait for the one in flight, and what this host creates, changes or deletes
 *   is folded in;
 * - a listing is never trusted to say that an object exists when that is the basis of advice
 *   (the duplicate guard GETs each match before naming it: {@link RunCache.stillExisting});
 * - a listing never proves that an object is gone (it may have been made after the listing was
 *   taken): {@link RunCache.readApp} GETs an app the listing lacks, and
 *   {@link RunCache.findInstall} walks the pages afresh, before answering "none".
 */
import { appResource, listedAppAttributes } from "./answer-shape";
import type { AppAttributes, SnykClient } from "./client";
import { SnykNotFoundError } from "./client";
import { type Clock, systemClock } from "./client/clock";
import { SharedListing } from "./shared-listing";
import { InstallListItem, findInstall } from "./install-lookup";
import { InstallOwner, installsPath } from "./install-owner";
import { appPath, appsPath } from "./app-paths";
import type { SecretTarget } from "./secret-target";

/**
 * How long a listing or an answer is trusted. A provider host lives for one run, so this only
 * bounds a very long run (1,000 resources under Snyk's rate limit take about two minutes).
 */
export const LISTING_MAX_AGE_MS = 5 * 60_000;

/**
 * An app as the org's app list (or a GET) answers it, never with its secret. `declaredOnly` marks
 * an app known only by its id and the declaration it matched (a lost create's answer): the
 * duplicate guard may use it, a read must GET it.
 */
export interface ListedApp {
  id: string;
  attributes: Partial<Omit<AppAttributes, "client_secret">> & { name: string; context: string; scopes: string[] };
  declaredOnly?: true;
}

/** Options of a {@link RunCache}. */
export interface RunCacheOptions {
  /** The clock the client uses; ages are measured on it. */
  clock?: Pick<Clock, "now">;
  maxAgeMs?: number;
}

/** See the file header. One per provider host and Snyk client (see `runtime.ts`). */
export class RunCache {
  private readonly apps = new Map<string, SharedListing<ListedApp>>();
  private readonly installs = new Map<string, SharedListing<InstallListItem>>();
  private readonly clock: Pick<Clock, "now">;
  private readonly maxAgeMs: number;

  constructor(
    private readonly client: () => SnykClient,
    options: RunCacheOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxAgeMs = options.maxAgeMs ?? LISTING_MAX_AGE_MS;
  }

  /** The org's apps, listed once per run. */
  appsOf(orgId: string): SharedListing<ListedApp> {
    return this.listing(this.apps, orgId, () => this.client().paginate<ListedApp>(appsPath(orgId)));
  }

  /** The owner's installs (`expand=app`), listed once per run. */
  installsOf(owner: InstallOwner): SharedListing<InstallListItem> {
    const path = installsPath(owner);
    return this.listing(this.installs, path, () => this.client().paginate<InstallListItem>(path, { query: { expand: "app" } }));
  }

  /**
   * The install with this id: from the shared listing, else from a fresh walk of the owner's pages
   * (it may be newer than the listing); undefined only when the fresh walk did not find it either.
   */
  async findInstall(owner: InstallOwner, installId: string): Promise<InstallListItem | undefined> {
    const listing = this.installsOf(owner);
    const listed = await listing.find(installId);
    if (listed) return listed;
    const fresh = await findInstall(this.client(), owner, installId);
    if (fresh) listing.noteCreated(fresh);
    else listing.noteDeleted(installId);
    return fresh;
  }

  /**
   * The app as Snyk holds it (never with its secret), or undefined when Snyk answers 404: from
   * the org's shared listing, else (missing from it, or known only by its declaration) from a GET,
   * whose answer is folded into the listing.
   */
  async readApp(orgId: string, appId: string): Promise<ListedApp | undefined> {
    const listing = this.appsOf(orgId);
    const listed = await listing.find(appId);
    if (listed && !listed.declaredOnly) {
      listedAppAttributes(listed, appsPath(orgId));
      return listed;
    }
    const fetched = await this.fetchApp<ListedApp>(orgId, appId);
    if (!fetched) {
      listing.noteDeleted(appId);
      return undefined;
    }
    const app = withoutSecret(fetched);
    listing.noteCreated(app);
    return app;
  }

  /**
   * The apps among `appIds` that Snyk still holds, each asked afresh (advice must name only
   * those); the ones it answers 404 for leave the org's listing.
   */
  async stillExisting(orgId: string, appIds: string[]): Promise<string[]> {
    const answers = await Promise.all(appIds.map((id) => this.fetchApp(orgId, id)));
    const gone = appIds.filter((_, i) => answers[i] === undefined);
    for (const id of gone) this.appsOf(orgId).noteDeleted(id);
    return appIds.filter((_, i) => answers[i] !== undefined);
  }

  /** True while the app ({@link readApp}) or the install (shared listing, then a fresh walk) exists. */
  async targetExists(target: SecretTarget): Promise<boolean> {
    if (target.installId) return (await this.findInstall(target, target.installId)) !== undefined;
    return (await this.readApp(target.orgId ?? "", target.appId ?? "")) !== undefined;
  }

  private fetchApp<T>(orgId: string, appId: string): Promise<T | undefined> {
    return this.client()
      .request<{ data: T }>("GET", appPath(orgId, appId))
      .then(
        (response) => appResource<T>(response, { method: "GET", path: appPath(orgId, appId) }),
        (error: unknown) => {
          if (error instanceof SnykNotFoundError) return undefined;
          throw error;
        },
      );
  }

  private listing<T extends { id: string }>(
    listings: Map<string, SharedListing<T>>,
    key: string,
    fetch: () => AsyncIterable<T>,
  ): SharedListing<T> {
    let listing = listings.get(key);
    if (!listing) {
      listing = new SharedListing({ fetch, clock: this.clock, maxAgeMs: this.maxAgeMs });
      listings.set(key, listing);
    }
    return listing;
  }
}

/** What the listing keeps of an app: everything but its secret (a read never returns one anyway). */
export function withoutSecret(app: { id: string; attributes: Partial<AppAttributes> & ListedApp["attributes"] }): ListedApp {
  const { client_secret: _secret, ...attributes } = app.attributes;
  return { id: app.id, attributes };
}
