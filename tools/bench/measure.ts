// Measuring tools for `npm run bench`: load shapes (fixed rate, closed loop) and what the
// containers cost (CPU time from their cgroups, memory from `docker stats`).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { runOpenModel } from '../../tests/load/src/open-model';
import type { LatencyRecorder } from '../../tests/load/src/latency-recorder';

export type LatencySummary = ReturnType<LatencyRecorder['summary']>;

/** GETs `url` at a fixed arrival rate (open model); latency from each scheduled time. */
export async function fixedRate(
  url: string,
  rate: number,
  durationS: number,
): Promise<LatencySummary> {
  const { recorder } = await runOpenModel(
    async () => {
      const r = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
      await r?.arrayBuffer().catch(() => undefined);
      return r?.ok ? undefined : `HTTP ${r?.status ?? 0}`;
    },
    { rate, durationS },
  );
  return recorder.summary();
}

/** Closed loop: `concurrency` workers GET back to back for `durationS`; completions per second. */
export async function closedLoop(
  url: string,
  concurrency: number,
  durationS: number,
): Promise<{ rps: number; errors: number; requests: number }> {
  const deadline = Date.now() + durationS * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const r = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
        if (r?.ok) done++;
        else errors++;
        await r?.arrayBuffer().catch(() => undefined);
      }
    }),
  );
  return { rps: done / durationS, errors, requests: done + errors };
}

/** Running containers of a compose project: service-n name → full container id. */
export function projectContainers(project: string): Map<string, string> {
  const out = execFileSync(
    'docker',
    [
      'ps',
      '--no-trunc',
      '--filter',
      `label=com.docker.compose.project=${project}`,
      '--format',
      '{{.ID}}\t{{.Names}}',
    ],
    { stdio: 'pipe' },
  ).toString();
  const result = new Map<string, string>();
  for (const line of out.trim().split('\n').filter(Boolean)) {
    const [id, name] = line.split('\t');
    result.set(name.replace(`${project}-`, ''), id);
  }
  return result;
}

/**
 * CPU time a container has used so far, in microseconds, read from its cgroup (v2 unified or
 * hybrid, cgroupfs or systemd driver; v1 cpuacct). Undefined where none is readable.
 */
export function cpuMicros(containerId: string): number | undefined {
  const v2 = [
    `/sys/fs/cgroup/system.slice/docker-${containerId}.scope/cpu.stat`,
    `/sys/fs/cgroup/docker/${containerId}/cpu.stat`,
    `/sys/fs/cgroup/unified/docker/${containerId}/cpu.stat`,
    `/sys/fs/cgroup/unified/system.slice/docker-${containerId}.scope/cpu.stat`,
  ];
  for (const path of v2) {
    if (!existsSync(path)) continue;
    const m = /usage_usec (\d+)/.exec(readFileSync(path, 'utf8'));
    if (m) return Number(m[1]);
  }
  for (const dir of ['cpuacct', 'cpu,cpuacct']) {
    const path = `/sys/fs/cgroup/${dir}/docker/${containerId}/cpuacct.usage`;
    if (existsSync(path)) return Number(readFileSync(path, 'utf8').trim()) / 1000;
  }
  return undefined;
}

/** CPU used by each named container while `work` runs, in microseconds. */
export async function cpuDuring<T>(
  containers: Map<string, string>,
  names: readonly string[],
  work: () => Promise<T>,
): Promise<{ result: T; cpuUs: Record<string, number | undefined>; seconds: number }> {
  const before = Object.fromEntries(names.map((n) => [n, cpuMicros(containers.get(n) ?? '')]));
  const t0 = Date.now();
  const result = await work();
  const seconds = (Date.now() - t0) / 1000;
  const cpuUs: Record<string, number | undefined> = {};
  for (const n of names) {
    const after = cpuMicros(containers.get(n) ?? '');
    cpuUs[n] = after !== undefined && before[n] !== undefined ? after - before[n] : undefined;
  }
  return { result, cpuUs, seconds };
}

/**
 * CPU µs each container used beyond its idle rate (`idlePercent`: % of one core, per container)
 * over `seconds`, so only the work the measured load caused is counted.
 */
export function aboveIdle(
  cpuUs: Record<string, number | undefined>,
  seconds: number,
  idlePercent: Record<string, number | undefined>,
): Record<string, number | undefined> {
  return Object.fromEntries(
    Object.entries(cpuUs).map(([name, used]) => [
      name,
      used === undefined ? undefined : used - ((idlePercent[name] ?? 0) / 100) * seconds * 1e6,
    ]),
  );
}

/** Memory in MiB per container of the project (`docker stats`). */
export function memoryByContainer(project: string): Record<string, number> {
  const out = execFileSync(
    'docker',
    ['stats', '--no-stream', '--format', '{{.Name}}\t{{.MemUsage}}'],
    { stdio: 'pipe' },
  ).toString();
  const units: Record<string, number> = { B: 1 / 1048576, KiB: 1 / 1024, MiB: 1, GiB: 1024 };
  const result: Record<string, number> = {};
  for (const line of out.trim().split('\n')) {
    const [name, usage] = line.split('\t');
    if (!name?.startsWith(`${project}-`)) continue;
    const m = /^([\d.]+)(B|KiB|MiB|GiB)/.exec(usage ?? '');
    if (m) result[name.replace(`${project}-`, '')] = Number(m[1]) * units[m[2]];
  }
  return result;
}

/** CPU (µs) one `docker exec` of `command` costs inside the container, median of `runs`. */
export function execCpuMicros(
  containerId: string,
  command: string[],
  runs: number,
): number | undefined {
  const costs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = cpuMicros(containerId);
    try {
      execFileSync('docker', ['exec', containerId, ...command], { stdio: 'pipe' });
    } catch {
      // an unhealthy answer still costs what it costs
    }
    const after = cpuMicros(containerId);
    if (before === undefined || after === undefined) return undefined;
    costs.push(after - before);
  }
  costs.sort((a, b) => a - b);
  return costs[Math.floor(costs.length / 2)];
}
