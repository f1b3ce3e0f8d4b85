/**
 * Kafka topics, one per producing aggregate. Each is keyed by the aggregate id, so all events of
 * one order (or product, or payment) keep their order within a partition.
 */
export const Topics = {
  accountsUsers: 'accounts.users.v1',
  catalogInventory: 'catalog.inventory.v1',
  ordersOrders: 'orders.orders.v1',
  paymentsPayments: 'payments.payments.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Dead letters of one consumer group on one topic go to `<topic>.<group>.dlt`. */
export function deadLetterTopic(topic: string, consumerGroup: string): string {
  return `${topic}.${consumerGroup}.dlt`;
}
