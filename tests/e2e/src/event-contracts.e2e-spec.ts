// Issue 14: the events the running system really writes to Kafka match their contracts
// (libs/contracts): each one's topic, producer, and payload as its consumers' schema reads it.
// Captured from the topics after checkouts that cross every saga path this file can drive.
import {
  EVENT_CONTRACTS,
  findEventContract,
  qualifiedEventName,
  Topics,
  type EventEnvelope,
} from '@shop/contracts';
import { composeExec } from './support/compose';
import { CARDS, finalOrder, newProduct, placeOrder } from './support/shop';
import { newShopper } from './support/users';

/** Every message on a topic so far, read by the broker's own console consumer. */
async function messagesOf(topic: string): Promise<string[]> {
  const out = await composeExec('kafka', [
    '/opt/kafka/bin/kafka-console-consumer.sh',
    '--bootstrap-server',
    'localhost:9092',
    '--topic',
    topic,
    '--from-beginning',
    '--timeout-ms',
    '8000',
  ]);
  return out.split('\n').filter((line) => line.startsWith('{'));
}

describe('events on the wire match their contracts', () => {
  it('every event of a confirmed, a declined and an out-of-stock checkout, and of a signup', async () => {
    const shopper = await newShopper();
    const product = await newProduct(1);
    const confirmed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
    const declined = await placeOrder(
      shopper.token,
      [{ productId: (await newProduct(5)).id, quantity: 2 }],
      CARDS.declined,
    );
    const short = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
    expect((await finalOrder(shopper.token, confirmed.body.id)).status).toBe('CONFIRMED');
    expect((await finalOrder(shopper.token, declined.body.id)).cancelReason).toBe(
      'PAYMENT_DECLINED',
    );
    expect((await finalOrder(shopper.token, short.body.id)).cancelReason).toBe('OUT_OF_STOCK');

    const seen = new Set<string>();
    const problems: string[] = [];
    for (const topic of Object.values(Topics)) {
      const lines = await messagesOf(topic);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const envelope = JSON.parse(line) as EventEnvelope;
        const name = qualifiedEventName(envelope);
        const contract = findEventContract(envelope.type, envelope.version);
        if (!contract) {
          problems.push(`${topic}: ${name} has no contract`);
          continue;
        }
        seen.add(name);
        if (contract.topic !== topic) problems.push(`${name} on ${topic}, not ${contract.topic}`);
        if (envelope.producer !== contract.producer)
          problems.push(`${name} produced by ${envelope.producer}, not ${contract.producer}`);
        const parsed = contract.payload.safeParse(envelope.payload);
        if (!parsed.success) problems.push(`${name} ${envelope.eventId}: ${parsed.error.message}`);
      }
    }
    expect(problems).toEqual([]);
    // Every event these flows produce was seen (a refund needs an authorization that arrives
    // after its order was cancelled: the chaos suite drives that one).
    const expected = EVENT_CONTRACTS.map(qualifiedEventName).filter(
      (name) => name !== 'PaymentRefunded.v1',
    );
    expect([...seen].filter((name) => expected.includes(name)).sort()).toEqual(expected.sort());
  });
});
