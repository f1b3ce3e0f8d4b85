import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { WaitStrategy } from 'testcontainers';

const run = promisify(execFile);

/**
 * Waiting for a compose stack to be healthy, without `docker compose up --wait`: that gives up at
 * the first container it sees `unhealthy`, and a container can be unhealthy for a while and then
 * healthy. Docker 20.10 marks a killed or paused container unhealthy at once, and on a busy
 * two-core machine a service still joining Kafka after its start period fails a few checks
 * before its first success. Here only the deadline fails the wait, and the error names every
 * container not yet healthy and how each one is.
 */

/** `docker compose` arguments listing every container of the project: name, state, health. */
export const COMPOSE_PS_HEALTH_ARGS: readonly string[] = [
  'ps',
  '--all',
  '--format',
  '{{.Name}}\t{{.State}}\t{{.Health}}',
];

export interface ContainerStatus {
  readonly name: string;
  /** running, exited, paused, restarting, created, ... */
  readonly state: string;
  /** healthy, unhealthy, starting, or '' for a container without a healthcheck */
  readonly health: string;
}

/** Parses the output of `docker compose` with {@link COMPOSE_PS_HEALTH_ARGS}. */
export function parseContainerStatuses(output: string): ContainerStatus[] {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', state = '', health = ''] = line.split('\t');
      return { name, state, health };
    });
}

/** Containers not ready: not running, or with a healthcheck that does not say healthy. */
export function notHealthy(statuses: readonly ContainerStatus[]): ContainerStatus[] {
  return statuses.filter(
    (s) => s.state !== 'running' || (s.health !== '' && s.health !== 'healthy'),
  );
}

export const describeStatuses = (statuses: readonly ContainerStatus[]): string =>
  statuses.map((s) => `${s.name} (${[s.state, s.health].filter(Boolean).join(', ')})`).join('; ');

export interface WaitHealthyOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Containers expected at least (a stack still being created lists fewer). */
  readonly atLeast?: number;
}

/**
 * Polls `ps` (which returns the output of `docker compose ... ps` with
 * {@link COMPOSE_PS_HEALTH_ARGS}) until every container is running and healthy. Returns the
 * milliseconds it took; throws at the deadline naming the containers that were not.
 */
export async function waitUntilHealthy(
  ps: () => Promise<string>,
  { timeoutMs, intervalMs = 1_000, atLeast = 1 }: WaitHealthyOptions,
): Promise<number> {
  const started = Date.now();
  let last: ContainerStatus[] = [];
  let lastError: unknown;
  for (;;) {
    try {
      last = parseContainerStatuses(await ps());
      lastError = undefined;
      if (last.length >= atLeast && notHealthy(last).length === 0) return Date.now() - started;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started >= timeoutMs) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const why = lastError
    ? `docker compose ps failed: ${(lastError as Error).message}`
    : last.length < atLeast
      ? `${last.length} container(s) listed, ${atLeast} expected`
      : `not healthy: ${describeStatuses(notHealthy(last))}`;
  throw new Error(`the stack was not healthy within ${Math.round(timeoutMs / 1000)} s: ${why}`);
}

/**
 * {@link waitUntilHealthy} for a compose project: `docker compose -p PROJECT [-f FILE ...] ps`.
 * `cwd` is where the compose files are; `env` what the stack was started with.
 */
export function waitUntilProjectHealthy(
  project: { name: string; files?: readonly string[]; cwd?: string; env?: NodeJS.ProcessEnv },
  options: WaitHealthyOptions,
): Promise<number> {
  const files = (project.files ?? []).flatMap((file) => ['-f', file]);
  return waitUntilHealthy(async () => {
    const { stdout } = await run(
      'docker',
      ['compose', '-p', project.name, ...files, ...COMPOSE_PS_HEALTH_ARGS],
      { cwd: project.cwd, env: project.env ?? process.env, maxBuffer: 16 << 20 },
    );
    return stdout;
  }, options);
}

type WaitedContainer = Parameters<WaitStrategy['waitUntilReady']>[0];

/**
 * testcontainers' health-check wait, without giving up at the first `unhealthy` (its own
 * `Wait.forHealthCheck()` does, like `up --wait`): ready once Docker says healthy, failed only at
 * the startup timeout, naming the last health state and the last check's output.
 */
export class EventuallyHealthyWaitStrategy implements WaitStrategy {
  private timeoutMs = 300_000;
  private timeoutSet = false;

  async waitUntilReady(container: WaitedContainer): Promise<void> {
    const started = Date.now();
    let status: string;
    let lastOutput: string;
    for (;;) {
      const inspect = await container.inspect();
      const health = inspect.State.Health;
      status = health?.Status ?? inspect.State.Status;
      if (status === 'healthy') return;
      lastOutput = health?.Log?.at(-1)?.Output?.trim() ?? '';
      if (Date.now() - started >= this.timeoutMs) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(
      `${container.id.slice(0, 12)} not healthy within ${Math.round(this.timeoutMs / 1000)} s (${status}${lastOutput ? `: ${lastOutput.slice(0, 300)}` : ''})`,
    );
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.timeoutMs = startupTimeoutMs;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.timeoutMs;
  }
}
