import { randomUUID } from 'node:crypto';
import type { OrderView } from '@shop/contracts';
// The e2e suite's client helpers, pointed at the cluster's gateway (E2E_GATEWAY_URL).

import { getJson } from '../../../../tests/e2e/src/support/gateway';

import { CARDS, placeOrder } from '../../../../tests/e2e/src/support/shop';

export interface Failure {
  readonly at: number;
  readonly what: string;
  readonly outcome: string;
}

export interface PlacedOrder {
  readonly key: string;
  readonly token: string;
  /** Set once a POST answered 202 (the first one; a retry with the same key must agree). */
  id?: string;
  attempts: number;
}

/** Orders per shopper at most (the orders list shows the newest 100). */
const MAX_ORDERS_PER_SHOPPER = 90;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A steady stream of catalog reads and orders through the gateway while something happens to the
 * cluster. Every failed request is recorded (status >= 400 or no answer). An order whose POST
 * failed is retried with the same Idempotency-Key (what a client does) until it is accepted:
 * the key is what makes "exactly once" checkable afterwards.
 */
export class SteadyLoad {
  readonly readFailures: Failure[] = [];
  readonly orderFailures: Failure[] = [];
  readonly orders: PlacedOrder[] = [];
  readonly servedBy = new Map<string, number>();
  reads = 0;
  private running = true;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly productId: string,
    private readonly tokens: readonly string[],
    private readonly options: { readers?: number; orderEveryMs?: number } = {},
  ) {}

  start(): this {
    for (let i = 0; i < (this.options.readers ?? 2); i++) this.loops.push(this.readLoop());
    for (const token of this.tokens) this.loops.push(this.orderLoop(token));
    return this;
  }

  /** Stops placing new orders; waits until every order placed so far has been accepted. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async readLoop(): Promise<void> {
    while (this.running) {
      const at = Date.now();
      try {
        const response = await getJson<unknown>(`/api/catalog/products/${this.productId}`);
        this.reads++;
        const by = response.headers.get('x-served-by') ?? '?';
        this.servedBy.set(by, (this.servedBy.get(by) ?? 0) + 1);
        if (response.status !== 200)
          this.readFailures.push({
            at,
            what: 'GET product',
            outcome: `${response.status} ${JSON.stringify(response.body)}`,
          });
      } catch (error) {
        this.readFailures.push({ at, what: 'GET product', outcome: String(error) });
      }
      await sleep(100);
    }
  }

  private async orderLoop(token: string): Promise<void> {
    let placed = 0;
    // GET /api/orders lists a shopper's newest 100: stay below, so every order can be checked
    while (this.running && placed++ < MAX_ORDERS_PER_SHOPPER) {
      const order: PlacedOrder = { key: randomUUID(), token, attempts: 0 };
      this.orders.push(order);
      // until accepted: a POST that failed is retried with the same key, even after stop()
      for (;;) {
        order.attempts++;
        const at = Date.now();
        try {
          const response = await placeOrder(
            token,
            [{ productId: this.productId, quantity: 1 }],
            CARDS.ok,
            order.key,
          );
          if (response.status === 202) {
            order.id ??= (response.body as OrderView).id;
            if (order.id !== (response.body as OrderView).id)
              this.orderFailures.push({
                at,
                what: `POST order ${order.key}`,
                outcome: 'a retry made another order',
              });
            break;
          }
          this.orderFailures.push({
            at,
            what: `POST order ${order.key}`,
            outcome: `${response.status} ${JSON.stringify(response.body)}`,
          });
        } catch (error) {
          this.orderFailures.push({ at, what: `POST order ${order.key}`, outcome: String(error) });
        }
        await sleep(500);
      }
      await sleep(this.options.orderEveryMs ?? 2_500);
    }
  }

  summary(): string {
    return (
      `${this.reads} reads (${this.readFailures.length} failed), ${this.orders.length} orders ` +
      `(${this.orderFailures.length} failed attempts), served by ${JSON.stringify(Object.fromEntries(this.servedBy))}`
    );
  }
}
