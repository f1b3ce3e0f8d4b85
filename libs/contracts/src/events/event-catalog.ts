import { UserRegisteredV1 } from './accounts.events';
import { qualifiedEventName, type EventContract } from './event-contract';
import { StockReservationRejectedV1, StockReservedV1 } from './inventory.events';
import {
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPaymentRequestedV1,
  OrderPlacedV1,
} from './orders.events';
import { PaymentAuthorizedV1, PaymentDeclinedV1, PaymentRefundedV1 } from './payments.events';

/** Every event contract of the system: what docs/events/asyncapi.json is generated from. */
export const EVENT_CONTRACTS: readonly EventContract[] = [
  UserRegisteredV1,
  StockReservedV1,
  StockReservationRejectedV1,
  OrderPlacedV1,
  OrderPaymentRequestedV1,
  OrderConfirmedV1,
  OrderCancelledV1,
  PaymentAuthorizedV1,
  PaymentDeclinedV1,
  PaymentRefundedV1,
];

const byName = new Map(EVENT_CONTRACTS.map((c) => [qualifiedEventName(c), c]));

/** The contract of one event type and version, if the system has one. */
export function findEventContract(type: string, version: number): EventContract | undefined {
  return byName.get(qualifiedEventName({ type, version }));
}
