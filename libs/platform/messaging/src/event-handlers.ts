import type { EntityManager } from 'typeorm';
import {
  qualifiedEventName,
  type EventContract,
  type EventEnvelope,
  type PayloadOf,
  type TopicName,
} from '@shop/contracts';
import type { DeadLetterReason } from './dead-letter.publisher';
import { parsePayload } from './event-envelope.parser';
import type { Emit } from './outbox.service';

export interface EventContext<TPayload> {
  readonly payload: TPayload;
  readonly envelope: EventEnvelope;
  /** The transaction the inbox row is written in: put the effect in it. */
  readonly tx: EntityManager;
  /** Emits follow-up events through the outbox, in the same transaction. */
  readonly emit: Emit;
}

export type EventHandler<TPayload> = (context: EventContext<TPayload>) => Promise<void>;

interface Registration {
  readonly contract: EventContract;
  readonly handle: EventHandler<never>;
}

/** What to do with one envelope. */
export type Route =
  | { readonly kind: 'handle'; readonly payload: unknown; readonly handle: EventHandler<unknown> }
  | { readonly kind: 'not-ours' }
  | { readonly kind: 'dead-letter'; readonly reason: DeadLetterReason; readonly error: string };

/**
 * The handlers of one consumer group, registered by event contract. Routes an envelope: to its
 * handler with the payload validated by the contract's schema; past it, when no handler knows its
 * type (another consumer's event); or to the dead letters, when its payload breaks the contract
 * or it is a type this group handles in a version it does not (a producer upgraded first).
 */
export class EventHandlers {
  private readonly byName = new Map<string, Registration>();
  /** Versions handled per event type. */
  private readonly versions = new Map<string, number[]>();

  constructor(private readonly group: string) {}

  /** Registers the handler of one event (type and version); this group must be a consumer of it. */
  on<C extends EventContract>(contract: C, handle: EventHandler<PayloadOf<C>>): void {
    const name = qualifiedEventName(contract);
    if (!contract.consumers.includes(this.group)) {
      throw new Error(
        `${this.group} handles ${name}, but its contract (libs/contracts) names as consumers: ` +
          `${contract.consumers.join(', ') || 'none'}; declare it there first`,
      );
    }
    if (this.byName.has(name)) throw new Error(`${name} has a handler already`);
    this.byName.set(name, { contract, handle: handle as EventHandler<never> });
    this.versions.set(contract.type, [
      ...(this.versions.get(contract.type) ?? []),
      contract.version,
    ]);
  }

  get size(): number {
    return this.byName.size;
  }

  /** The topics the registered events travel on. */
  topics(): TopicName[] {
    return [...new Set([...this.byName.values()].map((r) => r.contract.topic))];
  }

  route(envelope: Pick<EventEnvelope, 'type' | 'version' | 'payload'>): Route {
    const registration = this.byName.get(qualifiedEventName(envelope));
    if (!registration) {
      const handled = this.versions.get(envelope.type);
      if (!handled) return { kind: 'not-ours' };
      // Parked, never skipped, and replayable once this service handles that version.
      return {
        kind: 'dead-letter',
        reason: 'UNKNOWN_VERSION',
        error: `${qualifiedEventName(envelope)} is not handled (handled: ${handled.map((v) => `v${v}`).join(', ')})`,
      };
    }
    const payload = parsePayload(registration.contract.payload, envelope.payload);
    if (!payload.ok)
      return { kind: 'dead-letter', reason: 'INVALID_PAYLOAD', error: payload.error };
    return {
      kind: 'handle',
      payload: payload.value,
      handle: registration.handle as EventHandler<unknown>,
    };
  }
}
