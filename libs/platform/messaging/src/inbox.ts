import type { EntityManager } from 'typeorm';
import { qualifiedEventName, type EventEnvelope } from '@shop/contracts';
import { sql } from '@shop/platform/persistence';

/**
 * Records that `consumer` applies this event, in the transaction that applies it. False when it
 * was applied before: a redelivered event then changes nothing.
 */
export async function recordInInbox(
  tx: EntityManager,
  consumer: string,
  envelope: Pick<EventEnvelope, 'eventId' | 'type' | 'version'>,
): Promise<boolean> {
  const fresh = await sql(
    tx,
    `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, envelope.eventId, qualifiedEventName(envelope)],
  );
  return fresh.length > 0;
}
