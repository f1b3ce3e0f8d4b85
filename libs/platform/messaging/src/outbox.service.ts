import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EVENT_CONTRACTS,
  qualifiedEventName,
  type EventContract,
  type EventEnvelope,
  type TopicName,
} from '@shop/contracts';
import { sql } from '@shop/platform/persistence';
import { KAFKA_OPTIONS, type KafkaOptions } from './kafka.options';
import { parsePayload } from './event-envelope.parser';
import { OutboxRelay } from './outbox.relay';

export interface OutgoingEvent<TPayload = unknown> {
  readonly topic: TopicName;
  /** Kafka key: the aggregate id, so one aggregate's events stay in order. */
  readonly key: string;
  readonly type: string;
  readonly version: number;
  readonly payload: TPayload;
  /** The business flow this event belongs to (e.g. the order id for the checkout saga). */
  readonly correlationId: string;
}

/**
 * Appends events to the outbox inside a state change's own transaction. Calls may overlap: they
 * run one at a time, in call order.
 */
export type Emit = (event: OutgoingEvent) => Promise<EventEnvelope>;

/**
 * Transactional outbox (docs/architecture.md): the state change and its events commit together or
 * not at all; the relay publishes them right after commit, and its poller recovers anything a
 * crash left behind.
 */
@Injectable()
export class OutboxService {
  private readonly contracts: ReadonlyMap<string, EventContract>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {
    this.contracts = new Map(
      (options.eventContracts ?? EVENT_CONTRACTS).map((c) => [qualifiedEventName(c), c]),
    );
  }

  /** Runs `work` in a transaction with an `emit` bound to it; publishes right after commit. */
  async transaction<T>(work: (tx: EntityManager, emit: Emit) => Promise<T>): Promise<T> {
    let emitted = 0;
    const result = await this.db.transaction(async (tx) => {
      // The transaction is one connection, whose queries must not overlap (pg deprecates a query
      // sent while another runs): emits made together (`Promise.all`) append one after the
      // other, in the order they were made.
      let previous: Promise<unknown> = Promise.resolve();
      return work(tx, (event) => {
        emitted++;
        const appended = previous.then(() => this.append(tx, event));
        previous = appended.catch(() => undefined);
        return appended;
      });
    });
    if (emitted > 0) this.relay.kick();
    return result;
  }

  /**
   * Appends one event within the caller's transaction (`tx`). Call `relay.kick()` after commit.
   * The event must match its contract (libs/contracts): this service its producer, on its topic,
   * a payload its schema accepts (written as the schema reads it: fields it does not know are
   * dropped). Anything else is a bug, thrown before it reaches a consumer.
   */
  async append<TPayload>(
    tx: EntityManager,
    event: OutgoingEvent<TPayload>,
  ): Promise<EventEnvelope<string, TPayload>> {
    const envelope: EventEnvelope<string, TPayload> = {
      eventId: randomUUID(),
      type: event.type,
      version: event.version,
      occurredAt: new Date().toISOString(),
      producer: this.options.clientId,
      correlationId: event.correlationId,
      payload: this.checked(event),
    };
    // The trace of the state change travels with the row, so the relay publishes in it, even
    // when the poller publishes it after a crash.
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    await sql(
      tx,
      `INSERT INTO outbox (event_id, topic, message_key, envelope, headers) VALUES ($1, $2, $3, $4, $5)`,
      [envelope.eventId, event.topic, event.key, envelope, headers],
    );
    return envelope;
  }

  private checked<TPayload>(event: OutgoingEvent<TPayload>): TPayload {
    const name = qualifiedEventName(event);
    const contract = this.contracts.get(name);
    if (!contract)
      throw new Error(
        `${name} has no contract (libs/contracts, EVENT_CONTRACTS): declare it first`,
      );
    if (contract.producer !== this.options.clientId)
      throw new Error(`${name} is produced by ${contract.producer}, not ${this.options.clientId}`);
    if (contract.topic !== event.topic)
      throw new Error(`${name} travels on ${contract.topic}, not ${event.topic}`);
    const payload = parsePayload(contract.payload, event.payload);
    if (!payload.ok) throw new Error(`${name} breaks its contract: ${payload.error}`);
    return payload.value as TPayload;
  }
}
