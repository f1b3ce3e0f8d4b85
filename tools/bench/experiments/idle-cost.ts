// Idle cost: CPU per container with nothing sent to the system, with and without the kafkajs
// idle-loop fix, and the CPU one healthcheck run costs (the node-based check vs the bash one).
import { execCpuMicros, healthcheckCommand, projectContainers } from '../measure';
import { pause } from '../tag-compare';
import {
  BENCH_EXTRAS,
  KAFKA_SERVICES,
  STACK,
  first,
  idleCpu,
  type BenchContext,
  type CpuByContainer,
} from './context';
import { fmt, ratio, section } from './format';

export async function idleCost(
  ctx: BenchContext,
): Promise<{ idle: CpuByContainer; lines: string[] }> {
  const { compose, log, quick } = ctx;
  log('idle CPU per container, then again without the kafkajs idle-loop fix');
  const idleS = ctx.seconds(30);
  await pause(5_000); // let start-up work (topic creation, first polls) settle
  const idleFixed = await idleCpu(ctx, first([...STACK, ...BENCH_EXTRAS]), idleS);
  compose(['up', '-d', '--wait', ...KAFKA_SERVICES], { KAFKAJS_IDLE_LOOP_FIX: 'false' });
  await pause(5_000);
  const idleUnfixed = await idleCpu(ctx, first(KAFKA_SERVICES), idleS);
  compose(['up', '-d', '--wait', ...KAFKA_SERVICES]);
  log('  CPU per healthcheck run: the node-based check it replaced vs the bash one');
  const containers = projectContainers(ctx.project);
  const nodeCheck = [
    'node',
    '-e',
    "fetch('http://127.0.0.1:3000/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
  ];
  const checkRuns = quick ? 3 : 5;
  const healthcheck = {
    node: execCpuMicros(containers.get('catalog-1') ?? '', nodeCheck, checkRuns),
    bash: execCpuMicros(
      containers.get('catalog-1') ?? '',
      ['/usr/local/bin/service-healthcheck'],
      checkRuns,
    ),
    kafkaJvm: execCpuMicros(
      containers.get('kafka-1') ?? '',
      [
        'sh',
        '-c',
        '/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 > /dev/null',
      ],
      3,
    ),
    kafkaCheck: execCpuMicros(
      containers.get('kafka-1') ?? '',
      healthcheckCommand(containers.get('kafka-1') ?? '') ?? ['true'],
      checkRuns,
    ),
  };

  const rows = [`| container | idle CPU | without the kafkajs fix | ratio |`, `|---|---|---|---|`];
  for (const name of STACK) {
    const [fixed, unfixed] = [idleFixed[`${name}-1`], idleUnfixed[`${name}-1`]];
    const measured = KAFKA_SERVICES.includes(name);
    rows.push(
      `| ${name} | ${fmt(fixed, 2)}% | ${measured ? `${fmt(unfixed, 2)}%` : '—'} | ${measured ? ratio(unfixed, fixed) : ''} |`,
    );
  }
  const stackIdle = first(STACK)
    .map((n) => idleFixed[n] ?? 0)
    .reduce((a, b) => a + b, 0);
  rows.push(`| **whole stack** | **${fmt(stackIdle, 1)}%** | | |`);
  rows.push(
    '',
    '| one healthcheck run (CPU inside the container) | before | now | ratio |',
    '|---|---|---|---|',
    `| Node service: \`node -e fetch(...)\` → \`docker/service-healthcheck.sh\` (bash) | ${fmt((healthcheck.node ?? 0) / 1000)} ms | ${fmt((healthcheck.bash ?? 0) / 1000)} ms | ${ratio(healthcheck.node, healthcheck.bash)} |`,
    `| Kafka: \`kafka-broker-api-versions.sh\` (a JVM) → one Kafka request from bash (deploy/compose) | ${fmt((healthcheck.kafkaJvm ?? 0) / 1000)} ms | ${fmt((healthcheck.kafkaCheck ?? 0) / 1000)} ms | ${ratio(healthcheck.kafkaJvm, healthcheck.kafkaCheck)} |`,
  );
  const lines = section(
    'Idle cost (nothing sent to the system)',
    [
      `CPU in % of one core per container over ${idleS} s of idling. "Before" runs the same images`,
      'with `KAFKAJS_IDLE_LOOP_FIX=false` (recreated in this run); see "What was tuned" above.',
    ],
    rows,
  );
  return { idle: idleFixed, lines };
}
