import type { SystemSnapshot } from '@shop/contracts';
import type { GatewayConfig } from '../../config/gateway.config';
import type { UpstreamClient } from '../../proxy/application/upstream.client';
import { SystemMapService } from './system-map.service';

/** The service with its round (the network part) replaced: each round is counted and returns at once. */
function mapWithCountedRounds() {
  const map = new SystemMapService({} as GatewayConfig, {} as UpstreamClient);
  const rounds: number[] = [];
  jest
    .spyOn(map as unknown as { collect(at: number): Promise<SystemSnapshot> }, 'collect')
    .mockImplementation(async (at: number) => {
      rounds.push(at);
      return { at: new Date(at).toISOString() } as SystemSnapshot;
    });
  return { map, rounds };
}

describe('system map rounds', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-12-02T10:00:00.000Z') }));
  afterEach(() => jest.useRealTimers());

  it('shares a snapshot younger than a second between callers', async () => {
    const { map, rounds } = mapWithCountedRounds();
    const first = await map.snapshot();
    jest.advanceTimersByTime(999);
    expect(await map.snapshot()).toBe(first);
    jest.advanceTimersByTime(1);
    expect((await map.snapshot()).at).toBe('2026-12-02T10:00:01.000Z');
    expect(rounds).toHaveLength(2);
  });

  it('never gives a stream the snapshot it already has, even a millisecond early', async () => {
    const { map, rounds } = mapWithCountedRounds();
    const first = await map.snapshot();
    jest.advanceTimersByTime(999);
    const next = await map.snapshot(first.at);
    expect(next.at).toBe('2026-12-02T10:00:00.999Z');
    expect(rounds).toHaveLength(2);
    // another caller now shares the new one
    expect(await map.snapshot()).toBe(next);
  });
});
