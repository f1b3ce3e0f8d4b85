import { findLab, LABS, listing } from './registry';

describe('the lab registry', () => {
  it('has the five labs of issue 15, each with a one-line summary', () => {
    expect(LABS.map((l) => l.name)).toEqual([
      'isolation',
      'scaling',
      'resources',
      'network',
      'tracing',
    ]);
    for (const lab of LABS) expect(lab.summary).not.toMatch(/\n|TODO/);
  });

  it('lists one line per lab after a heading, names aligned', () => {
    const lines = listing([
      { name: 'a', summary: 'first', minutes: 3 },
      { name: 'longer', summary: 'second', minutes: 0.5 },
    ]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('  a       ~3 min  first');
    expect(lines[2]).toBe('  longer  ~<1 min  second');
  });

  it('finds a lab by name, and names the labs when there is no such one', () => {
    expect(findLab(LABS, 'network').name).toBe('network');
    expect(() => findLab(LABS, 'nope')).toThrow(/no lab "nope" \(there are: isolation, scaling/);
  });
});
