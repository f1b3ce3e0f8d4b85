/**
 * The envelope every integration event travels in (docs/architecture.md, "Messaging rules").
 * The Kafka message key is the aggregate id; the envelope is the message value (JSON).
 */
export interface EventEnvelope<TType extends string = string, TPayload = unknown> {
  /** Unique per event; consumers record it in their inbox to apply an event once. */
  readonly eventId: string;
  /** Past-tense name, e.g. `OrderPlaced`. */
  readonly type: TType;
  /** Schema version of the payload, e.g. 1 for `OrderPlaced.v1`. */
  readonly version: number;
  /** ISO-8601 timestamp of the state change that produced the event. */
  readonly occurredAt: string;
  /** Name of the service that produced it, e.g. `orders`. */
  readonly producer: string;
  /** Ties together every event of one business flow (e.g. one checkout). */
  readonly correlationId: string;
  readonly payload: TPayload;
}
