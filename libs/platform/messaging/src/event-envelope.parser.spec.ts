import { z } from 'zod';
import { uuid } from '@shop/contracts';
import { parseEnvelope, parsePayload } from './event-envelope.parser';

const valid = {
  eventId: '0b7f7d7e-4c8e-4f0e-9a36-0f1f1b7c8a11',
  type: 'OrderPlaced',
  version: 1,
  occurredAt: '2026-11-25T10:00:00.000Z',
  producer: 'orders',
  correlationId: 'c-1',
  payload: { orderId: 'x' },
};

const Payload = z.object({
  items: z.array(z.object({ productId: uuid, quantity: z.number().int().min(1) })),
});

describe('parseEnvelope', () => {
  it('accepts a well-formed envelope', () => {
    expect(parseEnvelope(Buffer.from(JSON.stringify(valid)))).toEqual({ ok: true, value: valid });
  });

  it.each([
    ['not JSON', 'value is not JSON'],
    [JSON.stringify({ ...valid, eventId: 'nope' }), 'eventId must be a UUID'],
    [JSON.stringify({ ...valid, version: 0 }), 'version must be a positive integer'],
    [JSON.stringify({ ...valid, payload: [1] }), 'payload must be an object'],
    [JSON.stringify(42), 'eventId must be a UUID'],
  ])('rejects %s', (value, error) => {
    const parsed = parseEnvelope(value);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(error);
  });

  it('rejects an empty message', () => {
    expect(parseEnvelope(null)).toEqual({ ok: false, error: 'empty message' });
  });
});

describe('parsePayload', () => {
  it('returns the typed payload without unknown fields, and names nested problems', () => {
    const good = parsePayload(Payload, {
      items: [{ productId: valid.eventId, quantity: 2, colour: 'red' }],
    });
    expect(good).toEqual({
      ok: true,
      value: { items: [{ productId: valid.eventId, quantity: 2 }] },
    });
    const bad = parsePayload(Payload, { items: [{ productId: 'x', quantity: 0 }] });
    expect(!bad.ok && bad.error).toMatch(/items\.0\.productId.*items\.0\.quantity/);
  });
});
