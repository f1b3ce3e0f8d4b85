import { useCallback, useEffect, useState } from 'react';
import type { OrderView } from '@shop/contracts';
import { ApiError, describeError } from '../api/errors';
import { followOrder, getOrder, getProduct, listOrders, listPayments } from '../api/shop';
import { cancelReasonText, formatPrice, STATUS_TEXT } from '../format';
import { orderProgress, type PaymentKnowledge } from '../order-progress';
import { Link } from '../router';
import { useSession, type Session } from '../session';
import { ErrorNotice, Loading, Notice, useAsync, useInterval } from '../ui';
import { SignInFirst } from './cart';

export function OrdersPage() {
  const session = useSession();
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">My orders</h1>
      {session ? (
        <OrderList session={session} />
      ) : (
        <SignInFirst what="your orders" next="/orders" />
      )}
    </section>
  );
}

function OrderList({ session }: { session: Session }) {
  const orders = useAsync((signal) => listOrders(session.token, signal), [session.token]);
  useInterval(orders.reload, 5_000);
  if (orders.state === 'loading' && !orders.data) return <Loading what="your orders" />;
  return (
    <>
      {orders.state === 'error' && <ErrorNotice error={orders.error} onRetry={orders.reload} />}
      {orders.data && orders.data.items.length === 0 && (
        <p>
          No orders yet. <Link href="/">Browse the catalog</Link>.
        </p>
      )}
      {orders.data && orders.data.items.length > 0 && (
        <table className="orders">
          <caption className="visually-hidden">Your orders, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Placed</th>
              <th scope="col">Order</th>
              <th scope="col">Items</th>
              <th scope="col">Total</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {orders.data.items.map((o) => (
              <tr key={o.id}>
                <td>{new Date(o.createdAt).toLocaleString()}</td>
                <td>
                  <Link href={`/orders/${o.id}`}>{o.id.slice(0, 8)}</Link>
                </td>
                <td>{o.items.reduce((n, i) => n + i.quantity, 0)}</td>
                <td>{formatPrice(o.totalCents, o.currency)}</td>
                <td>
                  <span className={`status status-${o.status.toLowerCase()}`}>
                    {STATUS_TEXT[o.status]}
                  </span>
                  {o.status === 'CANCELLED' && (
                    <span className="reason"> {cancelReasonText(o.cancelReason)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function OrderPage({ id }: { id: string }) {
  const session = useSession();
  return (
    <section aria-labelledby="order-title">
      <p>
        <Link href="/orders">← My orders</Link>
      </p>
      <h1 id="order-title">Order {id.slice(0, 8)}</h1>
      {session ? (
        <LiveOrder session={session} id={id} />
      ) : (
        <SignInFirst what="this order" next={`/orders/${id}`} />
      )}
    </section>
  );
}

const names = new Map<string, string>();

/**
 * An order followed live: its status events over SSE (reconnecting if the stream drops), plus a
 * read of the order and its payment every few seconds while it is pending, for the steps the
 * status events do not announce (stock reserved, payment) and to notice payments being down.
 */
function LiveOrder({ session, id }: { session: Session; id: string }) {
  const [order, setOrder] = useState<OrderView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [streamError, setStreamError] = useState<unknown>(null);
  const [payment, setPayment] = useState<PaymentKnowledge>('unknown');
  const [, setNamesVersion] = useState(0);
  const pending = order === null || order.status === 'PENDING';

  // The status stream, reconnected after a drop until the order is final.
  useEffect(() => {
    const controller = new AbortController();
    let final = false;
    void (async () => {
      while (!controller.signal.aborted && !final) {
        try {
          await followOrder(
            session.token,
            id,
            (next) => {
              setOrder(next);
              setLoadError(null);
              setStreamError(null);
              if (next.status !== 'PENDING') final = true;
            },
            controller.signal,
          );
        } catch (error) {
          if (controller.signal.aborted) return;
          setStreamError(error);
          if (error instanceof ApiError && (error.status === 404 || error.status === 401)) {
            setLoadError(error);
            return;
          }
        }
        if (!final && !controller.signal.aborted) await new Promise((r) => setTimeout(r, 2_000));
      }
    })();
    return () => controller.abort();
  }, [session.token, id]);

  // Reads while pending: the order (priced once stock is reserved) and its payment.
  const poll = useCallback(() => {
    if (!pending) return;
    getOrder(session.token, id).then(
      (o) => {
        setOrder((current) => (current && current.status !== 'PENDING' ? current : o));
        setLoadError(null);
      },
      (error: unknown) => setLoadError(error),
    );
    listPayments(session.token, id).then(
      ({ items }) => setPayment(items.length === 0 ? 'none-yet' : items[items.length - 1].status),
      (error: unknown) =>
        setPayment(
          error instanceof ApiError && error.unavailable ? 'service-unavailable' : 'unknown',
        ),
    );
  }, [pending, session.token, id]);
  useEffect(poll, [poll]);
  useInterval(poll, 3_000);

  // Product names, when the catalog answers (the order holds ids only).
  useEffect(() => {
    if (!order) return;
    for (const item of order.items)
      if (!names.has(item.productId))
        getProduct(item.productId).then(
          (p) => {
            names.set(p.id, p.name);
            setNamesVersion((v) => v + 1);
          },
          () => undefined,
        );
  }, [order]);

  if (!order) {
    if (loadError) return <ErrorNotice error={loadError} />;
    return <Loading what="your order" />;
  }
  const progress = orderProgress(order, payment);
  return (
    <>
      <ol className="progress" aria-label="Order progress">
        {progress.steps.map((step) => (
          <li
            key={step.label}
            className={`step step-${step.state}`}
            aria-current={step.state === 'current' ? 'step' : undefined}
          >
            <span className="step-mark" aria-hidden="true">
              {step.state === 'done'
                ? '✓'
                : step.state === 'failed'
                  ? '✕'
                  : step.state === 'current'
                    ? '…'
                    : '○'}
            </span>
            {step.label}
            <span className="visually-hidden">
              : {step.state === 'todo' ? 'not yet' : step.state}
            </span>
          </li>
        ))}
      </ol>
      <p className="order-status" role="status" aria-live="polite" data-status={order.status}>
        <span className={`status status-${order.status.toLowerCase()}`}>
          {STATUS_TEXT[order.status]}
        </span>{' '}
        {progress.summary}
      </p>
      {order.status === 'PENDING' && progress.waitingFor && (
        <Notice kind="warning">{progress.waitingFor}</Notice>
      )}
      {order.status === 'PENDING' && streamError !== null && (
        <Notice kind="info">
          Live updates interrupted ({describeError(streamError)}); reconnecting…
        </Notice>
      )}
      {order.status === 'CANCELLED' && (
        <p>
          Your cart is as it was: <Link href="/cart">try again from the cart</Link>.
        </p>
      )}
      <table className="cart">
        <caption className="visually-hidden">Items in this order</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit price</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.productId}>
              <td>
                <Link href={`/products/${item.productId}`}>
                  {names.get(item.productId) ?? `Product ${item.productId.slice(0, 8)}`}
                </Link>
              </td>
              <td>{item.quantity}</td>
              <td>{formatPrice(item.unitPriceCents, order.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="total">
              {order.totalCents === null
                ? 'priced once stock is reserved'
                : formatPrice(order.totalCents, order.currency)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="meta">Placed {new Date(order.createdAt).toLocaleString()}</p>
    </>
  );
}
