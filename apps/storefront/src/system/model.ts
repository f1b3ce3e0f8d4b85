/**
 * The system map's snapshot (`GET /api/system`, one per second on `GET /api/system/events`) as
 * the storefront reads it: every field may be missing or of the wrong type (the gateway may be
 * older or newer), so it is normalised once here, and the drawing decisions (layout, colours,
 * number formats) are pure functions of it.
 */
export type Health = 'up' | 'degraded' | 'down' | 'unknown';
export type Circuit = 'closed' | 'open' | 'half-open' | 'isolated' | 'unknown';

export interface ConsumerView {
  readonly group: string;
  readonly state: string;
  readonly partitions: number | null;
  readonly lag: number | null;
}

export interface ReplicaView {
  readonly id: string;
  readonly address: string | null;
  readonly health: Health;
  readonly requestsPerSecond: number | null;
  readonly p95Ms: number | null;
  readonly outboxBacklog: number | null;
  readonly consumer: ConsumerView | null;
}

export interface ServiceView {
  readonly name: string;
  readonly health: Health;
  readonly circuit: Circuit;
  readonly requestsPerSecond: number | null;
  readonly p95Ms: number | null;
  readonly outboxBacklog: number | null;
  /** orders only: orders not final yet. */
  readonly pendingOrders: number | null;
  readonly consumerLag: Readonly<Record<string, number>>;
  readonly replicas: readonly ReplicaView[];
}

export interface SystemSnapshot {
  readonly at: string | null;
  readonly gateway: { readonly replica: string | null };
  readonly services: readonly ServiceView[];
  readonly kafka: Health;
  readonly postgres: Health;
}

/** The services in the order the gateway reports them; others follow in the order given. */
export const SERVICE_ORDER = ['accounts', 'catalog', 'cart', 'orders', 'payments'];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function health(v: unknown): Health {
  return v === 'up' || v === 'degraded' || v === 'down' ? v : 'unknown';
}

function circuit(v: unknown): Circuit {
  return v === 'closed' || v === 'open' || v === 'half-open' || v === 'isolated' ? v : 'unknown';
}

function consumer(v: unknown): ConsumerView | null {
  if (typeof v !== 'object' || v === null) return null;
  const c = obj(v);
  return {
    group: str(c.group) ?? '?',
    state: str(c.state) ?? 'unknown',
    partitions: num(c.partitions),
    lag: num(c.lag),
  };
}

function replica(v: unknown, index: number, service: string): ReplicaView {
  const r = obj(v);
  return {
    id: str(r.id) ?? `${service}/#${index + 1}`,
    address: str(r.address),
    health: health(r.health),
    requestsPerSecond: num(r.requestsPerSecond),
    p95Ms: num(r.p95Ms),
    outboxBacklog: num(r.outboxBacklog),
    consumer: consumer(r.consumer),
  };
}

function service(v: unknown): ServiceView | null {
  const s = obj(v);
  const name = str(s.name);
  if (!name) return null;
  const lag: Record<string, number> = {};
  for (const [group, value] of Object.entries(obj(s.consumerLag))) {
    const n = num(value);
    if (n !== null) lag[group] = n;
  }
  return {
    name,
    health: health(s.health),
    circuit: circuit(s.circuit),
    requestsPerSecond: num(s.requestsPerSecond),
    p95Ms: num(s.p95Ms),
    outboxBacklog: num(s.outboxBacklog),
    pendingOrders: num(s.pendingOrders),
    consumerLag: lag,
    replicas: Array.isArray(s.replicas) ? s.replicas.map((r, i) => replica(r, i, name)) : [],
  };
}

/** Reads a snapshot, whatever it holds; the five services are always there (unknown if absent). */
export function normaliseSnapshot(input: unknown): SystemSnapshot {
  const root = obj(input);
  const given = (Array.isArray(root.services) ? root.services : [])
    .map(service)
    .filter((s): s is ServiceView => s !== null);
  const byName = new Map(given.map((s) => [s.name, s]));
  const services: ServiceView[] = SERVICE_ORDER.map(
    (name) =>
      byName.get(name) ?? {
        name,
        health: 'unknown',
        circuit: 'unknown',
        requestsPerSecond: null,
        p95Ms: null,
        outboxBacklog: null,
        pendingOrders: null,
        consumerLag: {},
        replicas: [],
      },
  );
  for (const s of given) if (!SERVICE_ORDER.includes(s.name)) services.push(s);
  return {
    at: str(root.at),
    gateway: { replica: str(obj(root.gateway).replica) },
    services,
    kafka: health(obj(root.kafka).state),
    postgres: health(obj(root.postgres).state),
  };
}

/** Fill and stroke per health; text on each fill keeps a contrast ratio above 4.5:1. */
export const HEALTH_COLOURS: Readonly<
  Record<Health, { fill: string; stroke: string; text: string }>
> = {
  up: { fill: '#e3f4e8', stroke: '#1e7b3a', text: '#0f3d1d' },
  degraded: { fill: '#fff4d6', stroke: '#a86a00', text: '#4a2f00' },
  down: { fill: '#fde2e1', stroke: '#b3261e', text: '#5c0f0b' },
  unknown: { fill: '#eceff1', stroke: '#5f6b73', text: '#263238' },
};

/** A service's colour: down when no replica is up, degraded when it or its circuit says so. */
export function serviceHealth(s: ServiceView): Health {
  if (s.health === 'down' || s.circuit === 'open' || s.circuit === 'isolated') return 'down';
  if (s.replicas.length > 0 && s.replicas.every((r) => r.health === 'down')) return 'down';
  if (s.health === 'degraded' || s.circuit === 'half-open') return 'degraded';
  if (s.replicas.some((r) => r.health === 'down')) return 'degraded';
  return s.health;
}

export const HEALTH_WORDS: Readonly<Record<Health, string>> = {
  up: 'up',
  degraded: 'degraded',
  down: 'down',
  unknown: 'unknown',
};

export function formatRate(rps: number | null): string {
  if (rps === null) return '– req/s';
  return `${rps >= 100 ? Math.round(rps) : Math.round(rps * 10) / 10} req/s`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return 'p95 –';
  return ms >= 1000 ? `p95 ${(ms / 1000).toFixed(1)} s` : `p95 ${Math.round(ms)} ms`;
}

/** The host part of `service/hostname`, shortened for a box. */
export function replicaLabel(id: string): string {
  const host = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
  return host.length > 14 ? `${host.slice(0, 12)}…` : host;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly gateway: Box;
  readonly services: readonly {
    readonly name: string;
    readonly box: Box;
    readonly replicas: readonly Box[];
  }[];
  readonly kafka: Box;
  readonly postgres: Box;
}

export const LAYOUT = {
  columnWidth: 190,
  gap: 16,
  margin: 16,
  gatewayHeight: 56,
  headerHeight: 96,
  replicaHeight: 78,
  replicaGap: 8,
  rowGap: 48,
  storeHeight: 56,
} as const;

/**
 * Three rows: the gateway on top, the services below it (a column each, its header and then a
 * box per replica), Kafka and Postgres underneath. The width follows the number of services,
 * the height the service with the most replicas, so `--scale catalog=3` grows the map.
 */
export function layoutMap(snapshot: SystemSnapshot): MapLayout {
  const { columnWidth, gap, margin, gatewayHeight, headerHeight, replicaHeight, replicaGap } =
    LAYOUT;
  const count = Math.max(1, snapshot.services.length);
  const width = margin * 2 + count * columnWidth + (count - 1) * gap;
  const gatewayWidth = Math.min(width - margin * 2, 320);
  const gateway = {
    x: (width - gatewayWidth) / 2,
    y: margin,
    width: gatewayWidth,
    height: gatewayHeight,
  };
  const top = gateway.y + gatewayHeight + LAYOUT.rowGap;
  const mostReplicas = Math.max(1, ...snapshot.services.map((s) => s.replicas.length));
  const columnHeight = headerHeight + mostReplicas * (replicaHeight + replicaGap) + replicaGap;
  const services = snapshot.services.map((s, i) => {
    const x = margin + i * (columnWidth + gap);
    const replicas = s.replicas.map((_, r) => ({
      x: x + replicaGap,
      y: top + headerHeight + r * (replicaHeight + replicaGap),
      width: columnWidth - replicaGap * 2,
      height: replicaHeight,
    }));
    return { name: s.name, box: { x, y: top, width: columnWidth, height: columnHeight }, replicas };
  });
  const storesY = top + columnHeight + LAYOUT.rowGap;
  const storeWidth = Math.min(260, (width - margin * 2 - gap) / 2);
  const kafka = {
    x: width / 2 - gap / 2 - storeWidth,
    y: storesY,
    width: storeWidth,
    height: LAYOUT.storeHeight,
  };
  const postgres = {
    x: width / 2 + gap / 2,
    y: storesY,
    width: storeWidth,
    height: LAYOUT.storeHeight,
  };
  return {
    width,
    height: storesY + LAYOUT.storeHeight + margin,
    gateway,
    services,
    kafka,
    postgres,
  };
}

/** How old a snapshot may be before the map says it is stale (the gateway sends one a second). */
export const STALE_AFTER_MS = 3_000;

export function isStale(receivedAt: number | null, now: number): boolean {
  return receivedAt === null || now - receivedAt > STALE_AFTER_MS;
}
