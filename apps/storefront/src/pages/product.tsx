import { useState } from 'react';
import { CART_MAX_QUANTITY } from '@shop/contracts';
import { describeError } from '../api/errors';
import { getProduct, setCartQuantity } from '../api/shop';
import { formatPrice, stockText } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import { ErrorNotice, Loading, Notice, useAsync, useInterval } from '../ui';

/** One product with its stock, re-read every 5 s while the page is open. */
export function ProductPage({ id }: { id: string }) {
  const session = useSession();
  const product = useAsync((signal) => getProduct(id, signal), [id]);
  const [quantity, setQuantity] = useState(1);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { reload } = product;

  // Live stock: a quiet re-read every few seconds.
  useInterval(reload, 5_000);

  const add = async () => {
    if (!session) return;
    setBusy(true);
    setMessage(null);
    try {
      await setCartQuantity(session.token, id, quantity);
      setMessage({ kind: 'success', text: `In your cart: ${quantity}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  if (product.state === 'loading' && !product.data) return <Loading what="the product" />;
  if (!product.data)
    return (
      <section>
        <h1>Product</h1>
        {product.state === 'error' && <ErrorNotice error={product.error} onRetry={reload} />}
        <p>
          <Link href="/">Back to the catalog</Link>
        </p>
      </section>
    );
  const p = product.data;
  return (
    <section aria-labelledby="product-title" className="product">
      <p>
        <Link href="/">← Catalog</Link>
      </p>
      <h1 id="product-title">{p.name}</h1>
      <p className="category">
        {p.category} · SKU {p.sku}
      </p>
      <p>{p.description}</p>
      <p className="price">{formatPrice(p.priceCents, p.currency)}</p>
      <p className={p.stock > 0 ? 'stock' : 'stock out'} aria-live="polite">
        {stockText(p.stock)}
      </p>
      {product.state === 'error' && (
        <Notice kind="warning">Stock may be out of date: {describeError(product.error)}</Notice>
      )}
      {session ? (
        <div className="toolbar">
          <div className="field">
            <label htmlFor="quantity">Quantity</label>
            <input
              id="quantity"
              type="number"
              min={1}
              max={Math.min(CART_MAX_QUANTITY, Math.max(1, p.stock))}
              value={quantity}
              onChange={(e) =>
                setQuantity(Math.max(1, Math.min(CART_MAX_QUANTITY, Number(e.target.value) || 1)))
              }
            />
          </div>
          <button type="button" onClick={add} disabled={busy || p.stock <= 0}>
            {busy ? 'Adding…' : 'Add to cart'}
          </button>
        </div>
      ) : (
        <p>
          <Link href="/login">Log in</Link> or <Link href="/signup">sign up</Link> to buy.
        </p>
      )}
      {message && (
        <Notice kind={message.kind}>
          {message.text}
          {message.kind === 'success' && (
            <>
              {' '}
              <Link href="/cart">Go to the cart</Link>
            </>
          )}
        </Notice>
      )}
    </section>
  );
}
