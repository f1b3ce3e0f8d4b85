import { randomUUID } from 'node:crypto';
import {
  MAX_ORDER_TOTAL_CENTS,
  MAX_UNIT_PRICE_CENTS,
  ORDER_MAX_LINES,
  ORDER_MAX_QUANTITY,
  type PaymentView,
  type ProductView,
} from '@shop/contracts';
import { getJson } from './support/gateway';
import { finalOrder, placeOrder, stockOf } from './support/shop';
import { ADMIN, auth, json, login, newShopper } from './support/users';

/** Products at the highest price catalog accepts, made by one admin login. */
async function priciestProducts(count: number, stock: number): Promise<ProductView[]> {
  const admin = await login(ADMIN.email, ADMIN.password);
  const products: ProductView[] = [];
  for (let i = 0; i < count; i++) {
    const body = {
      sku: `E2E-MAX-${randomUUID().slice(0, 12)}`,
      name: 'Very expensive test item',
      description: 'Priced at the highest price catalog accepts',
      category: 'tests',
      priceCents: MAX_UNIT_PRICE_CENTS,
      stock,
    };
    const created = await getJson<ProductView>('/api/catalog/products', json('POST', body, admin));
    if (created.status !== 201) throw new Error(`product creation answered ${created.status}`);
    products.push(created.body);
  }
  return products;
}

async function paymentsOf(token: string, orderId: string): Promise<PaymentView[]> {
  const { status, body } = await getJson<{ items: PaymentView[] }>(
    `/api/payments?orderId=${orderId}`,
    auth(token),
  );
  expect(status).toBe(200);
  return body.items;
}

describe('money is exact for every order the contract allows (composed system)', () => {
  it('22 units at the highest price: past a 32-bit total, confirmed with the exact amount', async () => {
    const [product] = await priciestProducts(1, 30);
    expect(product.priceCents).toBe(100_000_000);
    const shopper = await newShopper();
    const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 22 }]);
    expect(placed.status).toBe(202);

    const order = await finalOrder(shopper.token, placed.body.id);
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      cancelReason: null,
      totalCents: 2_200_000_000,
      currency: 'USD',
    });
    expect(order.items).toEqual([
      { productId: product.id, quantity: 22, unitPriceCents: MAX_UNIT_PRICE_CENTS },
    ]);
    expect(await paymentsOf(shopper.token, order.id)).toEqual([
      expect.objectContaining({ status: 'AUTHORIZED', amountCents: 2_200_000_000 }),
    ]);
    expect(await stockOf(product.id)).toBe(8);
  });

  it('50 lines x 100 units at the highest price: the largest order, confirmed to the cent', async () => {
    const products = await priciestProducts(ORDER_MAX_LINES, ORDER_MAX_QUANTITY);
    const shopper = await newShopper();
    const items = products.map((p) => ({ productId: p.id, quantity: ORDER_MAX_QUANTITY }));
    const placed = await placeOrder(shopper.token, items);
    expect(placed.status).toBe(202);

    const order = await finalOrder(shopper.token, placed.body.id);
    expect(order).toMatchObject({ status: 'CONFIRMED', cancelReason: null });
    expect(order.totalCents).toBe(500_000_000_000);
    expect(order.totalCents).toBe(MAX_ORDER_TOTAL_CENTS);
    expect(order.items).toHaveLength(ORDER_MAX_LINES);
    expect(order.items.every((i) => i.unitPriceCents === MAX_UNIT_PRICE_CENTS)).toBe(true);
    expect(await paymentsOf(shopper.token, order.id)).toEqual([
      expect.objectContaining({ status: 'AUTHORIZED', amountCents: 500_000_000_000 }),
    ]);
    expect(await stockOf(products[0].id)).toBe(0);
  });
});
