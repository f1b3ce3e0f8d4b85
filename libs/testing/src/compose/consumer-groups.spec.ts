import { describeGroupMembersCommand, parseGroupMembers } from './consumer-groups';

const OUTPUT = `
GROUP           CONSUMER-ID                                   HOST            CLIENT-ID       #PARTITIONS
payments        payments-5fff31ea-2eab-4584-987b-b02f8df0780f /172.20.0.9     payments        4
payments        payments-0c1d2e3f-1111-2222-3333-444455556666 /172.20.0.12    payments        2
payments        payments-99999999-aaaa-bbbb-cccc-dddddddddddd /172.20.0.13    payments        0
`;

describe('consumer group members', () => {
  it('asks the Kafka CLI for the members of the named group', () => {
    const command = describeGroupMembersCommand('orders');
    expect(command[0]).toBe('/opt/kafka/bin/kafka-consumer-groups.sh');
    expect(command).toEqual(expect.arrayContaining(['--group', 'orders', '--members']));
  });

  it('parses every member row with its partition count, skipping the header', () => {
    const members = parseGroupMembers('payments', OUTPUT);
    expect(members.map((m) => m.partitions)).toEqual([4, 2, 0]);
    expect(members[0]).toEqual({
      consumerId: 'payments-5fff31ea-2eab-4584-987b-b02f8df0780f',
      host: '/172.20.0.9',
      clientId: 'payments',
      partitions: 4,
    });
  });

  it('finds no members of another group or in an empty answer', () => {
    expect(parseGroupMembers('orders', OUTPUT)).toEqual([]);
    expect(parseGroupMembers('payments', '')).toEqual([]);
  });
});
