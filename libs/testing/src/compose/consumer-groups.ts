/** One member of a Kafka consumer group, as `kafka-consumer-groups.sh --members` lists it. */
export interface GroupMember {
  readonly consumerId: string;
  readonly host: string;
  readonly clientId: string;
  readonly partitions: number;
}

/** The command, run inside the Kafka container, that lists a consumer group's members. */
export function describeGroupMembersCommand(group: string): string[] {
  return [
    '/opt/kafka/bin/kafka-consumer-groups.sh',
    '--bootstrap-server',
    'localhost:9092',
    '--describe',
    '--group',
    group,
    '--members',
  ];
}

/** Parses that command's output (GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS). */
export function parseGroupMembers(group: string, output: string): GroupMember[] {
  return output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[0] === group && cols.length >= 5)
    .map(([, consumerId, host, clientId, partitions]) => ({
      consumerId,
      host,
      clientId,
      partitions: Number(partitions),
    }));
}
