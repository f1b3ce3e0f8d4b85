import type { Admin } from 'kafkajs';

/** Per partition: where a group's committed offset is, and where the partition ends. */
export interface PartitionProgress {
  readonly topic: string;
  readonly partition: number;
  /** The group's committed offset, or -1 when it has committed none. */
  readonly committed: bigint;
  readonly low: bigint;
  readonly high: bigint;
}

/** The one reader of a consumer group's progress (lag metrics, dead-letter reads). */
export async function readGroupProgress(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<PartitionProgress[]> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const progress: PartitionProgress[] = [];
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const { partition, high, low } of ends) {
      const offset = done.find((d) => d.partition === partition)?.offset ?? '-1';
      progress.push({
        topic,
        partition,
        committed: BigInt(offset),
        low: BigInt(low),
        high: BigInt(high),
      });
    }
  }
  return progress;
}

/** Messages not yet handled by the group, per topic (a group that committed nothing: all). */
export function lagByTopic(progress: readonly PartitionProgress[]): Map<string, number> {
  const lag = new Map<string, number>();
  for (const p of progress) {
    const from = p.committed >= 0n ? p.committed : 0n;
    const behind = p.high > from ? Number(p.high - from) : 0;
    lag.set(p.topic, (lag.get(p.topic) ?? 0) + behind);
  }
  return lag;
}
