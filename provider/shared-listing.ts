/**
 * One listing of a collection (an org's apps, an owner's installs), taken at most once per run
 * and shared by every caller in this provider host, with the objects this host created or
 * deleted since folded in. Callers that ask while the listing is being fetched wait for that
 * same fetch: one looking for an id gets it as soon as the page holding it arrives, and "not
 * listed" only once every page has. A listing older than `maxAgeMs` on the client's clock is
 * taken again.
 */
import type { Clock } from "./client/clock";

/** Anything with an id. */
export interface Identified {
  id: string;
}

/** How a {@link SharedListing} fetches and ages. */
export interface SharedListingOptions<T> {
  /** Every item of the collection, page after page. */
  fetch: () => AsyncIterable<T>;
  /** The client's clock: a listing is trusted for `maxAgeMs` from when its fetch started. */
  clock: Pick<Clock, "now">;
  maxAgeMs: number;
}

/** See the file header. */
export class SharedListing<T extends Identified> {
  private taken?: ListingFetch<T>;
  private readonly created = new Map<string, T>();
  private readonly deleted = new Set<string>();

  constructor(private readonly options: SharedListingOptions<T>) {}

  /**
   * Every item: the shared listing (fetched now if there is none, or it is too old), plus what
   * this host created, minus what it deleted. A failed fetch is not kept: the next caller fetches again.
   */
  async items(): Promise<T[]> {
    const listed = await this.listing().complete;
    const merged = new Map(listed);
    for (const [id, item] of this.created) merged.set(id, item);
    for (const id of this.deleted) merged.delete(id);
    return [...merged.values()];
  }

  /**
   * The item with this id: what this host created, else the listing's, as soon as the page
   * holding it arrives; undefined when this host deleted it or no page holds it (which does NOT
   * prove it is gone).
   */
  async find(id: string): Promise<T | undefined> {
    if (this.deleted.has(id)) return undefined;
    return this.created.get(id) ?? this.listing().arrival(id);
  }

  /** Records an object this host created (or found by a fresh look), so later callers see it. */
  noteCreated(item: T): void {
    this.deleted.delete(item.id);
    this.created.set(item.id, item);
  }

  /** Records an object this host deleted (or found gone), so later callers do not see it. */
  noteDeleted(id: string): void {
    this.created.delete(id);
    this.deleted.add(id);
  }

  private listing(): ListingFetch<T> {
    const now = this.options.clock.now();
    if (this.taken && now - this.taken.startedAt <= this.options.maxAgeMs) return this.taken;
    const taken = new ListingFetch(this.options.fetch(), now);
    this.taken = taken;
    taken.complete.catch(() => {
      if (this.taken === taken) this.taken = undefined;
    });
    return taken;
  }
}

/** One walk of the pages, with what has arrived so far and who waits for which id. */
class ListingFetch<T extends Identified> {
  readonly complete: Promise<Map<string, T>>;
  private readonly seen = new Map<string, T>();
  private readonly waiters = new Map<string, ((item: T) => void)[]>();

  constructor(
    pages: AsyncIterable<T>,
    readonly startedAt: number,
  ) {
    this.complete = this.walk(pages);
  }

  /** The item once a page holds it, or undefined once every page has arrived without it. */
  arrival(id: string): Promise<T | undefined> {
    const seen = this.seen.get(id);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]);
      this.complete.then((all) => resolve(all.get(id)), reject);
    });
  }

  private async walk(pages: AsyncIterable<T>): Promise<Map<string, T>> {
    for await (const item of pages) {
      this.seen.set(item.id, item);
      for (const resolve of this.waiters.get(item.id) ?? []) resolve(item);
      this.waiters.delete(item.id);
    }
    return this.seen;
  }
}
