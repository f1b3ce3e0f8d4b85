// Measuring tools for `npm run bench`: load shapes (fixed rate, closed loop) and what the
// containers cost (CPU time from their cgroups, memory from `docker stats`).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { runOpenModel } from '../load/src/open-model';
import type { LatencyRecorder } from '../load/src/latency-recorder';

export type LatencySummary = ReturnType<LatencyRecorder['summary']>;

/**
 * One keep-alive connection pool per origin for the load generator: undici's `Pool` directly
 * (no `fetch` layer: Web streams, Response objects), so the generator costs as little CPU as it
 * can on the machine it shares with the system. `fetch` capped this bench near 2,500 req/s on
 * 2 cores where a bare server could answer far more (BENCHMARKS.md, "Where the time goes").
 */
function poolFor(url: URL, connections: number): Pool {
  return new Pool(url.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
}

async function getOnce(pool: Pool, path: string): Promise<boolean> {
  try {
    const { statusCode, body } = await pool.request({
      method: 'GET',
      path,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    await body.dump({ limit: Number.POSITIVE_INFINITY });
    return statusCode >= 200 && statusCode < 300;
  } catch {
    return false;
  }
}

/** GETs `url` at a fixed arrival rate (open model); latency from each scheduled time. */
export async function fixedRate(
  url: string,
  rate: number,
  durationS: number,
): Promise<LatencySummary & { generatorCpuPercent: number }> {
  const target = new URL(url);
  const pool = poolFor(target, 256);
  const cpu0 = process.cpuUsage();
  const { recorder, elapsedS } = await runOpenModel(
    async () => ((await getOnce(pool, target.pathname + target.search)) ? undefined : 'HTTP error'),
    { rate, durationS },
  );
  const generatorCpuPercent = cpuPercent(cpu0, elapsedS);
  await pool.close();
  return { ...recorder.summary(), generatorCpuPercent };
}

export interface ClosedLoopResult {
  readonly rps: number;
  readonly errors: number;
  readonly requests: number;
  /** The load generator's own CPU over the run, in % of one core. */
  readonly generatorCpuPercent: number;
}

/** Closed loop: `concurrency` workers GET back to back for `durationS`; completions per second. */
export async function closedLoop(
  url: string,
  concurrency: number,
  durationS: number,
): Promise<ClosedLoopResult> {
  const target = new URL(url);
  const path = target.pathname + target.search;
  const pool = poolFor(target, concurrency);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + durationS * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        if (await getOnce(pool, path)) done++;
        else errors++;
      }
    }),
  );
  const elapsedS = (performance.now() - t0) / 1000;
  const generatorCpuPercent = cpuPercent(cpu0, elapsedS);
  await pool.close();
  return { rps: done / elapsedS, errors, requests: done + errors, generatorCpuPercent };
}

/**
 * The same closed loop measured by autocannon (its own HTTP/1.1 client), the tool a user would
 * reach for: a cross-check that the figures are the system's, not the generator's.
 */
export async function autocannonLoop(
  url: string,
  connections: number,
  durationS: number,
): Promise<ClosedLoopResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await autocannon({ url, connections, duration: durationS, timeout: 10 });
  const elapsedS = (performance.now() - t0) / 1000;
  const ok = result['2xx'];
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    rps: ok / durationS,
    errors,
    requests: ok + errors,
    generatorCpuPercent: cpuPercent(cpu0, elapsedS),
  };
}

function cpuPercent(since: NodeJS.CpuUsage, elapsedS: number): number {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1e6 / elapsedS) * 100;
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

/** The healthcheck a container runs, as a command for `docker exec` (CMD or CMD-SHELL). */
export function healthcheckCommand(containerId: string): string[] | undefined {
  const out = execFileSync(
    'docker',
    ['inspect', '--format', '{{json .Config.Healthcheck.Test}}', containerId],
    { stdio: 'pipe' },
  ).toString();
  const test = JSON.parse(out) as string[] | null;
  if (!test || test.length < 2) return undefined;
  return test[0] === 'CMD-SHELL' ? ['sh', '-c', test[1]] : test.slice(1);
}
