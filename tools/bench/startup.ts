// `npm run bench:startup`: the stack's start and its idle cost, side by side for two versions of
// it (compose file and images), interleaved over rounds (about 5 minutes per version and round).
// Each sample: `docker compose down -v`, then `up -d --wait` from fresh volumes, timed, with the
// moment each container turned healthy and the CPU all of them used until then; then, after a
// settling pause, every container's idle CPU (cgroup) and memory (`docker stats`). The
// container's own healthchecks run as configured and count (they are part of the idle cost).
//
// A version is `label=<compose dir>:<image tag>`. By default the working tree's compose file and
// the `dev` images alone; to compare with an earlier commit, build it in a worktree:
//   git worktree add /tmp/shop-before <commit>
//   (cd /tmp/shop-before/deploy/compose && cp /work/main/deploy/compose/.env . ; \
//    SHOP_IMAGE_TAG=before docker compose build)
//   STARTUP_VERSIONS="before=/tmp/shop-before/deploy/compose:before,now=deploy/compose:dev" \
//     npm run bench:startup
// (.env: the offline stand-ins' image names, when provision.sh wrote one.)
// Rewrites the figures between the startup markers in BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { cpuMicros, memoryByContainer, projectContainers } from './measure';
import { writeBenchBlock } from './report';
import { benchLogger, fmt, meanOf, pause, ratio, runBench } from './tag-compare';

const PROJECT = 'shop-bench-startup';
const ROUNDS = Number(process.env['STARTUP_ROUNDS'] ?? 3);
const SETTLE_S = Number(process.env['STARTUP_SETTLE_S'] ?? 30);
const IDLE_S = Number(process.env['STARTUP_IDLE_S'] ?? 40);
const log = benchLogger();

interface Version {
  readonly label: string;
  readonly dir: string;
  readonly tag: string;
}

interface Sample {
  /** `up -d --wait` until it returned, seconds. */
  readonly upS: number;
  /** Seconds from `up` to each container's first passing healthcheck. */
  readonly healthyS: Record<string, number>;
  /** CPU seconds all containers used from `up` to all healthy. */
  readonly startCpuS: number;
  /** Idle CPU per container, % of one core. */
  readonly idlePercent: Record<string, number>;
  readonly memoryMiB: Record<string, number>;
}

function versions(): Version[] {
  const spec = process.env['STARTUP_VERSIONS'] ?? 'now=deploy/compose:dev';
  return spec.split(',').map((part) => {
    const m = /^([^=]+)=(.+):([^:]+)$/.exec(part.trim());
    if (!m) throw new Error(`STARTUP_VERSIONS: "${part}" is not label=<compose dir>:<image tag>`);
    return { label: m[1], dir: resolve(m[2]), tag: m[3] };
  });
}

function compose(version: Version, args: string[]): string {
  return execFileSync('docker', ['compose', '-p', PROJECT, ...args], {
    cwd: version.dir,
    env: { ...process.env, SHOP_IMAGE_TAG: version.tag, GATEWAY_PORT: '18390' },
    stdio: 'pipe',
    maxBuffer: 64 << 20,
  }).toString();
}

/** When each container of the project first turned healthy, from Docker's event log. */
function healthyTimes(since: number, until: number): Map<string, number> {
  const out = execFileSync(
    'docker',
    [
      'events',
      '--since',
      (since / 1000).toFixed(3),
      '--until',
      (until / 1000).toFixed(3),
      '--filter',
      `label=com.docker.compose.project=${PROJECT}`,
      '--filter',
      'event=health_status',
      '--format',
      '{{.TimeNano}} {{.Actor.Attributes.name}} {{.Status}}',
    ],
    { stdio: 'pipe' },
  ).toString();
  const first = new Map<string, number>();
  for (const line of out.trim().split('\n')) {
    const [nanos, name, ...status] = line.split(' ');
    if (!name || status.join(' ') !== 'health_status: healthy') continue;
    const service = name.replace(`${PROJECT}-`, '');
    if (!first.has(service)) first.set(service, Number(BigInt(nanos) / 1_000_000n));
  }
  return first;
}

async function sample(version: Version): Promise<Sample> {
  compose(version, ['down', '-v', '--remove-orphans']);
  try {
    const startedAt = Date.now();
    compose(version, ['up', '-d', '--wait', '--wait-timeout', '300']);
    const upS = (Date.now() - startedAt) / 1000;
    const containers = projectContainers(PROJECT);
    let startCpuUs = 0;
    for (const id of containers.values()) startCpuUs += cpuMicros(id) ?? 0;
    const healthyS: Record<string, number> = {};
    for (const [name, at] of healthyTimes(startedAt, Date.now()))
      healthyS[name] = (at - startedAt) / 1000;
    await pause(SETTLE_S * 1000);
    const before = new Map([...containers].map(([name, id]) => [name, cpuMicros(id) ?? 0]));
    const t0 = Date.now();
    await pause(IDLE_S * 1000);
    const seconds = (Date.now() - t0) / 1000;
    const idlePercent: Record<string, number> = {};
    for (const [name, id] of containers)
      idlePercent[name] = (((cpuMicros(id) ?? 0) - (before.get(name) ?? 0)) / 1e6 / seconds) * 100;
    return {
      upS,
      healthyS,
      startCpuS: startCpuUs / 1e6,
      idlePercent,
      memoryMiB: memoryByContainer(PROJECT),
    };
  } finally {
    compose(version, ['down', '-v', '--remove-orphans']);
  }
}

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const all = versions();
  const samples: Record<string, Sample[]> = Object.fromEntries(all.map((v) => [v.label, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const version of round % 2 === 0 ? all : [...all].reverse()) {
      log(
        `round ${round + 1}/${ROUNDS}: ${version.label} (${version.dir}, images :${version.tag})`,
      );
      const s = await sample(version);
      samples[version.label].push(s);
      log(
        `  healthy after ${fmt(s.upS, 1)} s (${fmt(s.startCpuS, 1)} s of CPU); idle ${fmt(sum(s.idlePercent), 1)}% of a core, ${fmt(sum(s.memoryMiB))} MiB`,
      );
    }
  }

  const labels = all.map((v) => v.label);
  const last = labels[labels.length - 1];
  const first = labels[0];
  const compare = labels.length > 1;
  const containers = [
    ...new Set(
      Object.values(samples).flatMap((xs) => xs.flatMap((s) => Object.keys(s.idlePercent))),
    ),
  ].sort();
  const row = (
    title: string,
    pick: (s: Sample) => number | undefined,
    digits: number,
    unit = '',
  ) => {
    const means = labels.map((l) => meanOf(samples[l], pick));
    return `| ${title} | ${means.map((m) => `${fmt(m, digits)}${unit}`).join(' | ')} |${compare ? ` ${ratio(means[0], means[means.length - 1])} |` : ''}`;
  };
  const header = `| | ${labels.join(' | ')} |${compare ? ` ${first} / ${last} |` : ''}`;
  const rule = `|---|${labels.map(() => '---|').join('')}${compare ? '---|' : ''}`;
  const lines = [
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${ROUNDS} rounds per version, alternating; means. Versions: ${all.map((v) => `${v.label} = ${v.dir.replace(resolve('.'), '.')} with images :${v.tag}`).join('; ')}. Reproduce: \`npm run bench:startup\` (see tools/bench/startup.ts).`,
    '',
    '### From `docker compose up` (fresh volumes) to all healthy',
    '',
    header,
    rule,
    row('`up -d --wait` returned, s', (s) => s.upS, 1),
    row('CPU used by all containers until then, s', (s) => s.startCpuS, 1),
    ...containers.map((c) => row(`${c} healthy at, s`, (s) => s.healthyS[c], 1)),
    '',
    `### Idle (${SETTLE_S} s after all healthy, over ${IDLE_S} s; healthchecks included)`,
    '',
    header,
    rule,
    row('**whole stack, % of one core**', (s) => sum(s.idlePercent), 1, '%'),
    row('**whole stack, MiB**', (s) => sum(s.memoryMiB), 0),
    ...containers.map((c) => row(`${c}, % of one core`, (s) => s.idlePercent[c], 2, '%')),
    ...containers.map((c) => row(`${c}, MiB`, (s) => s.memoryMiB[c], 0)),
  ];
  writeBenchBlock(
    '<!-- startup:begin (written by npm run bench:startup) -->',
    '<!-- startup:end -->',
    lines.join('\n'),
  );
  console.log(lines.join('\n'));
}

runBench('startup', main);
