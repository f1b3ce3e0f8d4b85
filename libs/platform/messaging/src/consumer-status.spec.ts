import { ConsumerStatus } from './consumer-status';

describe('ConsumerStatus: readiness of a consumer from its membership', () => {
  let now = 0;
  const clock = () => now;
  const GRACE = 30_000;
  const status = () => new ConsumerStatus('catalog', clock);
  beforeEach(() => (now = 1_000_000));

  it('is ready while joining for the first time, within the grace', () => {
    const s = status();
    now += GRACE;
    expect(s.verdict(GRACE)).toEqual({ ready: true });
    now += 1;
    expect(s.verdict(GRACE)).toEqual({
      ready: false,
      reason: expect.stringContaining('not a member of group catalog for 30001 ms (joining'),
    });
  });

  it('a member that polls is ready, with its partitions in the snapshot', () => {
    const s = status();
    s.joined('m-1', { 'orders.v1': [0, 2, 4] });
    now += 60_000;
    s.polled();
    expect(s.verdict(GRACE)).toEqual({ ready: true });
    expect(s.snapshot()).toMatchObject({
      state: 'member',
      memberId: 'm-1',
      partitions: 3,
      outOfGroupForMs: 0,
      lastPollAgoMs: 0,
    });
  });

  it('a member that stops polling (a handler stuck) is not ready after the grace', () => {
    const s = status();
    s.joined('m-1', { 'orders.v1': [0] });
    s.polled();
    now += GRACE + 1;
    expect(s.verdict(GRACE)).toEqual({
      ready: false,
      reason: 'a member, but no fetch for 30001 ms',
    });
  });

  it('a crash loop never resets the clock: out of the group since it last was a member', () => {
    const s = status();
    s.joined('m-1', { 'orders.v1': [0, 1] });
    s.polled();
    now += 1_000;
    for (let i = 0; i < 4; i++) {
      s.rebalancing();
      now += 5_000;
      s.crashed('KafkaJSRequestTimeoutError: Request SyncGroup timed out');
      now += 5_000;
      s.restarting();
    }
    expect(s.snapshot()).toMatchObject({
      state: 'restarting',
      memberId: null,
      partitions: 0,
      restarts: 4,
      outOfGroupForMs: 40_000,
    });
    expect(s.verdict(GRACE)).toEqual({
      ready: false,
      reason:
        'not a member of group catalog for 40000 ms (restarting, 4 restarts, last error: KafkaJSRequestTimeoutError: Request SyncGroup timed out)',
    });
  });

  it('a rebalance within the grace keeps it ready and is counted once it rejoins', () => {
    const s = status();
    s.joined('m-1', { 'orders.v1': [0, 1, 2] });
    s.rebalancing();
    now += 3_000;
    expect(s.verdict(GRACE)).toEqual({ ready: true });
    s.joined('m-1', { 'orders.v1': [0, 1, 2, 3, 4, 5] });
    expect(s.snapshot()).toMatchObject({ rebalances: 1, partitions: 6, state: 'member' });
  });

  it('back from a rebalance without a new join (the coordinator moved): a heartbeat it accepted makes it a member again', () => {
    const s = status();
    s.joined('m-1', { 'orders.v1': [0, 1] });
    s.rebalancing();
    now += GRACE + 1;
    expect(s.verdict(GRACE).ready).toBe(false);
    s.heartbeat('some-other-member');
    expect(s.snapshot().state).toBe('rebalancing');
    s.heartbeat('m-1');
    s.polled();
    expect(s.verdict(GRACE)).toEqual({ ready: true });
    expect(s.snapshot()).toMatchObject({ state: 'member', memberId: 'm-1', partitions: 2 });
  });

  it('stopped is not ready', () => {
    const s = status();
    s.joined('m-1', {});
    s.stopped();
    expect(s.verdict(GRACE)).toEqual({ ready: false, reason: 'stopped' });
  });
});
