import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SERVICE_NAMES } from '../services';
import { buildAsyncApi, payloadJsonSchema, type AsyncApiDocument } from './asyncapi';
import { breakingChanges, breakingSincePublished } from './compatibility';
import { defineEvent, qualifiedEventName } from './event-contract';
import { EVENT_CONTRACTS, findEventContract } from './event-catalog';
import { StockReservedV1 } from './inventory.events';
import {
  MAX_ORDER_PRODUCT_QUANTITY,
  MAX_ORDER_TOTAL_CENTS,
  MAX_UNIT_PRICE_CENTS,
} from './order-values';
import { OrderCancelledV1, OrderPaymentRequestedV1, OrderPlacedV1 } from './orders.events';
import { PaymentAuthorizedV1 } from './payments.events';
import { Topics } from './topics';

const ROOT = join(__dirname, '../../../..');
const published = JSON.parse(
  readFileSync(join(ROOT, 'docs/events/asyncapi.json'), 'utf8'),
) as AsyncApiDocument;
const version = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

const id = () => crypto.randomUUID();
const accepts = (schema: z.ZodType, payload: unknown) => schema.safeParse(payload).success;

describe('event contracts (libs/contracts)', () => {
  it('name one known producer, known consumers other than it, and its own topic', () => {
    const names = new Set<string>(SERVICE_NAMES);
    for (const c of EVENT_CONTRACTS) {
      const name = qualifiedEventName(c);
      expect({ name, producer: names.has(c.producer) }).toEqual({ name, producer: true });
      expect({
        name,
        consumers: c.consumers.filter((s) => !names.has(s) || s === c.producer),
      }).toEqual({ name, consumers: [] });
      expect(Object.values(Topics)).toContain(c.topic);
      // a topic belongs to the service that writes it: `<producer>.<aggregate>.v<n>`
      expect({ name, topic: c.topic.split('.')[0] }).toEqual({ name, topic: c.producer });
      expect(c.type).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(findEventContract(c.type, c.version)).toBe(c);
    }
    const names2 = EVENT_CONTRACTS.map(qualifiedEventName);
    expect(new Set(names2).size).toBe(names2.length);
    expect(findEventContract('OrderPlaced', 2)).toBeUndefined();
  });

  it('are published as they are: docs/events/asyncapi.json is current (npm run events:docs)', () => {
    expect(published).toEqual(buildAsyncApi(EVENT_CONTRACTS, version));
  });

  it('never change a published version incompatibly', () => {
    expect(breakingSincePublished(published, buildAsyncApi(EVENT_CONTRACTS, version))).toEqual([]);
  });

  describe('the compatibility check itself', () => {
    const cancelled = payloadJsonSchema(OrderCancelledV1);
    const changed = (payload: z.ZodType) =>
      payloadJsonSchema(defineEvent({ ...OrderCancelledV1, payload }));
    const base = OrderCancelledV1.payload as z.ZodObject;

    it('lets a new optional field through, and nothing else', () => {
      expect(
        breakingChanges(cancelled, changed(base.extend({ note: z.string().optional() }))),
      ).toEqual([]);
      expect(breakingChanges(cancelled, cancelled)).toEqual([]);
    });

    it.each([
      [
        'a new cancel reason',
        base.extend({
          reason: z.enum([
            'OUT_OF_STOCK',
            'PAYMENT_DECLINED',
            'UNKNOWN_PRODUCT',
            'TIMEOUT',
            'BORED',
          ]),
        }),
        /reason: enum/,
      ],
      ['a removed field', base.omit({ userId: true }), /payload\.userId: removed/],
      [
        'a new required field',
        base.extend({ note: z.string() }),
        /payload\.note: new and required/,
      ],
      ['a field no longer required', base.extend({ userId: z.string().optional() }), /userId/],
      ['a changed type', base.extend({ userId: z.number() }), /payload\.userId: type/],
    ])('catches %s', (_name, schema, problem) => {
      const problems = breakingChanges(cancelled, changed(schema));
      expect(problems.join('\n')).toMatch(problem);
    });

    it('catches a tightened bound deep inside an array, and a version that disappeared', () => {
      const placed = payloadJsonSchema(OrderPlacedV1);
      const items = z.array(
        z.object({ productId: z.string(), quantity: z.number().int().min(1).max(10) }),
      );
      const tighter = payloadJsonSchema(
        defineEvent({
          ...OrderPlacedV1,
          payload: (OrderPlacedV1.payload as z.ZodObject).extend({ items }),
        }),
      );
      expect(breakingChanges(placed, tighter).join('\n')).toMatch(
        /payload\.items\[\]\.quantity: maximum 100 -> 10/,
      );
      const without = buildAsyncApi(
        EVENT_CONTRACTS.filter((c) => c !== OrderPlacedV1),
        version,
      );
      expect(breakingSincePublished(published, without)).toEqual([
        'OrderPlaced.v1: published, and gone',
      ]);
    });
  });

  describe('payload schemas (what producers must write and consumers accept)', () => {
    const placed = (lines: number, quantity: number) => ({
      orderId: id(),
      userId: id(),
      items: Array.from({ length: lines }, () => ({ productId: id(), quantity })),
    });
    const reserved = (unitPriceCents: number, quantity = 22) => ({
      orderId: id(),
      lines: [{ productId: id(), quantity, unitPriceCents }],
    });
    const requested = (amountCents: number) => ({
      orderId: id(),
      userId: id(),
      amountCents,
      currency: 'USD',
      card: { cardLast4: '4242', expMonth: 12, expYear: 2099 },
    });
    const authorized = (amountCents: number) => ({ orderId: id(), paymentId: id(), amountCents });

    it('OrderPlaced: the largest order the contract allows and nothing larger', () => {
      expect(accepts(OrderPlacedV1.payload, placed(50, 100))).toBe(true);
      expect(accepts(OrderPlacedV1.payload, placed(51, 1))).toBe(false);
      expect(accepts(OrderPlacedV1.payload, placed(1, 101))).toBe(false);
      expect(accepts(OrderPlacedV1.payload, placed(0, 1))).toBe(false);
      expect(accepts(OrderPlacedV1.payload, { ...placed(1, 1), orderId: 'nope' })).toBe(false);
    });

    it('OrderCancelled: every cancel reason, TIMEOUT included, and no other', () => {
      for (const reason of ['OUT_OF_STOCK', 'PAYMENT_DECLINED', 'UNKNOWN_PRODUCT', 'TIMEOUT'])
        expect(accepts(OrderCancelledV1.payload, { orderId: id(), userId: id(), reason })).toBe(
          true,
        );
      expect(
        accepts(OrderCancelledV1.payload, { orderId: id(), userId: id(), reason: 'BORED' }),
      ).toBe(false);
    });

    it('StockReserved: the highest price, and every line of an order for one product', () => {
      expect(accepts(StockReservedV1.payload, reserved(MAX_UNIT_PRICE_CENTS))).toBe(true);
      expect(
        accepts(
          StockReservedV1.payload,
          reserved(MAX_UNIT_PRICE_CENTS, MAX_ORDER_PRODUCT_QUANTITY),
        ),
      ).toBe(true);
      expect(accepts(StockReservedV1.payload, reserved(MAX_UNIT_PRICE_CENTS + 1))).toBe(false);
      expect(accepts(StockReservedV1.payload, reserved(10.5))).toBe(false);
      expect(accepts(StockReservedV1.payload, reserved(1, MAX_ORDER_PRODUCT_QUANTITY + 1))).toBe(
        false,
      );
    });

    it('money: the largest total exactly (past 32 bits), nothing above it, no fractions', () => {
      const parsed = OrderPaymentRequestedV1.payload.safeParse(requested(MAX_ORDER_TOTAL_CENTS));
      expect(parsed.success && parsed.data.amountCents).toBe(500_000_000_000);
      expect(accepts(OrderPaymentRequestedV1.payload, requested(2_200_000_000))).toBe(true);
      for (const bad of [MAX_ORDER_TOTAL_CENTS + 1, 12.5, -1, 2 ** 53 + 2]) {
        expect(accepts(OrderPaymentRequestedV1.payload, requested(bad))).toBe(false);
        expect(accepts(PaymentAuthorizedV1.payload, authorized(bad))).toBe(false);
      }
    });

    it('drop fields they do not know (a consumer reads a newer minor change), and never the card number', () => {
      const parsed = OrderPaymentRequestedV1.payload.safeParse({
        ...requested(100),
        card: { cardLast4: '4242', expMonth: 1, expYear: 2030, cardNumber: '4242424242424242' },
      });
      expect(parsed.success).toBe(true);
      expect(JSON.stringify(parsed.success && parsed.data)).not.toContain('4242424242424242');
    });
  });
});
