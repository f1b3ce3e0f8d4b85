import { ReplicaResolver } from './replica-resolver';

describe('ReplicaResolver', () => {
  it('rotates over every address the name resolves to', async () => {
    const resolver = new ReplicaResolver('catalog', 60_000, async () => [
      '10.0.0.3',
      '10.0.0.1',
      '10.0.0.2',
    ]);
    const picks = [];
    for (let i = 0; i < 6; i++) picks.push(await resolver.pick());
    expect(picks).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.1', '10.0.0.2', '10.0.0.3']);
  });

  it('notices replicas coming and going when it resolves again', async () => {
    let answer = ['10.0.0.1'];
    const resolver = new ReplicaResolver('catalog', 0, async () => answer);
    expect(await resolver.pick()).toBe('10.0.0.1');
    answer = ['10.0.0.1', '10.0.0.2'];
    const picks = new Set([await resolver.pick(), await resolver.pick(), await resolver.pick()]);
    expect(picks).toEqual(new Set(['10.0.0.1', '10.0.0.2']));
  });

  it('drops a failed replica at once and resolves again on the next pick', async () => {
    let calls = 0;
    const resolver = new ReplicaResolver(
      'catalog',
      60_000,
      async () => (calls++, ['10.0.0.1', '10.0.0.2']),
    );
    await resolver.pick();
    resolver.forget('10.0.0.2');
    expect(resolver.known()).toEqual(['10.0.0.1']);
    await resolver.pick();
    expect(calls).toBe(2);
  });

  it('uses an IP as it is, and fails clearly when a name has no address', async () => {
    expect(await new ReplicaResolver('127.0.0.1').pick()).toBe('127.0.0.1');
    const gone = new ReplicaResolver('payments', 0, async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND payments'), { code: 'ENOTFOUND' });
    });
    await expect(gone.pick()).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
