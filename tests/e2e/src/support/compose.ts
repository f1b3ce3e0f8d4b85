import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  COMPOSE_DIR,
  COMPOSE_PS_HEALTH_ARGS,
  expectEventually,
  waitUntilHealthy,
} from '@shop/testing';
import type { SystemHealth } from '@shop/contracts';
import { getJson } from './gateway';

const run = promisify(execFile);

/** The compose project under test (set by the global setup). */
export function projectName(): string {
  const name = process.env['E2E_COMPOSE_PROJECT'];
  if (!name)
    throw new Error('E2E_COMPOSE_PROJECT is not set: run through tests/e2e/jest.config.js');
  return name;
}

/** `docker compose <args>` on the stack under test, with the settings it was started with. */
export async function compose(...args: string[]): Promise<string> {
  const { stdout } = await run(
    'docker',
    ['compose', '-p', projectName(), '-f', join(COMPOSE_DIR, 'docker-compose.yml'), ...args],
    {
      cwd: COMPOSE_DIR,
      env: {
        ...process.env,
        ...(JSON.parse(process.env['E2E_COMPOSE_ENV'] ?? '{}') as Record<string, string>),
        GATEWAY_PORT: new URL(process.env['E2E_GATEWAY_URL'] ?? '').port,
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return stdout;
}

/**
 * `docker compose up -d --no-recreate [--scale SERVICE=N] SERVICE`, then waits until every
 * container of that service is running and healthy (others are left as they are: a test may
 * have killed one on purpose). Not `up --wait`: it gives up at the first container it sees
 * unhealthy (see libs/testing/src/compose/compose-health.ts).
 */
export async function upHealthy(service: string, replicas?: number): Promise<void> {
  const scale = replicas === undefined ? [] : ['--scale', `${service}=${replicas}`];
  await compose('up', '-d', '--no-recreate', ...scale, service);
  await waitUntilHealthy(() => compose(...COMPOSE_PS_HEALTH_ARGS, service), {
    timeoutMs: 180_000,
    atLeast: replicas ?? 1,
  });
}

/** Runs a command in the first container of a compose service and returns its stdout. */
export async function composeExec(service: string, command: string[]): Promise<string> {
  const { stdout } = await run('docker', ['exec', `${projectName()}-${service}-1`, ...command]);
  return stdout;
}

/** SIGKILL, as `docker compose kill` does: no goodbye, no graceful shutdown. */
export async function kill(service: string): Promise<void> {
  await compose('kill', '-s', 'SIGKILL', service);
}

/** Starts a killed service again and waits until every container of the stack is healthy. */
export async function restart(service: string): Promise<void> {
  await compose('start', service);
  await waitHealthy();
}

export async function waitHealthy(timeoutMs = 180_000): Promise<void> {
  await expectEventually(
    async () => {
      const { body } = await getJson<SystemHealth>('/api/health');
      expect(body.status).toBe('ok');
    },
    { timeoutMs, intervalMs: 500 },
  );
}

/** Milliseconds a call takes. */
export async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = Date.now();
  const result = await call();
  return { ms: Date.now() - started, result };
}

/**
 * Another gateway on the stack's network, with the shipped settings unless `env` says otherwise
 * (the suite's own gateway runs with limits raised for its many test users), published on a
 * free loopback port. Stopped and removed by the returned function.
 */
export async function startExtraGateway(
  env: Record<string, string> = {},
): Promise<{ base: string; stop: () => Promise<void> }> {
  const name = `${projectName()}-gateway-extra-${Date.now()}`;
  const settings = Object.entries({ AUTH_RATE_LIMIT: '120', ...env }).flatMap(([k, v]) => [
    '-e',
    `${k}=${v}`,
  ]);
  await compose(
    'run',
    '-d',
    '--no-deps',
    '--name',
    name,
    '-p',
    '127.0.0.1::8080',
    ...settings,
    'gateway',
  );
  const stop = async () => {
    await run('docker', ['rm', '-f', name]);
  };
  try {
    const { stdout } = await run('docker', ['port', name, '8080/tcp']);
    const base = `http://${stdout.trim().split('\n')[0]}`;
    await expectEventually(
      async () => {
        const response = await fetch(`${base}/api/health`);
        expect(response.status).toBe(200);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    return { base, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `docker pause` / `unpause`: a frozen process, not a dead one. */
export async function pause(service: string): Promise<void> {
  await compose('pause', service);
}
export async function unpause(service: string): Promise<void> {
  await compose('unpause', service);
}
