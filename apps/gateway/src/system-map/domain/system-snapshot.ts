import type {
  CircuitStateName,
  ReplicaView,
  ServiceMapView,
  ServiceName,
  SystemSnapshot,
  UpDown,
} from '@shop/contracts';
import { addBuckets, bucketsOf, bucketsSince, quantileMs, type Buckets } from './histogram';
import { sumOf, type Sample } from './prometheus-text';

const REQUESTS = 'http_server_request_duration';
/**
 * Server-Sent Event streams (`/:id/events`, `/api/system/events`): their "duration" is how long
 * someone watched, not how long an answer took, so they are left out of p95 (not of requests/s).
 */
const STREAM_ROUTE = /\/events$/;
const answerDurations = (samples: readonly Sample[]) =>
  samples.filter((s) => !STREAM_ROUTE.test(s.labels['http_route'] ?? ''));
/** How many per-scrape windows the p95 spans (about five seconds at one scrape a second). */
const P95_WINDOWS = 5;

/** One replica's view this round, the request-duration windows of its p95, what it counted. */
interface ReplicaRound {
  readonly view: ReplicaView;
  readonly windows: readonly Buckets[];
  readonly pendingOrders: number | null;
}

/** What one replica answered this round (or not: an unreachable replica answers nothing). */
export interface ReplicaScrape {
  readonly service: ServiceName;
  readonly address: string;
  /** `x-served-by` of its answers: `service/hostname`. */
  readonly servedBy: string | undefined;
  /** Its `GET /health/ready`: 200 or not; undefined when it did not answer at all. */
  readonly ready: boolean | undefined;
  /** The body of that answer (terminus: `details.database`, `details.kafka`, `details.consumer`). */
  readonly readiness: Readiness | undefined;
  /** Its `GET /metrics`, parsed; undefined when it did not answer. */
  readonly metrics: readonly Sample[] | undefined;
}

export interface Readiness {
  readonly details?: {
    readonly database?: { readonly status?: string };
    readonly kafka?: { readonly status?: string };
    readonly consumer?: {
      readonly group?: string;
      readonly state?: string;
      readonly partitions?: number;
    };
  };
}

interface ReplicaHistory {
  readonly at: number;
  readonly requests: number;
  readonly buckets: Buckets;
  /** The last few windows' new observations, newest last. */
  readonly windows: readonly Buckets[];
}

/**
 * Turns each round of scrapes into a snapshot of the system. Keeps, per replica, the previous
 * round's counters: requests/s is the change since then, p95 the last few rounds' observations.
 */
export class SystemMapAssembler {
  private readonly history = new Map<string, ReplicaHistory>();

  constructor(private readonly gatewayReplica: string) {}

  snapshot(
    at: number,
    scrapes: readonly ReplicaScrape[],
    circuits: Readonly<Record<ServiceName, CircuitStateName>>,
    services: readonly ServiceName[],
  ): SystemSnapshot {
    const seen = new Set<string>();
    const byService = new Map<ServiceName, ReplicaRound[]>();
    for (const scrape of scrapes) {
      const key = `${scrape.service}@${scrape.address}`;
      seen.add(key);
      const replica = this.replica(key, at, scrape);
      byService.set(scrape.service, [...(byService.get(scrape.service) ?? []), replica]);
    }
    for (const key of [...this.history.keys()]) if (!seen.has(key)) this.history.delete(key);
    return {
      at: new Date(at).toISOString(),
      gateway: { replica: this.gatewayReplica },
      services: services.map((name) =>
        serviceView(name, byService.get(name) ?? [], circuits[name]),
      ),
      kafka: { state: dependencyState(scrapes, 'kafka') },
      postgres: { state: dependencyState(scrapes, 'database') },
    };
  }

  private replica(key: string, at: number, scrape: ReplicaScrape): ReplicaRound {
    const previous = this.history.get(key);
    let requestsPerSecond = 0;
    let windows: readonly Buckets[] = previous?.windows ?? [];
    if (scrape.metrics) {
      const requests = sumOf(scrape.metrics, `${REQUESTS}_count`);
      const buckets = bucketsOf(answerDurations(scrape.metrics), REQUESTS);
      if (previous && at > previous.at) {
        const added = requests >= previous.requests ? requests - previous.requests : requests;
        requestsPerSecond = round((added * 1000) / (at - previous.at), 1);
        windows = [...windows, bucketsSince(previous.buckets, buckets)].slice(-P95_WINDOWS);
      }
      this.history.set(key, { at, requests, buckets, windows });
    }
    const consumer = scrape.readiness?.details?.consumer;
    const group = consumer?.group;
    const lag = group && scrape.metrics ? lagOf(scrape.metrics, group) : null;
    return {
      windows,
      pendingOrders: scrape.metrics ? pendingOrdersOf(scrape.metrics) : null,
      view: {
        id: scrape.servedBy ?? `${scrape.service}/${scrape.address}`,
        address: scrape.address,
        health: scrape.ready ? 'up' : 'down',
        requestsPerSecond,
        p95Ms: roundOrNull(quantileMs(windows.reduce(addBuckets, new Map()), 0.95)),
        outboxBacklog: scrape.metrics ? outboxOf(scrape.metrics) : null,
        consumer: group
          ? {
              group,
              state: consumer?.state ?? 'unknown',
              partitions: consumer?.partitions ?? 0,
              lag,
            }
          : null,
      },
    };
  }
}

function serviceView(
  name: ServiceName,
  replicas: readonly ReplicaRound[],
  circuit: CircuitStateName,
): ServiceMapView {
  const views = replicas.map((r) => r.view);
  const up = views.filter((v) => v.health === 'up').length;
  const consumerLag: Record<string, number> = {};
  for (const v of views)
    if (v.consumer?.lag != null)
      consumerLag[v.consumer.group] = Math.max(consumerLag[v.consumer.group] ?? 0, v.consumer.lag);
  const backlogs = views.map((v) => v.outboxBacklog).filter((b): b is number => b !== null);
  const pending = replicas.map((r) => r.pendingOrders).filter((n): n is number => n !== null);
  return {
    name,
    health: up === 0 ? 'down' : up === views.length ? 'up' : 'degraded',
    circuit,
    requestsPerSecond: round(
      views.reduce((sum, v) => sum + v.requestsPerSecond, 0),
      1,
    ),
    p95Ms: roundOrNull(
      quantileMs(replicas.flatMap((r) => r.windows).reduce(addBuckets, new Map()), 0.95),
    ),
    // One database per service: every replica sees the same outbox.
    outboxBacklog: backlogs.length > 0 ? Math.max(...backlogs) : null,
    // Counted in orders' database: every replica counts the same orders.
    pendingOrders: pending.length > 0 ? Math.max(...pending) : null,
    consumerLag,
    replicas: [...views].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** Up if any service reaches it, down if every one that answered cannot, unknown otherwise. */
function dependencyState(
  scrapes: readonly ReplicaScrape[],
  key: 'database' | 'kafka',
): UpDown | 'unknown' {
  const states = scrapes
    .map((s) => s.readiness?.details?.[key]?.status)
    .filter((s): s is string => typeof s === 'string');
  if (states.length === 0) return 'unknown';
  return states.includes('up') ? 'up' : 'down';
}

function lagOf(metrics: readonly Sample[], group: string): number | null {
  const series = metrics.filter(
    (s) => s.name === 'shop_kafka_consumer_lag' && s.labels['group'] === group,
  );
  return series.length > 0 ? series.reduce((sum, s) => sum + s.value, 0) : null;
}

function pendingOrdersOf(metrics: readonly Sample[]): number | null {
  const series = metrics.filter((s) => s.name === 'shop_orders_pending');
  return series.length > 0 ? series.reduce((sum, s) => sum + s.value, 0) : null;
}

function outboxOf(metrics: readonly Sample[]): number | null {
  const series = metrics.filter((s) => s.name === 'shop_outbox_backlog');
  return series.length > 0 ? series.reduce((sum, s) => sum + s.value, 0) : null;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const roundOrNull = (value: number | null) => (value === null ? null : round(value, 1));
