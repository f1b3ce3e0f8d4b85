import { notHealthy, parseContainerStatuses, waitUntilHealthy } from './compose-health';

const ps = (...rows: string[]) => rows.map((row) => row.replace(/ /g, '\t')).join('\n') + '\n';

describe('compose health', () => {
  it('parses name, state and health; a container without a healthcheck has an empty health', () => {
    expect(parseContainerStatuses(ps('p-orders-1 running healthy', 'p-toxi-1 running'))).toEqual([
      { name: 'p-orders-1', state: 'running', health: 'healthy' },
      { name: 'p-toxi-1', state: 'running', health: '' },
    ]);
  });

  it('counts as not healthy: stopped, paused, starting and unhealthy containers', () => {
    const statuses = parseContainerStatuses(
      ps(
        'a running healthy',
        'b exited',
        'c paused healthy',
        'd running starting',
        'e running unhealthy',
        'f running',
      ),
    );
    expect(notHealthy(statuses).map((s) => s.name)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('waits through an unhealthy spell until every container is healthy', async () => {
    const answers = [
      ps('o running starting', 'k running healthy'),
      ps('o running unhealthy', 'k running healthy'),
      ps('o running healthy', 'k running healthy'),
    ];
    let calls = 0;
    await waitUntilHealthy(async () => answers[Math.min(calls++, answers.length - 1)], {
      timeoutMs: 5_000,
      intervalMs: 1,
    });
    expect(calls).toBe(3);
  });

  it('fails at the deadline naming the containers that are not healthy', async () => {
    await expect(
      waitUntilHealthy(
        async () => ps('p-orders-1 running unhealthy', 'p-kafka-1 running healthy'),
        {
          timeoutMs: 20,
          intervalMs: 5,
        },
      ),
    ).rejects.toThrow(/not healthy within 0 s: not healthy: p-orders-1 \(running, unhealthy\)$/);
  });

  it('an empty listing (a stack not created yet) is not healthy', async () => {
    await expect(
      waitUntilHealthy(async () => '', { timeoutMs: 10, intervalMs: 2 }),
    ).rejects.toThrow(/0 container\(s\) listed, 1 expected/);
  });
});
