import type { Lab } from './lab';
import { isolationLab } from './labs/isolation.lab';
import { networkLab } from './labs/network.lab';
import { resourcesLab } from './labs/resources.lab';
import { scalingLab } from './labs/scaling.lab';
import { tracingLab } from './labs/tracing.lab';

export const LABS: readonly Lab[] = [
  isolationLab,
  scalingLab,
  resourcesLab,
  networkLab,
  tracingLab,
];

/** `npm run lab`: one line per lab. */
export function listing(labs: readonly Pick<Lab, 'name' | 'summary' | 'minutes'>[]): string[] {
  const width = Math.max(...labs.map((l) => l.name.length));
  return [
    'Guided labs (npm run lab -- <name>; options: --project NAME, --port N, --keep):',
    ...labs.map(
      (l) => `  ${l.name.padEnd(width)}  ~${l.minutes < 1 ? '<1' : l.minutes} min  ${l.summary}`,
    ),
  ];
}

export function findLab(labs: readonly Lab[], name: string): Lab {
  const lab = labs.find((l) => l.name === name);
  if (!lab) throw new Error(`no lab "${name}" (there are: ${labs.map((l) => l.name).join(', ')})`);
  return lab;
}
