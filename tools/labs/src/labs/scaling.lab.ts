import { describeGroupMembersCommand, parseGroupMembers } from '@shop/testing';
import type { Lab, LabContext } from '../lab';
import type { Check } from '../narrator';
import { replicaShares, sharedFairly } from '../outcomes';
import { finalStatuses, newShopper, placeOrder, request, tally } from '../shop';
import { readTraffic, trafficLine } from '../traffic';

const CATALOG_REPLICAS = 3;
const PAYMENTS_REPLICAS = 2;
const RATE = 30;

/** One bar per replica: `catalog/3f2a…  ######## 34% (310)`. */
export function shareBars(servedBy: readonly string[]): string[] {
  const shares = replicaShares(servedBy);
  return [...shares].map(([replica, share]) => {
    const count = servedBy.filter((s) => s === replica).length;
    return `${replica.padEnd(22)} ${'#'.repeat(Math.round(share * 40)).padEnd(40)} ${(share * 100).toFixed(0).padStart(3)}% (${count})`;
  });
}

export const scalingLab: Lab = {
  name: 'scaling',
  summary: `--scale catalog=${CATALOG_REPLICAS} payments=${PAYMENTS_REPLICAS} under load: throughput, and each replica's share from x-served-by`,
  minutes: 2,
  async run({ stack, narrator }: LabContext): Promise<Check[]> {
    const checks: Check[] = [];
    const before = {
      catalog: (await stack.replicas('catalog')).length,
      payments: (await stack.replicas('payments')).length,
    };

    narrator.begin(
      `Reads at ${RATE}/s with catalog as it is (${before.catalog} replica${before.catalog === 1 ? '' : 's'})`,
      'The baseline: every answer carries x-served-by: <service>/<container hostname>.',
    );
    const baseline = await narrator.during(
      'reading',
      readTraffic(stack.gateway, RATE, 10, narrator),
    );
    narrator.show(trafficLine(baseline));
    narrator.show(shareBars(baseline.servedBy).join('\n'));

    narrator.begin(
      `Scale catalog to ${CATALOG_REPLICAS} and payments to ${PAYMENTS_REPLICAS}`,
      'Only the gateway publishes a port, so a service can run any number of replicas. The\ngateway resolves every address of "catalog" each second and rotates over them; payments\nreplicas share the Kafka partitions of their consumer group.',
    );
    await stack.compose([
      'up',
      '-d',
      '--no-recreate',
      '--scale',
      `catalog=${CATALOG_REPLICAS}`,
      '--scale',
      `payments=${PAYMENTS_REPLICAS}`,
    ]);
    try {
      const healthy = await stack.waitHealthy(240_000);
      checks.push({
        name: 'the new replicas became healthy',
        ok: healthy,
        detail: healthy
          ? `${(await stack.replicas('catalog')).length} catalog, ${(await stack.replicas('payments')).length} payments`
          : 'not within 240 s',
      });
      const seen = new Set<string>();
      await stack.until(
        async () => {
          const answer = await request(stack.gateway, 'GET', '/api/catalog/products?limit=1');
          seen.add(answer.headers.get('x-served-by') ?? '');
          return seen.size >= CATALOG_REPLICAS;
        },
        30_000,
        100,
      );
      narrator.progress(`the gateway answers from ${seen.size} catalog replicas`);

      narrator.begin(
        `The same reads at ${RATE}/s, and a few checkouts, on ${CATALOG_REPLICAS} catalog replicas`,
        'Each replica should serve about a third. (On two cores, more replicas share the same CPU:\nthe point is how the work spreads, and that a replica can die without the service dying.)',
      );
      const shopper = await newShopper(stack.gateway, 'scaling');
      const orders = (async () => {
        const ids: string[] = [];
        for (let i = 0; i < 8; i++) {
          const placed = await placeOrder(stack.gateway, shopper);
          if (placed.orderId) ids.push(placed.orderId);
          await new Promise((r) => setTimeout(r, 1_500));
        }
        return ids;
      })();
      const scaled = await narrator.during(
        'reading',
        readTraffic(stack.gateway, RATE, 15, narrator),
      );
      narrator.show(trafficLine(scaled));
      narrator.show(shareBars(scaled.servedBy).join('\n'));
      const shares = replicaShares(scaled.servedBy);
      checks.push({
        name: `${CATALOG_REPLICAS} catalog replicas each served a fair share (>= half of 1/${CATALOG_REPLICAS})`,
        ok: sharedFairly(shares, CATALOG_REPLICAS),
        detail: [...shares].map(([r, s]) => `${r} ${(s * 100).toFixed(0)}%`).join(', '),
      });
      checks.push({
        name: 'reads kept being answered (< 1% errors)',
        ok: scaled.sent > 0 && scaled.errors / scaled.sent < 0.01,
        detail: `${scaled.errors} errors of ${scaled.sent}`,
      });

      narrator.begin(
        "Payments: the consumer group's members and their partitions",
        'Kafka spreads the partitions of a topic over the members of a group: each payments\nreplica handles the orders of its partitions.',
      );
      const members = parseGroupMembers(
        'payments',
        await stack.compose(['exec', '-T', 'kafka', ...describeGroupMembersCommand('payments')]),
      );
      for (const m of members)
        narrator.show(`${m.host.padEnd(16)} ${m.clientId.padEnd(20)} ${m.partitions} partitions`);
      const owning = members.filter((m) => m.partitions > 0).length;
      checks.push({
        name: `${PAYMENTS_REPLICAS} payments replicas each own partitions`,
        ok: owning >= PAYMENTS_REPLICAS,
        detail: `${members.length} members, ${owning} with partitions`,
      });
      const ids = await orders;
      const statuses = await narrator.during(
        'waiting for the checkouts to complete',
        finalStatuses(stack.gateway, shopper.token, ids),
      );
      const outcome = ids.map((id) => statuses.get(id) ?? 'unknown');
      narrator.show(`checkouts placed during the scaled run: ${tally(outcome)}`);
      checks.push({
        name: 'every checkout placed while scaled CONFIRMED',
        ok: ids.length === 8 && outcome.every((s) => s === 'CONFIRMED'),
        detail: `${ids.length} of 8 accepted: ${tally(outcome)}`,
      });
    } finally {
      if (!stack.own) {
        narrator.begin('Scale back', 'The stack as it was before the lab.');
        await stack.compose([
          'up',
          '-d',
          '--no-recreate',
          '--scale',
          `catalog=${before.catalog}`,
          '--scale',
          `payments=${before.payments}`,
        ]);
      }
    }
    return checks;
  },
};
