import type { Lab, LabContext } from '../lab';
import type { Check } from '../narrator';
import { healthLine } from '../stack';
import { readTraffic, trafficLine } from '../traffic';

const TARGET = 'catalog';
const CAPPED_CPUS = '0.1';
const CAPPED_MEMORY = '220m';
const RATE = 15;

/** The limits Docker holds for a container (docker inspect .HostConfig). */
export interface Limits {
  readonly NanoCpus: number;
  readonly Memory: number;
  readonly MemorySwap: number;
}

/** `docker update` arguments that put `limits` back. */
export function restoreArgs(container: string, limits: Limits): string[] {
  return [
    'update',
    '--cpus',
    limits.NanoCpus > 0 ? String(limits.NanoCpus / 1e9) : '0',
    '--memory',
    String(limits.Memory),
    '--memory-swap',
    String(limits.MemorySwap || -1),
    container,
  ];
}

/** Allocates and touches memory until the kernel stops it: run inside the capped container. */
const HOG =
  "const a = []; setInterval(() => a.push(Buffer.alloc(16 << 20, 1)), 20); console.log('allocating');";

export const resourcesLab: Lab = {
  name: 'resources',
  summary: `docker stats; cap ${TARGET}'s CPU and memory on the running container: its latency rises under load, an out-of-memory kill hits it alone`,
  minutes: 2,
  async run({ stack, narrator }: LabContext): Promise<Check[]> {
    const checks: Check[] = [];
    const container = stack.container(TARGET);
    const all = (await stack.compose(['ps', '--format', '{{.Name}}'], { quiet: true }))
      .split('\n')
      .filter(Boolean)
      .sort();
    const stats = async () =>
      narrator.show(
        await stack.docker([
          'stats',
          '--no-stream',
          '--format',
          'table {{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.PIDs}}',
          ...all,
        ]),
      );

    narrator.begin(
      'What each container uses, and its limits',
      'Every container runs with CPU and memory limits (compose deploy.resources.limits; services\n1 CPU / 384 MiB), so one runaway part cannot starve the others.',
    );
    await stats();
    const original = JSON.parse(
      await stack.docker(['inspect', '--format', '{{json .HostConfig}}', container]),
    ) as Limits;
    narrator.show(
      `${container}: ${original.NanoCpus / 1e9} CPU, ${(original.Memory / 2 ** 20).toFixed(0)} MiB`,
    );

    narrator.begin(`Reads at ${RATE}/s, ${TARGET} as it is`, 'The baseline latency.');
    const baseline = await narrator.during(
      'reading',
      readTraffic(stack.gateway, RATE, 10, narrator),
    );
    narrator.show(trafficLine(baseline));

    const restartsBefore = new Map<string, number>();
    for (const name of all)
      restartsBefore.set(
        name,
        Number(
          await stack.docker(['inspect', '--format', '{{.RestartCount}}', name], { quiet: true }),
        ),
      );
    let capped = false;
    try {
      narrator.begin(
        `Cap ${TARGET} at ${CAPPED_CPUS} CPU and ${CAPPED_MEMORY}, live`,
        "`docker update` changes a running container's cgroup limits: no restart. With a tenth of\na CPU, the kernel throttles it for most of every 100 ms period, so requests queue.",
      );
      await stack.docker([
        'update',
        '--cpus',
        CAPPED_CPUS,
        '--memory',
        CAPPED_MEMORY,
        '--memory-swap',
        CAPPED_MEMORY,
        container,
      ]);
      capped = true;
      const slow = await narrator.during('reading', readTraffic(stack.gateway, RATE, 10, narrator));
      narrator.show(trafficLine(slow));
      checks.push({
        name: `${TARGET}'s latency rose when capped (p95 at least doubled)`,
        ok: slow.p95 >= 2 * baseline.p95 && slow.p95 > baseline.p95 + 20,
        detail: `p95 ${baseline.p95.toFixed(0)} ms -> ${slow.p95.toFixed(0)} ms, p50 ${baseline.p50.toFixed(0)} -> ${slow.p50.toFixed(0)} ms`,
      });
      const health = await stack.health();
      narrator.show(`the others, meanwhile: ${healthLine(health)}`);
      await stats();
      narrator.progress(
        'CPU back to its limit first: a service restarting on a tenth of a CPU takes minutes',
      );
      await stack.docker(['update', '--cpus', String(original.NanoCpus / 1e9), container]);

      narrator.begin(
        `Out of memory: ${TARGET} alone is killed`,
        `A process inside ${TARGET} allocates memory until the cgroup's ${CAPPED_MEMORY} are used up. The kernel's\nOOM killer picks a victim in that cgroup only; the service's process is made its choice\n(oom_score_adj 1000), so the service dies, and Docker restarts it (restart: unless-stopped).\nNo other container notices.`,
      );
      const since = Math.floor(Date.now() / 1000) - 1;
      await stack.docker(['exec', container, 'sh', '-c', 'echo 1000 > /proc/1/oom_score_adj']);
      await stack.docker(['exec', '-d', container, 'node', '-e', HOG]);
      const restarted = await narrator.during(
        `waiting for ${TARGET} to be killed and restarted`,
        stack.until(
          async () =>
            Number(
              await stack.docker(['inspect', '--format', '{{.RestartCount}}', container], {
                quiet: true,
              }),
            ) > (restartsBefore.get(container) ?? 0),
          60_000,
        ),
      );
      const events = (
        await stack.docker([
          'events',
          '--since',
          String(since),
          '--until',
          String(Math.floor(Date.now() / 1000) + 1),
          '--filter',
          `label=com.docker.compose.project=${stack.project}`,
          '--filter',
          'event=oom',
          '--filter',
          'event=die',
          '--format',
          '{{.Actor.Attributes.name}} {{.Action}} {{.Actor.Attributes.exitCode}}',
        ])
      )
        .split('\n')
        .filter(Boolean);
      narrator.show(events.join('\n') || 'no events');
      const oomOf = new Set(events.filter((e) => / oom/.test(e)).map((e) => e.split(' ')[0]));
      const diedOf = new Set(events.filter((e) => / die/.test(e)).map((e) => e.split(' ')[0]));
      checks.push({
        name: `the out-of-memory kill hit ${TARGET} and Docker restarted it`,
        ok: restarted && oomOf.has(container),
        detail: `oom events: ${[...oomOf].join(', ') || 'none'}; restarted: ${restarted}`,
      });
      const others = [...new Set([...oomOf, ...diedOf])].filter((n) => n !== container);
      const otherRestarts = [];
      for (const name of all.filter((n) => n !== container)) {
        const now = Number(
          await stack.docker(['inspect', '--format', '{{.RestartCount}}', name], { quiet: true }),
        );
        if (now !== restartsBefore.get(name)) otherRestarts.push(name);
      }
      checks.push({
        name: 'no other container was killed or restarted',
        ok: others.length === 0 && otherRestarts.length === 0,
        detail:
          others.length + otherRestarts.length === 0
            ? `${all.length - 1} others untouched`
            : `${[...others, ...otherRestarts].join(', ')}`,
      });
      const back = await stack.waitAllUp();
      narrator.show(`GET /api/health: ${healthLine(await stack.health())}`);
      checks.push({
        name: `${TARGET} came back and every service is up`,
        ok: back,
        detail: back ? 'ok' : 'not within 180 s',
      });
    } finally {
      if (capped) {
        narrator.begin(`Restore ${TARGET}'s limits`, 'As compose set them.');
        await stack.docker(restoreArgs(container, original));
      }
    }
    const restored = JSON.parse(
      await stack.docker(['inspect', '--format', '{{json .HostConfig}}', container], {
        quiet: true,
      }),
    ) as Limits;
    checks.push({
      name: `${TARGET}'s limits restored`,
      ok: restored.NanoCpus === original.NanoCpus && restored.Memory === original.Memory,
      detail: `${restored.NanoCpus / 1e9} CPU, ${(restored.Memory / 2 ** 20).toFixed(0)} MiB`,
    });
    await stats();
    return checks;
  },
};
