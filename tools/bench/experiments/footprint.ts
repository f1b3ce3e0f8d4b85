// Footprint: time from `docker compose up` to all healthy, and memory per container of the
// stack, idle and right after the gateway load (measured by bench.ts and gateway-hop.ts).
import { STACK } from './context';
import { fmt, section, sum } from './format';

export interface FootprintFigures {
  /** Seconds from `docker compose up` (fresh volumes) to all healthy. */
  upSeconds: number;
  /** MiB per container (`catalog-1` → 180), idle and after the gateway load. */
  idleMemory: Record<string, number>;
  loadedMemory: Record<string, number>;
}

export function footprint({ upSeconds, idleMemory, loadedMemory }: FootprintFigures): string[] {
  const rows = [
    `Time from \`docker compose up\` (fresh volumes) to all healthy: **${fmt(upSeconds)} s**.`,
    '',
    `| container | idle MiB | after the gateway load MiB |`,
    `|---|---|---|`,
  ];
  const stackMemory = (m: Record<string, number>) =>
    Object.fromEntries(Object.entries(m).filter(([n]) => STACK.includes(n.replace(/-\d+$/, ''))));
  const idleStack = stackMemory(idleMemory);
  const loadedStack = stackMemory(loadedMemory);
  for (const name of Object.keys(idleStack).sort())
    rows.push(`| ${name} | ${fmt(idleStack[name], 0)} | ${fmt(loadedStack[name], 0)} |`);
  rows.push(
    `| **whole stack** | **${fmt(sum(idleStack), 0)}** | **${fmt(sum(loadedStack), 0)}** |`,
  );
  return section('Footprint', [], rows);
}
