import { shopMeter } from '@shop/platform/observability';
import type { ConsumerSnapshot } from './consumer-status';

/**
 * `shop_kafka_consumer_member` (1 while a member of its group), `..._assigned_partitions`,
 * `..._out_of_group_seconds`, `..._last_poll_age_seconds`, `..._restarts` (crashes),
 * `..._rebalances`, per group, read from the consumer's status when scraped.
 */
export function observeConsumerMembership(group: string, snapshot: () => ConsumerSnapshot): void {
  const meter = shopMeter();
  const attributes = { group };
  const gauge = (name: string, description: string, read: (s: ConsumerSnapshot) => number) =>
    meter
      .createObservableGauge(name, { description })
      .addCallback((result) => result.observe(read(snapshot()), attributes));
  gauge('shop_kafka_consumer_member', '1 while a member of its consumer group, else 0', (s) =>
    s.state === 'member' ? 1 : 0,
  );
  gauge(
    'shop_kafka_consumer_assigned_partitions',
    'Partitions this member holds',
    (s) => s.partitions,
  );
  gauge(
    'shop_kafka_consumer_out_of_group_seconds',
    'Seconds since the consumer was last a member of its group (0 while it is one)',
    (s) => s.outOfGroupForMs / 1000,
  );
  gauge(
    'shop_kafka_consumer_last_poll_age_seconds',
    'Seconds since the consumer last fetched',
    (s) => (s.lastPollAgoMs ?? 0) / 1000,
  );
  const counter = (name: string, description: string, read: (s: ConsumerSnapshot) => number) =>
    meter
      .createObservableCounter(name, { description })
      .addCallback((result) => result.observe(read(snapshot()), attributes));
  counter(
    'shop_kafka_consumer_restarts',
    'Consumer crashes, each followed by a restart',
    (s) => s.restarts,
  );
  counter(
    'shop_kafka_consumer_rebalances',
    'Rebalances this member went through after its first join',
    (s) => s.rebalances,
  );
}

/** `shop_kafka_consumer_lag{topic,group}`: messages the group has yet to handle, per topic. */
export function observeConsumerLag(group: string, lag: () => ReadonlyMap<string, number>): void {
  shopMeter()
    .createObservableGauge('shop_kafka_consumer_lag', {
      description: 'Messages the consumer group has yet to handle, per topic',
    })
    .addCallback((result) =>
      lag().forEach((value, topic) => result.observe(value, { topic, group })),
    );
}
