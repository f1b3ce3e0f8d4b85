// What must hold after a chaos run, once the system has settled: read from each service's own
// database (psql in the Postgres container), the dead-letter topics (each service's
// `node main.js dlt list`) and Kafka's consumer groups, and compared with what the clients were
// told (the workload's record). Each check reports its figures, pass or fail.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Checkout, WorkloadResult } from './workload';

const run = promisify(execFile);

export interface InvariantResult {
  readonly name: string;
  readonly ok: boolean;
  /** The figures behind the verdict, one line. */
  readonly figures: string;
  /** What broke it (empty when ok), a few examples. */
  readonly violations: string[];
}

export interface StackAccess {
  readonly project: string;
  /** Consuming services whose dead letters are listed. */
  readonly consumers: readonly string[];
}

interface OrderRow {
  id: string;
  userId: string;
  status: string;
  cancelReason: string | null;
  key: string;
  items: { productId: string; quantity: number }[];
}

/** Runs SQL in a service's database; rows as arrays of strings (tab-separated psql output). */
export async function sql(access: StackAccess, db: string, query: string): Promise<string[][]> {
  const { stdout } = await run(
    'docker',
    [
      'exec',
      `${access.project}-postgres-1`,
      'psql',
      '-U',
      'postgres',
      '-d',
      db,
      '-v',
      'ON_ERROR_STOP=1',
      '-At',
      '-F',
      '\t',
      '-c',
      query,
    ],
    { maxBuffer: 256 << 20 },
  );
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}

async function orders(access: StackAccess): Promise<OrderRow[]> {
  const rows = await sql(
    access,
    'orders',
    `SELECT id, user_id, status, coalesce(cancel_reason, ''), idempotency_key, items::text FROM orders`,
  );
  return rows.map(([id, userId, status, reason, key, items]) => ({
    id,
    userId,
    status,
    cancelReason: reason || null,
    key,
    items: JSON.parse(items) as OrderRow['items'],
  }));
}

/** When each order was placed and when it last changed (final, once settled), epoch ms. */
export async function orderTimes(
  access: StackAccess,
): Promise<{ createdAt: number; updatedAt: number }[]> {
  const rows = await sql(
    access,
    'orders',
    `SELECT (extract(epoch FROM created_at) * 1000)::bigint, (extract(epoch FROM updated_at) * 1000)::bigint FROM orders`,
  );
  return rows.map(([c, u]) => ({ createdAt: Number(c), updatedAt: Number(u) }));
}

/** Unpublished outbox rows per service database. */
export async function outboxBacklog(
  access: StackAccess,
  dbs: readonly string[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const db of dbs)
    out[db] = Number(
      (await sql(access, db, 'SELECT count(*) FROM outbox WHERE published_at IS NULL'))[0][0],
    );
  return out;
}

/** Orders not final yet. */
export async function pendingOrders(access: StackAccess): Promise<number> {
  return Number(
    (await sql(access, 'orders', `SELECT count(*) FROM orders WHERE status = 'PENDING'`))[0][0],
  );
}

/** Messages not yet handled, per consumer group (Kafka's own tool, in the broker's container). */
export async function consumerLag(access: StackAccess): Promise<Record<string, number>> {
  const { stdout } = await run('docker', [
    'exec',
    `${access.project}-kafka-1`,
    '/opt/kafka/bin/kafka-consumer-groups.sh',
    '--bootstrap-server',
    'localhost:9092',
    '--describe',
    '--all-groups',
  ]);
  const lag: Record<string, number> = {};
  for (const line of stdout.split('\n')) {
    const cols = line.trim().split(/\s+/);
    // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID
    if (cols.length < 6 || cols[0] === 'GROUP' || !/^\d+$/.test(cols[2])) continue;
    const value = cols[5] === '-' ? Number(cols[4]) : Number(cols[5]);
    lag[cols[0]] = (lag[cols[0]] ?? 0) + (Number.isFinite(value) ? value : 0);
  }
  return lag;
}

/** Dead letters per consuming service (`node main.js dlt list`), with their reasons. */
export async function deadLetters(access: StackAccess): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const service of access.consumers) {
    const { stdout } = await run('docker', [
      'exec',
      `${access.project}-${service}-1`,
      'node',
      '/app/main.js',
      'dlt',
      'list',
    ]);
    out[service] = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => {
        const letter = JSON.parse(line) as {
          originalTopic?: string;
          reason?: string;
          error?: string;
        };
        return `${letter.originalTopic}: ${letter.reason ?? ''} ${letter.error ?? ''}`.trim();
      });
  }
  return out;
}

const sample = (xs: string[], n = 5) => xs.slice(0, n);

/** Every invariant of the issue, in the order the report prints them. */
export async function checkInvariants(
  access: StackAccess,
  workload: WorkloadResult,
  serviceDbs: readonly string[],
): Promise<{ results: InvariantResult[]; unlearned: Checkout[] }> {
  const results: InvariantResult[] = [];
  const all = await orders(access);
  const byId = new Map(all.map((o) => [o.id, o]));
  const shopperIds = new Map(workload.shoppers.map((s) => [s.index, s.userId]));
  const byKey = new Map(all.map((o) => [`${o.userId}/${o.key}`, o]));

  // 1. Every accepted order is final, exactly once.
  {
    const violations: string[] = [];
    const accepted = workload.checkouts.filter((c) => c.orderIds.size > 0);
    for (const c of accepted)
      for (const id of c.orderIds)
        if (!byId.has(id))
          violations.push(`order ${id} (key ${c.key}) was accepted but is not in orders' database`);
    for (const o of all) {
      if (o.status === 'PENDING') violations.push(`order ${o.id} is still PENDING`);
      if (o.status === 'CANCELLED' && !o.cancelReason)
        violations.push(`order ${o.id} is CANCELLED without a reason`);
    }
    const count = (s: string) => all.filter((o) => o.status === s).length;
    const reasons = new Map<string, number>();
    for (const o of all)
      if (o.cancelReason) reasons.set(o.cancelReason, (reasons.get(o.cancelReason) ?? 0) + 1);
    results.push({
      name: 'every accepted order is final (CONFIRMED, or CANCELLED with a reason), exactly once',
      ok: violations.length === 0,
      figures: `${accepted.length} accepted by the API, ${all.length} in the database: ${count('CONFIRMED')} CONFIRMED, ${count('CANCELLED')} CANCELLED (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}), ${count('PENDING')} PENDING`,
      violations: sample(violations),
    });
  }

  // 2. Every Idempotency-Key gave one order.
  {
    const violations: string[] = [];
    let repeated = 0;
    for (const c of workload.checkouts) {
      if (c.repeat !== 'none') repeated++;
      if (c.orderIds.size > 1)
        violations.push(`key ${c.key} answered ${c.orderIds.size} different orders`);
      const row = byKey.get(`${shopperIds.get(c.shopper)}/${c.key}`);
      for (const id of c.orderIds)
        if (row && row.id !== id)
          violations.push(`key ${c.key}: the API said ${id}, the database holds ${row.id}`);
    }
    const keys = new Set(all.map((o) => `${o.userId}/${o.key}`));
    if (keys.size !== all.length)
      violations.push(`${all.length - keys.size} keys have more than one order`);
    results.push({
      name: 'every Idempotency-Key returned one order (repeated ones included)',
      ok: violations.length === 0,
      figures: `${workload.checkouts.length} keys, ${repeated} sent more than once on purpose, ${all.length} orders`,
      violations: sample(violations),
    });
  }

  // 3. Stock: initial = available + units of confirmed orders, for every product of the run.
  {
    const violations: string[] = [];
    const stock = new Map(
      (await sql(access, 'catalog', 'SELECT id, stock FROM products')).map(([id, s]) => [
        id,
        Number(s),
      ]),
    );
    const confirmedUnits = new Map<string, number>();
    for (const o of all)
      if (o.status === 'CONFIRMED')
        for (const line of o.items)
          confirmedUnits.set(
            line.productId,
            (confirmedUnits.get(line.productId) ?? 0) + line.quantity,
          );
    for (const p of workload.products) {
      const available = stock.get(p.id);
      const sold = confirmedUnits.get(p.id) ?? 0;
      if (available === undefined) violations.push(`product ${p.id} is gone`);
      else if (available < 0) violations.push(`product ${p.id} has ${available} units`);
      else if (available + sold !== p.initialStock)
        violations.push(
          `product ${p.id}: started with ${p.initialStock}, ${available} available + ${sold} confirmed = ${available + sold}`,
        );
    }
    const reservations = new Map(
      (await sql(access, 'catalog', 'SELECT order_id, status FROM stock_reservations')).map(
        ([id, s]) => [id, s],
      ),
    );
    for (const o of all) {
      const r = reservations.get(o.id);
      if (o.status === 'CONFIRMED' && r !== 'COMMITTED')
        violations.push(`CONFIRMED order ${o.id} has reservation ${r ?? 'none'}`);
      if (o.status === 'CANCELLED' && (r === 'RESERVED' || r === 'COMMITTED'))
        violations.push(`CANCELLED order ${o.id} still holds its stock (${r})`);
    }
    const scarce = workload.products.filter((p) => p.scarce);
    results.push({
      name: 'for every product: initial stock = available + units of confirmed orders (nothing leaked)',
      ok: violations.length === 0,
      figures: `${workload.products.length} products (${scarce.length} scarce: ${scarce.map((p) => `${stock.get(p.id)}/${p.initialStock} left`).join(', ')}); ${reservations.size} reservations`,
      violations: sample(violations),
    });
  }

  // 4. Payments: one AUTHORIZED per CONFIRMED order, none left authorized for a CANCELLED one.
  {
    const violations: string[] = [];
    const payments = await sql(access, 'payments', 'SELECT order_id, status FROM payments');
    const byOrder = new Map<string, string[]>();
    for (const [orderId, status] of payments)
      byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), status]);
    for (const o of all) {
      const statuses = byOrder.get(o.id) ?? [];
      const authorized = statuses.filter((s) => s === 'AUTHORIZED').length;
      if (o.status === 'CONFIRMED' && authorized !== 1)
        violations.push(
          `CONFIRMED order ${o.id} has ${authorized} AUTHORIZED payments (${statuses.join(', ') || 'none'})`,
        );
      if (o.status === 'CANCELLED' && authorized > 0)
        violations.push(`CANCELLED order ${o.id} has an AUTHORIZED payment (not refunded)`);
    }
    for (const orderId of byOrder.keys())
      if (!byId.has(orderId)) violations.push(`payment for an unknown order ${orderId}`);
    const ledger = await sql(
      access,
      'payments',
      `SELECT p.status, count(l.*) FILTER (WHERE l.kind = 'AUTHORIZATION'), count(l.*) FILTER (WHERE l.kind = 'REFUND')
         FROM payments p LEFT JOIN ledger_entries l ON l.payment_id = p.id GROUP BY p.id, p.status`,
    );
    for (const [status, auths, refunds] of ledger) {
      const expected = status === 'AUTHORIZED' ? [1, 0] : status === 'REFUNDED' ? [1, 1] : [0, 0];
      if (Number(auths) !== expected[0] || Number(refunds) !== expected[1])
        violations.push(
          `a ${status} payment has ${auths} authorization and ${refunds} refund ledger entries`,
        );
    }
    const count = (s: string) => payments.filter(([, st]) => st === s).length;
    results.push({
      name: 'exactly one AUTHORIZED payment per CONFIRMED order, none for a CANCELLED one (refunded)',
      ok: violations.length === 0,
      figures: `${payments.length} payments: ${count('AUTHORIZED')} AUTHORIZED, ${count('REFUNDED')} REFUNDED, ${count('DECLINED')} DECLINED`,
      violations: sample(violations),
    });
  }

  // 5. Carts emptied of what their confirmed checkout took.
  {
    const rows = await sql(
      access,
      'cart',
      'SELECT checkout_order_id, count(*) FROM cart_items WHERE checkout_order_id IS NOT NULL GROUP BY 1',
    );
    const violations = rows
      .filter(([orderId]) => byId.get(orderId)?.status === 'CONFIRMED')
      .map(([orderId, n]) => `${n} cart lines of CONFIRMED order ${orderId} are still in the cart`);
    const viaCart = workload.checkouts.filter((c) => c.via === 'cart' && c.orderIds.size > 0);
    results.push({
      name: 'every cart emptied of what its confirmed checkout took',
      ok: violations.length === 0,
      figures: `${viaCart.length} accepted cart checkouts; ${rows.length} orders still have lines in a cart (all of them not confirmed)`,
      violations: sample(violations),
    });
  }

  // 6. Dead letters.
  {
    const letters = await deadLetters(access);
    const all = Object.entries(letters).flatMap(([service, xs]) =>
      xs.map((x) => `${service} ← ${x}`),
    );
    results.push({
      name: 'no event left in a dead-letter topic',
      ok: all.length === 0,
      figures: Object.entries(letters)
        .map(([service, xs]) => `${service} ${xs.length}`)
        .join(', '),
      violations: sample(all, 10),
    });
  }

  // 7. Outbox backlog and consumer lag drained.
  {
    const backlog = await outboxBacklog(access, serviceDbs);
    const lag = await consumerLag(access);
    const violations = [
      ...Object.entries(backlog)
        .filter(([, n]) => n > 0)
        .map(([db, n]) => `${db}: ${n} events unpublished`),
      ...Object.entries(lag)
        .filter(([, n]) => n > 0)
        .map(([group, n]) => `group ${group}: lag ${n}`),
    ];
    results.push({
      name: 'outbox backlog and consumer lag drained to zero',
      ok: violations.length === 0,
      figures: `outbox ${Object.entries(backlog)
        .map(([db, n]) => `${db} ${n}`)
        .join(', ')}; lag ${Object.entries(lag)
        .map(([g, n]) => `${g} ${n}`)
        .join(', ')}`,
      violations,
    });
  }

  // Not an invariant, reported: checkouts the client gave up on whose order exists anyway.
  const unlearned = workload.checkouts.filter(
    (c) => c.orderIds.size === 0 && byKey.has(`${shopperIds.get(c.shopper)}/${c.key}`),
  );
  return { results, unlearned };
}
