/** What a subscriber to status notices is told. */
export interface StatusNoticeHandlers {
  /** An order's status changed (committed, on any replica). */
  notice(orderId: string): void;
  /** Notices arrive (again): anything announced while they could not arrive may have been missed. */
  listening(): void;
}

/**
 * Announcements of committed order status changes, whichever replica made them (a port: the
 * adapter is persistence/postgres-order-status-notices.ts, Postgres LISTEN/NOTIFY). While
 * `listening` is false, notices cannot arrive and a subscriber must look for itself.
 */
export abstract class OrderStatusNotices {
  abstract subscribe(handlers: StatusNoticeHandlers): void;
  abstract get listening(): boolean;
}
