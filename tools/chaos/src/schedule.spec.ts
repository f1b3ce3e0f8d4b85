import { seededRandom } from './random';
import { planFaults, type ScheduleOptions } from './schedule';

const options = (seed: number, count = 20): ScheduleOptions => ({
  count,
  durationMs: 200_000,
  services: ['accounts', 'catalog', 'cart', 'orders', 'payments', 'gateway'],
  backends: ['accounts', 'catalog', 'cart', 'orders', 'payments'],
  random: seededRandom(seed),
});

describe('planFaults', () => {
  it('gives the same schedule for the same seed, another for another seed', () => {
    expect(planFaults(options(7))).toEqual(planFaults(options(7)));
    expect(planFaults(options(7))).not.toEqual(planFaults(options(8)));
  });

  it('puts one fault in each slot of the run, ending before the next slot starts', () => {
    const plan = planFaults(options(42));
    expect(plan).toHaveLength(20);
    const slot = 200_000 / 20;
    plan.forEach((f, i) => {
      expect(f.atMs).toBeGreaterThanOrEqual(i * slot);
      if (f.spec.durationMs <= slot)
        expect(f.atMs + f.spec.durationMs).toBeLessThanOrEqual((i + 1) * slot);
    });
  });

  it('draws every kind over many faults, each with a valid target and duration', () => {
    const plan = planFaults(options(3, 300));
    const kinds = new Set(plan.map((f) => f.spec.kind));
    expect([...kinds].sort()).toEqual(['cut', 'kill', 'kill-all', 'latency', 'partition', 'pause']);
    for (const { spec } of plan) {
      expect(spec.durationMs).toBeGreaterThanOrEqual(2_000);
      expect(spec.durationMs).toBeLessThanOrEqual(15_000);
      if (spec.kind === 'latency' || spec.kind === 'cut' || spec.kind === 'partition')
        expect(spec.target).toMatch(/^(accounts|catalog|cart|orders|payments)->(kafka|postgres)$/);
      else if (spec.kind === 'kill-all')
        expect(['accounts', 'catalog', 'cart', 'orders', 'payments', 'gateway']).toContain(
          spec.target,
        );
      else
        expect([
          'accounts',
          'catalog',
          'cart',
          'orders',
          'payments',
          'gateway',
          'kafka',
          'postgres',
        ]).toContain(spec.target);
      if (spec.kind === 'latency') expect(spec.latencyMs).toBeGreaterThanOrEqual(100);
      else expect(spec.latencyMs).toBeUndefined();
    }
    // Kafka and Postgres themselves are killed or paused too, not only services.
    expect(plan.some((f) => f.spec.target === 'kafka')).toBe(true);
    expect(plan.some((f) => f.spec.target === 'postgres')).toBe(true);
  });
});
