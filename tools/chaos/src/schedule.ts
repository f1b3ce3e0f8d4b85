// Which faults a chaos run injects, and when: drawn from the run's seeded random source, so the
// same seed and settings give the same schedule (a failing run is replayed with its seed). One
// fault at a time, each at a random moment of its own slot of the workload's duration.
import type { FaultSpec } from './faults';

export interface PlannedFault {
  /** When to inject it, ms after the workload started. */
  readonly atMs: number;
  readonly spec: FaultSpec;
}

export interface ScheduleOptions {
  readonly count: number;
  /** How long the workload is expected to run, ms. */
  readonly durationMs: number;
  readonly services: readonly string[];
  /** Services that talk to Postgres and Kafka (the targets of network faults). */
  readonly backends: readonly string[];
  readonly random: () => number;
}

/** Kinds and how often each is drawn, with the range of how long it lasts (ms). */
const KINDS = [
  { kind: 'kill', weight: 3, ms: [2_000, 12_000] },
  { kind: 'kill-all', weight: 1, ms: [2_000, 10_000] },
  { kind: 'pause', weight: 1.5, ms: [2_000, 8_000] },
  { kind: 'latency', weight: 1.5, ms: [5_000, 15_000] },
  { kind: 'cut', weight: 1.5, ms: [2_000, 8_000] },
  { kind: 'partition', weight: 1.5, ms: [3_000, 10_000] },
] as const;

export function planFaults(options: ScheduleOptions): PlannedFault[] {
  const { random } = options;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const total = KINDS.reduce((sum, k) => sum + k.weight, 0);
  const slot = options.durationMs / Math.max(1, options.count);
  const plan: PlannedFault[] = [];
  for (let i = 0; i < options.count; i++) {
    let r = random() * total;
    const choice = KINDS.find((k) => (r -= k.weight) < 0) ?? KINDS[0];
    const durationMs = Math.round(choice.ms[0] + random() * (choice.ms[1] - choice.ms[0]));
    let target: string;
    let latencyMs: number | undefined;
    switch (choice.kind) {
      case 'kill':
      case 'pause':
        target = pick([...options.services, 'kafka', 'postgres']);
        break;
      case 'kill-all':
        target = pick(options.services);
        break;
      default:
        target = `${pick(options.backends)}->${random() < 0.5 ? 'kafka' : 'postgres'}`;
        if (choice.kind === 'latency') latencyMs = 100 + Math.round(random() * 700);
    }
    // Inside its slot, leaving the fault room to end before the next slot starts.
    const room = Math.max(0, slot - durationMs);
    plan.push({
      atMs: Math.round(i * slot + random() * room),
      spec: { kind: choice.kind, target, durationMs, ...(latencyMs ? { latencyMs } : {}) },
    });
  }
  return plan;
}
