import type { z } from 'zod';
import type { TopicName } from './topics';

/**
 * One integration event, one version: where it travels, who writes it, who reads it, and the
 * schema of its payload (zod: the TypeScript type and the validator come from the same
 * declaration, and the JSON Schema in docs/events/asyncapi.json is generated from it).
 *
 * Executable, not documentation: the outbox refuses to write an event whose payload does not
 * match, or that this service is not the producer of (libs/platform/messaging, OutboxService);
 * a consumer registers a handler by contract, only if it is one of `consumers`, and dead-letters
 * a payload that does not match (INVALID_PAYLOAD). A published version never changes
 * incompatibly (events.contract.spec.ts): a breaking change is a new version.
 */
export interface EventContract<
  TType extends string = string,
  TSchema extends z.ZodType = z.ZodType,
> {
  readonly type: TType;
  readonly version: number;
  readonly topic: TopicName;
  /** The service that writes it (a name of SERVICE_NAMES for the system's own events). */
  readonly producer: string;
  /** The services (consumer groups) that handle it. */
  readonly consumers: readonly string[];
  /** One sentence: what happened, and what the consumers do about it. */
  readonly summary: string;
  readonly payload: TSchema;
}

/** The payload type of a contract, as the schema describes it. */
export type PayloadOf<C extends EventContract> = z.infer<C['payload']>;

export function defineEvent<TType extends string, TSchema extends z.ZodType>(
  contract: EventContract<TType, TSchema>,
): EventContract<TType, TSchema> {
  return Object.freeze({ ...contract, consumers: Object.freeze([...contract.consumers]) });
}

/** `OrderPlaced.v1`: the name of one event type and version, as the inbox and logs show it. */
export function qualifiedEventName(event: { type: string; version: number }): string {
  return `${event.type}.v${event.version}`;
}
