import { createHash } from 'node:crypto';
import type { ProductView } from '@shop/contracts';

/** A product as served, with the entity tag of exactly that representation. */
export interface TaggedProduct {
  readonly product: ProductView;
  readonly etag: string;
}

/** A strong entity tag for a product's JSON: equal for equal representations only. */
export function productEtag(product: ProductView): string {
  const digest = createHash('sha1').update(JSON.stringify(product)).digest('base64url');
  return `"${digest.slice(0, 22)}"`;
}

/** Whether an `If-None-Match` header names this tag (RFC 9110 §13.1.2: weak comparison, `*`). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
}

/**
 * Products by id, in this replica's memory, kept fresh by the database's own change notices
 * (migration NotifyProductChanges: every committed change of a row names its id). It serves only
 * while those notices can arrive: `enable()` once the listener is connected, `disable()` (which
 * empties it) as soon as the connection is lost, since notices sent meanwhile are gone.
 *
 * A read that was already on its way to the database when a change was announced may carry the
 * old row: every notice (and `clear`) advances a generation, and a load only fills the cache when
 * no notice arrived while it ran. What a replica can serve stale is bounded by the time a notice
 * takes to arrive after the commit (about a millisecond on one host).
 */
export class ProductReadCache {
  private readonly entries = new Map<string, TaggedProduct>();
  private generation = 0;
  private enabled = false;

  constructor(private readonly maxEntries = 10_000) {}

  get active(): boolean {
    return this.enabled;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether the next read of this product will be served from memory. */
  holds(id: string): boolean {
    return this.enabled && this.entries.has(id);
  }

  /** The cached product, or the loader's (cached when nothing changed while it ran). */
  async read(
    id: string,
    load: (id: string) => Promise<ProductView | null>,
  ): Promise<TaggedProduct | null> {
    const cached = this.enabled ? this.entries.get(id) : undefined;
    if (cached) return cached;
    const generation = this.generation;
    const product = await load(id);
    if (!product) return null;
    const tagged = { product, etag: productEtag(product) };
    if (this.enabled && generation === this.generation) this.remember(id, tagged);
    return tagged;
  }

  /** A change of this product was committed (a notice, or this replica's own write). */
  invalidate(id: string): void {
    this.generation++;
    this.entries.delete(id);
  }

  /** Change notices are arriving: serve from memory, starting empty. */
  enable(): void {
    this.clear();
    this.enabled = true;
  }

  /** Change notices may be missed from now on: forget everything and read through. */
  disable(): void {
    this.enabled = false;
    this.clear();
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private remember(id: string, tagged: TaggedProduct): void {
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (a Map keeps insertion order): a bound, not an eviction policy to tune.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, tagged);
  }
}
