import type { ProductView } from '@shop/contracts';
import { ifNoneMatchHits, ProductReadCache, productEtag } from './product-read-cache';

const product: ProductView = {
  id: '903d64a3-b4be-50b8-9b54-92e3b883e606',
  sku: 'ELEC-001',
  name: 'Headphones',
  description: 'Quiet',
  category: 'electronics',
  priceCents: 19900,
  currency: 'USD',
  stock: 4,
};

/** A loader over a mutable row that counts its calls (what the database would be asked). */
function rowLoader(initial: ProductView | null = product) {
  const state = { row: initial, calls: 0 };
  const load = async (id: string) => {
    state.calls++;
    return state.row && state.row.id === id ? { ...state.row } : null;
  };
  return { state, load };
}

describe('ProductReadCache', () => {
  it('reads through while inactive (no change notices yet): every read asks the loader', async () => {
    const cache = new ProductReadCache();
    const { state, load } = rowLoader();
    await cache.read(product.id, load);
    await cache.read(product.id, load);
    expect(state.calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('serves a product from memory once active, until a notice names it', async () => {
    const cache = new ProductReadCache();
    cache.enable();
    const { state, load } = rowLoader();
    await cache.read(product.id, load);
    state.row = { ...product, stock: 1 };
    expect((await cache.read(product.id, load))?.product.stock).toBe(4);
    expect(state.calls).toBe(1);

    cache.invalidate(product.id);
    expect((await cache.read(product.id, load))?.product.stock).toBe(1);
    expect(state.calls).toBe(2);
  });

  it('does not keep a row loaded while a notice arrived (it may predate the change)', async () => {
    const cache = new ProductReadCache();
    cache.enable();
    const { state, load } = rowLoader();
    const racing = (id: string) =>
      load(id).then((row) => {
        cache.invalidate(id); // the change commits and is announced while the old row travels
        state.row = { ...product, stock: 0 };
        return row;
      });
    expect((await cache.read(product.id, racing))?.product.stock).toBe(4);
    expect((await cache.read(product.id, load))?.product.stock).toBe(0);
    expect(state.calls).toBe(2);
  });

  it('forgets everything when notices stop (disable) and starts empty when they resume', async () => {
    const cache = new ProductReadCache();
    cache.enable();
    const { state, load } = rowLoader();
    await cache.read(product.id, load);
    cache.disable();
    expect(cache.size).toBe(0);
    expect(cache.active).toBe(false);
    state.row = { ...product, stock: 2 };
    cache.enable();
    expect((await cache.read(product.id, load))?.product.stock).toBe(2);
    expect(state.calls).toBe(2);
  });

  it('does not cache an unknown product', async () => {
    const cache = new ProductReadCache();
    cache.enable();
    const { state, load } = rowLoader(null);
    expect(await cache.read(product.id, load)).toBeNull();
    expect(await cache.read(product.id, load)).toBeNull();
    expect(state.calls).toBe(2);
  });

  it('holds at most its bound, dropping the oldest entry first', async () => {
    const cache = new ProductReadCache(2);
    cache.enable();
    const ids = ['a', 'b', 'c'];
    const load = async (id: string) => ({ ...product, id });
    for (const id of ids) await cache.read(id, load);
    expect(cache.size).toBe(2);
    let asked = 0;
    const counting = async (id: string) => {
      asked++;
      return load(id);
    };
    await cache.read('c', counting);
    await cache.read('b', counting);
    expect(asked).toBe(0);
    await cache.read('a', counting);
    expect(asked).toBe(1);
  });
});

describe('productEtag', () => {
  it('is a quoted tag, equal for equal products and different when anything changes', () => {
    expect(productEtag(product)).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(productEtag({ ...product })).toBe(productEtag(product));
    expect(productEtag({ ...product, stock: 3 })).not.toBe(productEtag(product));
    expect(productEtag({ ...product, priceCents: 1 })).not.toBe(productEtag(product));
  });
});

describe('ifNoneMatchHits', () => {
  const tag = productEtag(product);
  it.each([
    [tag, true],
    [`W/${tag}`, true],
    [`"other", ${tag}`, true],
    ['*', true],
    ['"other"', false],
    ['', false],
    [undefined, false],
  ])('If-None-Match %p → %p', (header, hit) => {
    expect(ifNoneMatchHits(header, tag)).toBe(hit);
  });
});
