import { footprint } from './footprint';
import { fmt, ratio, section } from './format';

describe('bench figures', () => {
  it('writes a section as a blank line, its heading, the intro paragraph if any, then the body', () => {
    expect(section('Title', ['intro', 'more'], ['| a |'])).toEqual([
      '',
      '## Title',
      '',
      'intro',
      'more',
      '',
      '| a |',
    ]);
    expect(section('Title', [], ['| a |'])).toEqual(['', '## Title', '', '| a |']);
  });

  it('says n/a for a figure not measured and for a ratio to nothing', () => {
    expect(fmt(undefined)).toBe('n/a');
    expect(fmt(1.26)).toBe('1.3');
    expect(fmt(1.26, 0)).toBe('1');
    expect(ratio(3, 2)).toBe('1.50×');
    expect(ratio(3, 0)).toBe('n/a');
    expect(ratio(undefined, 2)).toBe('n/a');
  });

  it('counts every replica of the stack in the footprint, and leaves the bench-only variants out', () => {
    const lines = footprint({
      upSeconds: 42.25,
      idleMemory: { 'catalog-1': 100, 'catalog-2': 90, 'catalog-direct-1': 80, 'postgres-1': 50 },
      loadedMemory: { 'catalog-1': 120, 'catalog-2': 95, 'catalog-direct-1': 85 },
    });
    expect(lines).toEqual([
      '',
      '## Footprint',
      '',
      'Time from `docker compose up` (fresh volumes) to all healthy: **42.3 s**.',
      '',
      '| container | idle MiB | after the gateway load MiB |',
      '|---|---|---|',
      '| catalog-1 | 100 | 120 |',
      '| catalog-2 | 90 | 95 |',
      '| postgres-1 | 50 | n/a |',
      '| **whole stack** | **240** | **215** |',
    ]);
  });
});
