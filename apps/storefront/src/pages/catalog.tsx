import { useEffect, useState, type FormEvent } from 'react';
import { PRODUCT_PAGE_LIMIT_MAX } from '@shop/contracts';
import { listProducts } from '../api/shop';
import { formatPrice, paging, stockText } from '../format';
import { Link, navigate, useLocation } from '../router';
import { ErrorNotice, Loading, useAsync } from '../ui';

const PAGE_SIZE = 12;

function catalogHref(q: string, category: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (category) params.set('category', category);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/?${search}` : '/';
}

/** The catalog grid: search (`q`), category filter and paging, all kept in the address. */
export function CatalogPage() {
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const category = search.get('category') ?? '';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]); // back and forward bring their search back

  // The API has no category list: read them from the first page of every product, once.
  const categories = useAsync(async (signal) => {
    const all = await listProducts({ limit: PRODUCT_PAGE_LIMIT_MAX }, signal);
    return [...new Set(all.items.map((p) => p.category))].sort();
  }, []);
  const products = useAsync(
    (signal) =>
      listProducts({ q, category, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [q, category, page],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(catalogHref(text.trim(), category, 1));
  };
  const pages = products.data
    ? paging(products.data.total, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    : null;

  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Catalog</h1>
      <form className="toolbar" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="search">Search products</label>
          <input
            id="search"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. mug"
          />
        </div>
        <div className="field">
          <label htmlFor="category">Category</label>
          <select
            id="category"
            value={category}
            onChange={(e) => navigate(catalogHref(q, e.target.value, 1))}
          >
            <option value="">All categories</option>
            {(categories.data ?? (category ? [category] : [])).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>

      {products.state === 'error' && (
        <ErrorNotice error={products.error} onRetry={products.reload} />
      )}
      {products.state === 'error' && (
        <p>
          Your <Link href="/cart">cart</Link> and <Link href="/orders">orders</Link> still work.
        </p>
      )}
      {products.state === 'loading' && !products.data && <Loading what="products" />}
      {products.data && (
        <>
          <p className="result-count" aria-live="polite">
            {products.data.total === 0
              ? 'No products match.'
              : `${products.data.total} product${products.data.total === 1 ? '' : 's'}${q ? ` matching “${q}”` : ''}${category ? ` in ${category}` : ''}`}
          </p>
          <ul className="grid" aria-busy={products.state === 'loading'}>
            {products.data.items.map((p) => (
              <li key={p.id} className="card">
                <h2>
                  <Link href={`/products/${p.id}`}>{p.name}</Link>
                </h2>
                <p className="category">{p.category}</p>
                <p className="price">{formatPrice(p.priceCents, p.currency)}</p>
                <p className={p.stock > 0 ? 'stock' : 'stock out'}>{stockText(p.stock)}</p>
              </li>
            ))}
          </ul>
          {pages && pages.pages > 1 && (
            <nav className="pager" aria-label="Pages">
              {pages.hasPrevious ? (
                <Link href={catalogHref(q, category, page - 1)} rel="prev">
                  ← Previous
                </Link>
              ) : (
                <span aria-hidden="true" />
              )}
              <span>
                Page {pages.page} of {pages.pages}
              </span>
              {pages.hasNext ? (
                <Link href={catalogHref(q, category, page + 1)} rel="next">
                  Next →
                </Link>
              ) : (
                <span aria-hidden="true" />
              )}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
