import { useRef, useState, type FormEvent } from 'react';
import { CART_MAX_QUANTITY, type CartView } from '@shop/contracts';
import { describeError } from '../api/errors';
import { checkout, getCart, newIdempotencyKey, removeFromCart, setCartQuantity } from '../api/shop';
import { cardDigits, formatPrice } from '../format';
import { Link, navigate } from '../router';
import { useSession, type Session } from '../session';
import { ErrorNotice, Field, Loading, Notice, useAsync } from '../ui';

export const TEST_CARDS = [
  { number: '4242424242424242', label: '4242 4242 4242 4242 (authorized)' },
  { number: '4000000000000002', label: '4000 0000 0000 0002 (declined)' },
  { number: '4000000000009995', label: '4000 0000 0000 9995 (insufficient funds)' },
];

export function SignInFirst({ what, next }: { what: string; next: string }) {
  return (
    <p>
      <Link href={`/login?next=${encodeURIComponent(next)}`}>Log in</Link> or{' '}
      <Link href="/signup">sign up</Link> to see {what}.
    </p>
  );
}

export function CartPage() {
  const session = useSession();
  return (
    <section aria-labelledby="cart-title">
      <h1 id="cart-title">Cart</h1>
      {session ? <Cart session={session} /> : <SignInFirst what="your cart" next="/cart" />}
    </section>
  );
}

function Cart({ session }: { session: Session }) {
  const cart = useAsync((signal) => getCart(session.token, signal), [session.token]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const change = async (productId: string, action: () => Promise<CartView>) => {
    setBusy(productId);
    setError(null);
    try {
      cart.set(await action());
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  if (cart.state === 'loading' && !cart.data) return <Loading what="your cart" />;
  if (!cart.data)
    return cart.state === 'error' ? <ErrorNotice error={cart.error} onRetry={cart.reload} /> : null;
  const { items, totalCents, currency } = cart.data;
  if (items.length === 0)
    return (
      <p>
        Your cart is empty. <Link href="/">Browse the catalog</Link>.
      </p>
    );
  return (
    <>
      {error && <Notice>{error}</Notice>}
      <table className="cart">
        <caption className="visually-hidden">Items in your cart</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Unit price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Subtotal</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.productId}>
              <td>
                <Link href={`/products/${item.productId}`}>{item.name}</Link>
              </td>
              <td>{formatPrice(item.unitPriceCents, currency)}</td>
              <td>
                <label className="visually-hidden" htmlFor={`qty-${item.productId}`}>
                  Quantity of {item.name}
                </label>
                <input
                  id={`qty-${item.productId}`}
                  className="qty"
                  type="number"
                  min={1}
                  max={CART_MAX_QUANTITY}
                  defaultValue={item.quantity}
                  disabled={busy === item.productId}
                  onBlur={(e) => {
                    const quantity = Number(e.target.value);
                    if (Number.isInteger(quantity) && quantity >= 1 && quantity !== item.quantity)
                      void change(item.productId, () =>
                        setCartQuantity(
                          session.token,
                          item.productId,
                          Math.min(quantity, CART_MAX_QUANTITY),
                        ),
                      );
                  }}
                  onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
                />
              </td>
              <td>{formatPrice(item.unitPriceCents * item.quantity, currency)}</td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy === item.productId}
                  onClick={() =>
                    void change(item.productId, () => removeFromCart(session.token, item.productId))
                  }
                >
                  Remove<span className="visually-hidden"> {item.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="total">{formatPrice(totalCents, currency)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
      <Checkout session={session} />
    </>
  );
}

function Checkout({ session }: { session: Session }) {
  const [card, setCard] = useState(TEST_CARDS[0].number);
  const [exp, setExp] = useState({ month: '12', year: String(new Date().getFullYear() + 2) });
  const [cvc, setCvc] = useState('123');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per attempt with these details: a retry after a lost answer places nothing twice.
  const key = useRef<{ body: string; key: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payment = {
      cardNumber: cardDigits(card),
      expMonth: Number(exp.month),
      expYear: Number(exp.year),
      cvc,
    };
    const body = JSON.stringify(payment);
    if (key.current?.body !== body) key.current = { body, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    try {
      const order = await checkout(session.token, payment, key.current.key);
      navigate(`/orders/${order.id}`);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <form className="checkout" onSubmit={submit} aria-labelledby="checkout-title">
      <h2 id="checkout-title">Check out</h2>
      <Field
        label="Card number"
        id="card"
        inputMode="numeric"
        autoComplete="cc-number"
        required
        list="test-cards"
        value={card}
        onChange={(e) => setCard(e.target.value)}
        hint="Test cards: 4242 4242 4242 4242 is authorized, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds."
      />
      <datalist id="test-cards">
        {TEST_CARDS.map((c) => (
          <option key={c.number} value={c.number}>
            {c.label}
          </option>
        ))}
      </datalist>
      <div className="row">
        <Field
          label="Expiry month"
          id="exp-month"
          inputMode="numeric"
          autoComplete="cc-exp-month"
          required
          pattern="\d{1,2}"
          value={exp.month}
          onChange={(e) => setExp({ ...exp, month: e.target.value })}
        />
        <Field
          label="Expiry year"
          id="exp-year"
          inputMode="numeric"
          autoComplete="cc-exp-year"
          required
          pattern="\d{4}"
          value={exp.year}
          onChange={(e) => setExp({ ...exp, year: e.target.value })}
        />
        <Field
          label="CVC"
          id="cvc"
          inputMode="numeric"
          autoComplete="cc-csc"
          required
          pattern="\d{3,4}"
          value={cvc}
          onChange={(e) => setCvc(e.target.value)}
        />
      </div>
      {error && <Notice>{error}</Notice>}
      <button type="submit" disabled={busy}>
        {busy ? 'Placing your order…' : 'Place order'}
      </button>
    </form>
  );
}
