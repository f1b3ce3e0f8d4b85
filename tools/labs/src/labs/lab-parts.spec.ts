import type { ReceivedSpan } from '@shop/testing';
import { shellLine } from '../narrator';
import { KILLS, PROBES } from './isolation.lab';
import { parsePs, publishedPorts } from './network.lab';
import { restoreArgs } from './resources.lab';
import { shareBars } from './scaling.lab';
import { logEntries, spanTree } from './tracing.lab';

describe('isolation: the kill matrix', () => {
  it('kills each of the five services once, and each takes down something of its own', () => {
    expect(KILLS.map((k) => k.service).sort()).toEqual([
      'accounts',
      'cart',
      'catalog',
      'orders',
      'payments',
    ]);
    for (const kill of KILLS) {
      expect(kill.degrades.length).toBeGreaterThan(0);
      for (const probe of kill.degrades) expect(PROBES).toContain(probe);
    }
  });
});

describe('network: published ports', () => {
  const gateway = {
    Service: 'gateway',
    Name: 'p-gateway-1',
    Publishers: [{ TargetPort: 8080, PublishedPort: 41789 }],
  };
  const catalog = {
    Service: 'catalog',
    Name: 'p-catalog-1',
    Publishers: [{ TargetPort: 3000, PublishedPort: 0 }],
  };

  it('reads compose ps JSON lines and a JSON array alike', () => {
    const lines = `${JSON.stringify(gateway)}\n${JSON.stringify(catalog)}\n`;
    expect(parsePs(lines)).toEqual([gateway, catalog]);
    expect(parsePs(JSON.stringify([gateway, catalog]))).toEqual([gateway, catalog]);
    expect(parsePs('')).toEqual([]);
  });

  it('counts only ports published on the host', () => {
    const ports = publishedPorts([gateway, catalog, { ...catalog, Name: 'p-catalog-2' }]);
    expect([...ports]).toEqual([
      ['gateway', [8080]],
      ['catalog', []],
    ]);
  });
});

describe('resources: restoring limits', () => {
  it('puts back CPU, memory and swap as docker inspect gave them', () => {
    expect(restoreArgs('c-1', { NanoCpus: 1e9, Memory: 402653184, MemorySwap: 805306368 })).toEqual(
      ['update', '--cpus', '1', '--memory', '402653184', '--memory-swap', '805306368', 'c-1'],
    );
    expect(restoreArgs('c-1', { NanoCpus: 5e8, Memory: 1, MemorySwap: 0 })).toContain('-1');
  });
});

describe('scaling: share bars', () => {
  it('draws one bar per replica with its share and count', () => {
    const bars = shareBars(['catalog/a', 'catalog/b', 'catalog/b', 'catalog/b']);
    expect(bars).toHaveLength(2);
    expect(bars[0]).toMatch(/^catalog\/a\s+#{10}\s+25% \(1\)$/);
    expect(bars[1]).toMatch(/^catalog\/b\s+#{30}\s+75% \(3\)$/);
  });
});

describe('tracing: logs and spans', () => {
  it('reads the JSON records of compose logs, skipping other lines', () => {
    const output = [
      '{"service":"gateway","trace_id":"ab","req":{"id":"r1"}}',
      'Migrations: none pending',
      'orders-1  | {"service":"orders","trace_id":"ab"}',
      '{broken',
    ].join('\n');
    expect(logEntries(output).map((e) => e.service)).toEqual(['gateway', 'orders']);
  });

  it('draws a trace as a tree, children under their parent', () => {
    const span = (spanId: string, parentSpanId: string, service: string, kind: number) =>
      ({
        traceId: 't',
        spanId,
        parentSpanId,
        service,
        kind,
        name: `op-${spanId}`,
        attributes: {},
      }) as ReceivedSpan;
    expect(
      spanTree([
        span('2', '1', 'orders', 2),
        span('1', 'caller', 'gateway', 2),
        span('3', '2', 'orders', 4),
      ]),
    ).toEqual(['gateway server op-1', '  orders server op-2', '    orders producer op-3']);
  });

  it('quotes what a shell would split', () => {
    expect(shellLine(['docker', 'exec', 'c', 'sh', '-c', 'echo 1 > /x'])).toBe(
      "docker exec c sh -c 'echo 1 > /x'",
    );
    expect(shellLine(['echo', "it's"])).toBe(`echo 'it'\\''s'`);
  });
});
