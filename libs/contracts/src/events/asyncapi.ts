import { z } from 'zod';
import { qualifiedEventName, type EventContract } from './event-contract';
import { Topics } from './topics';

/** A JSON Schema (draft 7, the AsyncAPI Schema's base), as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** The JSON Schema of a contract's payload, as a consumer reads it (unknown fields allowed). */
export function payloadJsonSchema(contract: EventContract): JsonSchema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(contract.payload, {
    io: 'input',
    target: 'draft-7',
  }) as Record<string, unknown>;
  return schema;
}

/** `OrderPlacedV1`: a contract's id in the AsyncAPI document (ids allow no dots). */
export const messageId = (contract: EventContract): string =>
  `${contract.type}V${contract.version}`;

const channelId = (topic: string): string => {
  const entry = Object.entries(Topics).find(([, name]) => name === topic);
  if (!entry) throw new Error(`${topic} is not one of Topics`);
  return entry[0];
};

/** The envelope every event travels in (event-envelope.ts), around the contract's payload. */
function envelopeSchema(contract: EventContract): JsonSchema {
  return {
    type: 'object',
    required: ['eventId', 'type', 'version', 'occurredAt', 'producer', 'correlationId', 'payload'],
    properties: {
      eventId: { type: 'string', format: 'uuid', description: 'Unique; the inbox key' },
      type: { const: contract.type },
      version: { const: contract.version },
      occurredAt: { type: 'string', format: 'date-time' },
      producer: { const: contract.producer },
      correlationId: { type: 'string', description: 'The business flow (the order id)' },
      payload: payloadJsonSchema(contract),
    },
  };
}

/**
 * The AsyncAPI 3.0 document of the system's events (docs/events/asyncapi.json): one channel per
 * topic, one message per event type and version, one send operation for its producer and one
 * receive operation per consumer. Generated from the contracts, never written by hand.
 */
export function buildAsyncApi(contracts: readonly EventContract[], version: string) {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const contract of contracts) {
    const id = messageId(contract);
    const channel = channelId(contract.topic);
    const existing = channels[channel] as { messages: Record<string, unknown> } | undefined;
    channels[channel] = {
      address: contract.topic,
      description:
        'Kafka topic, keyed by the aggregate id (the order, the user): one aggregate keeps its order.',
      messages: { ...existing?.messages, [id]: { $ref: `#/components/messages/${id}` } },
    };
    messages[id] = {
      name: contract.type,
      title: qualifiedEventName(contract),
      summary: contract.summary,
      contentType: 'application/json',
      payload: envelopeSchema(contract),
      'x-producer': contract.producer,
      'x-consumers': [...contract.consumers],
    };
    const ref = { $ref: `#/channels/${channel}/messages/${id}` };
    operations[`${contract.producer}Sends${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channel}` },
      messages: [ref],
      summary: `${contract.producer} writes it to its outbox; the relay publishes it.`,
    };
    for (const consumer of contract.consumers) {
      operations[`${consumer}Receives${id}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${channel}` },
        messages: [ref],
        summary: `${consumer} (consumer group ${consumer}) applies it once, with its inbox.`,
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Shop events',
      version,
      description:
        'Integration events between the services (Kafka). Generated from libs/contracts by ' +
        '`npm run events:docs`; a published version never changes incompatibly.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}

export type AsyncApiDocument = ReturnType<typeof buildAsyncApi>;
