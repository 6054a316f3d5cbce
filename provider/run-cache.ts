/**
 * What one Pulumi run (one provider host: one `pulumi up`, `refresh` or `destroy`) learns from
 * Snyk once and shares between resources: each org's app list (for the duplicate guard), each
 * owner's install list (Snyk has no GET of one install), and each app's GET answer (a SnykApp's
 * read and its SnykAppSecret's read need the same one).
 *
 * Rules:
 * - a listing is fetched at most once while it is fresh (see {@link LISTING_MAX_AGE_MS}),
 *   concurrent callers wait for the one in flight, and what this host creates or deletes is
 *   folded in;
 * - a listing is never trusted to say that an object exists when that is the basis of advice
 *   (the duplicate guard GETs each match before naming it: {@link RunCache.stillExisting}), nor
 *   that an object is gone (see {@link RunCache.findInstall});
 * - an app's GET answer serves one more caller ({@link RunCache.appExists}), no more;
 * - a listing never proves that an object is gone (it may have been made after the listing was
 *   taken): {@link RunCache.findInstall} walks the pages afresh before answering "none".
 */
import { appResource } from "./answer-shape";
import type { SnykClient } from "./client";
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

/** An app as the org's app list answers it: the attributes the duplicate guard compares. */
export interface ListedApp {
  id: string;
  attributes: { name: string; context: string; scopes: string[]; redirect_uris?: string[] };
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
  private readonly appAnswers = new Map<string, { at: number; answer: Promise<unknown> }>();
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
    return this.listing(this.apps, orgId, () => collect(this.client().paginate<ListedApp>(appsPath(orgId))));
  }

  /** The owner's installs (`expand=app`), listed once per run. */
  installsOf(owner: InstallOwner): SharedListing<InstallListItem> {
    const path = installsPath(owner);
    return this.listing(this.installs, path, () => collect(this.client().paginate<InstallListItem>(path, { query: { expand: "app" } })));
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
   * The app's `data` from a GET (undefined when Snyk answers 404), kept for one later
   * {@link appExists} of the same app: a SnykApp's read and its SnykAppSecret's read cost one GET.
   */
  getApp<T>(orgId: string, appId: string): Promise<T | undefined> {
    const key = appPath(orgId, appId);
    const answer = this.fetchApp<T>(orgId, appId);
    const entry = { at: this.clock.now(), answer };
    this.appAnswers.set(key, entry);
    answer.catch(() => {
      if (this.appAnswers.get(key) === entry) this.appAnswers.delete(key);
    });
    return answer;
  }

  /**
   * True while Snyk holds the app: the answer {@link getApp} got in this run (in flight or fresh,
   * used once, so a host driven through several commands never reuses it), else a GET of its own.
   */
  async appExists(orgId: string, appId: string): Promise<boolean> {
    const key = appPath(orgId, appId);
    const known = this.appAnswers.get(key);
    if (known && this.clock.now() - known.at <= this.maxAgeMs) {
      this.appAnswers.delete(key);
      return (await known.answer) !== undefined;
    }
    return (await this.fetchApp(orgId, appId)) !== undefined;
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

  /** True while the app (one GET per run, see {@link appExists}) or the install (shared listing, then a fresh walk) exists. */
  async targetExists(target: SecretTarget): Promise<boolean> {
    if (target.installId) return (await this.findInstall(target, target.installId)) !== undefined;
    return this.appExists(target.orgId ?? "", target.appId ?? "");
  }

  /** Forgets the app's GET answer (after this host changed or deleted the app). */
  forgetApp(orgId: string, appId: string): void {
    this.appAnswers.delete(appPath(orgId, appId));
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
    fetch: () => Promise<T[]>,
  ): SharedListing<T> {
    let listing = listings.get(key);
    if (!listing) {
      listing = new SharedListing({ fetch, clock: this.clock, maxAgeMs: this.maxAgeMs });
      listings.set(key, listing);
    }
    return listing;
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
