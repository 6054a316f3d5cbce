/**
 * One listing of a collection (an org's apps, an owner's installs), taken at most once per run
 * and shared by every caller in this provider host, with the objects this host created or
 * deleted since folded in. Callers that ask while the listing is being fetched wait for that
 * same fetch. A listing older than `maxAgeMs` on the client's clock is taken again.
 */
import type { Clock } from "./client/clock";

/** Anything with an id. */
export interface Identified {
  id: string;
}

/** How a {@link SharedListing} fetches and ages. */
export interface SharedListingOptions<T> {
  /** Fetches every item of the collection (all pages). */
  fetch: () => Promise<T[]>;
  /** The client's clock: a listing is trusted for `maxAgeMs` from when its fetch started. */
  clock: Pick<Clock, "now">;
  maxAgeMs: number;
}

/** See the file header. */
export class SharedListing<T extends Identified> {
  private taken?: { startedAt: number; items: Promise<Map<string, T>> };
  private readonly created = new Map<string, T>();
  private readonly deleted = new Set<string>();

  constructor(private readonly options: SharedListingOptions<T>) {}

  /**
   * Every item: the shared listing (fetched now if there is none, or it is too old), plus what
   * this host created, minus what it deleted. A failed fetch is not kept: the next caller fetches again.
   */
  async items(): Promise<T[]> {
    const listed = await this.listing();
    const merged = new Map(listed);
    for (const [id, item] of this.created) merged.set(id, item);
    for (const id of this.deleted) merged.delete(id);
    return [...merged.values()];
  }

  /** The item with this id in {@link items}, or undefined (which does NOT prove it is gone). */
  async find(id: string): Promise<T | undefined> {
    const listed = await this.listing();
    if (this.deleted.has(id)) return undefined;
    return this.created.get(id) ?? listed.get(id);
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

  private listing(): Promise<Map<string, T>> {
    const now = this.options.clock.now();
    if (this.taken && now - this.taken.startedAt <= this.options.maxAgeMs) return this.taken.items;
    const items = this.options.fetch().then((list) => new Map(list.map((item) => [item.id, item])));
    const taken = { startedAt: now, items };
    this.taken = taken;
    items.catch(() => {
      if (this.taken === taken) this.taken = undefined;
    });
    return items;
  }
}
