import type { ServiceName } from '../services';

/** `GET /api/system` and each event of `GET /api/system/events` (docs/api.md, "Storefront and system map"). */
export type UpDown = 'up' | 'down';
export type CircuitStateName = 'closed' | 'open' | 'half-open' | 'isolated';

export interface ReplicaConsumerView {
  readonly group: string;
  /** The consumer's state in its group, as the replica reports it (`member`, `joining`, ...). */
  readonly state: string;
  readonly partitions: number;
  /** Messages the group has yet to handle (all topics it reads), as this replica last measured. */
  readonly lag: number | null;
}

export interface ReplicaView {
  /** `service/hostname` (the container's hostname), or `service/address` before it answered. */
  readonly id: string;
  readonly address: string;
  readonly health: UpDown;
  /** Requests it served per second since the previous snapshot (health checks not counted). */
  readonly requestsPerSecond: number;
  /** 95th percentile of its request durations over the last few seconds; null without requests. */
  readonly p95Ms: number | null;
  /** Events in its database's outbox not yet published. */
  readonly outboxBacklog: number | null;
  readonly consumer: ReplicaConsumerView | null;
}

export interface ServiceMapView {
  readonly name: ServiceName;
  /** `up`: every replica ready; `degraded`: some; `down`: none (or none found). */
  readonly health: 'up' | 'degraded' | 'down';
  /** The gateway's circuit breaker for users' requests to it. */
  readonly circuit: CircuitStateName;
  readonly requestsPerSecond: number;
  readonly p95Ms: number | null;
  readonly outboxBacklog: number | null;
  /**
   * orders only (null for the others, and while no replica answers): orders placed and not final
   * yet (PENDING). They pile up while payments or catalog is down and drain once it is back.
   */
  readonly pendingOrders: number | null;
  /** Consumer lag per consumer group (the service's own), the highest any replica reports. */
  readonly consumerLag: Readonly<Record<string, number>>;
  readonly replicas: readonly ReplicaView[];
}

export interface SystemSnapshot {
  readonly at: string;
  readonly gateway: { readonly replica: string };
  readonly services: readonly ServiceMapView[];
  /** As the services see them (their readiness checks): `unknown` when no service answered. */
  readonly kafka: { readonly state: UpDown | 'unknown' };
  readonly postgres: { readonly state: UpDown | 'unknown' };
}
