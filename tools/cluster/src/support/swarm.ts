import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expectEventually } from '@shop/testing';

const run = promisify(execFile);

/** Names as tools/cluster/cluster.sh makes them (same environment variables). */
export const PREFIX = process.env['SHOP_SWARM_PREFIX'] ?? 'shop-swarm';
export const RUN_DIR = process.env['SHOP_SWARM_RUN'] ?? '/run/shop-swarm';
export const REGISTRY = `${PREFIX}-registry:5000`;
export const STACK = 'shop';
export const nodeContainer = (n: number) => `${PREFIX}-node-${n}`;
export const nodeSocket = (n: number) => `unix://${RUN_DIR}/node-${n}/docker.sock`;

/** `docker <args>` against the engine of node `node` (1, the manager, unless said otherwise). */
export async function docker(args: readonly string[], node = 1): Promise<string> {
  const { stdout } = await run('docker', [...args], {
    env: { ...process.env, DOCKER_HOST: nodeSocket(node), DOCKER_BUILDKIT: '0' },
    maxBuffer: 32 * 1024 * 1024,
  });
  return stdout.trim();
}

/** `docker <args>` against this machine's engine (which runs the node containers). */
export async function hostDocker(args: readonly string[]): Promise<string> {
  const env = { ...process.env };
  delete env['DOCKER_HOST'];
  const { stdout } = await run('docker', [...args], { env, maxBuffer: 8 * 1024 * 1024 });
  return stdout.trim();
}

export interface TaskInfo {
  readonly id: string;
  readonly node: string;
  readonly state: string;
  readonly desiredState: string;
  readonly containerId: string;
  readonly exitCode: number | null;
  readonly image: string;
  readonly message: string;
  readonly error: string;
}

/** Every task of a stack service (`catalog`), the ones being shut down and the dead included. */
export async function tasks(service: string): Promise<TaskInfo[]> {
  const ids = (await docker(['service', 'ps', '-q', '--no-trunc', `${STACK}_${service}`]))
    .split('\n')
    .filter(Boolean);
  if (ids.length === 0) return [];
  const nodeNames = new Map(
    (await docker(['node', 'ls', '--format', '{{.ID}} {{.Hostname}}']))
      .split('\n')
      .map((line) => line.split(' ') as [string, string]),
  );
  const raw = JSON.parse(await docker(['inspect', ...ids])) as {
    ID: string;
    NodeID: string;
    DesiredState: string;
    Spec: { ContainerSpec: { Image: string } };
    Status: {
      State: string;
      Message: string;
      Err?: string;
      ContainerStatus?: { ContainerID?: string; ExitCode?: number };
    };
  }[];
  return raw.map((t) => ({
    id: t.ID,
    node: nodeNames.get(t.NodeID) ?? t.NodeID,
    state: t.Status.State,
    desiredState: t.DesiredState,
    containerId: t.Status.ContainerStatus?.ContainerID ?? '',
    exitCode: t.Status.ContainerStatus?.ExitCode ?? null,
    image: t.Spec.ContainerSpec.Image.split('@')[0],
    message: t.Status.Message,
    error: t.Status.Err ?? '',
  }));
}

export const runningTasks = async (service: string) =>
  (await tasks(service)).filter((t) => t.state === 'running' && t.desiredState === 'running');

/** `service/<container hostname>` as the services' x-served-by header names a replica. */
export const replicaId = (service: string, task: TaskInfo) =>
  `${service}/${task.containerId.slice(0, 12)}`;

export interface NodeInfo {
  readonly hostname: string;
  readonly status: string;
  readonly availability: string;
}

export async function nodes(): Promise<NodeInfo[]> {
  return (await docker(['node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.Availability}}']))
    .split('\n')
    .map((line) => {
      const [hostname, status, availability] = line.split(' ');
      return { hostname, status, availability };
    });
}

const STACK_REPLICAS: Record<string, number> = {
  postgres: 1,
  kafka: 1,
  gateway: 1,
  accounts: 1,
  catalog: 3,
  cart: 1,
  orders: 1,
  payments: 2,
};

/**
 * Until every service has its replicas (the stack's defaults, overridable) running and healthy on
 * nodes that are up. (`docker service ls` is not enough after a node dies: it counts the dead
 * node's tasks as running until the node comes back.)
 */
export async function waitConverged(
  overrides: Record<string, number> = {},
  timeoutMs = 300_000,
): Promise<void> {
  const want = { ...STACK_REPLICAS, ...overrides };
  await expectEventually(
    async () => {
      const up = new Set(
        (await nodes()).filter((n) => n.status === 'Ready').map((n) => n.hostname),
      );
      const have: Record<string, string> = {};
      for (const name of Object.keys(want)) {
        const running = (await runningTasks(name)).filter((t) => up.has(t.node));
        have[name] = `${running.length}/${want[name]}`;
      }
      expect(have).toEqual(
        Object.fromEntries(Object.entries(want).map(([name, n]) => [name, `${n}/${n}`])),
      );
      // and no update or rollback still going on (a start-first update keeps the count)
      const moving: string[] = [];
      for (const name of Object.keys(want)) {
        const state = (await updateStatus(name)).State;
        if (state === 'updating' || state === 'rollback_started') moving.push(`${name} ${state}`);
      }
      expect(moving).toEqual([]);
    },
    { timeoutMs, intervalMs: 2_000 },
  );
}

export interface UpdateStatus {
  readonly State?: string;
  readonly Message?: string;
}

export async function updateStatus(service: string): Promise<UpdateStatus> {
  const text = await docker([
    'service',
    'inspect',
    '-f',
    '{{json .UpdateStatus}}',
    `${STACK}_${service}`,
  ]);
  return (text && text !== 'null' ? JSON.parse(text) : {}) as UpdateStatus;
}

/** The image a service's spec names now (without the digest Swarm pins). */
export async function specImage(service: string): Promise<string> {
  return (
    await docker([
      'service',
      'inspect',
      '-f',
      '{{.Spec.TaskTemplate.ContainerSpec.Image}}',
      `${STACK}_${service}`,
    ])
  ).split('@')[0];
}

/**
 * An image derived from `REGISTRY/shop/<service>:dev`, built on the manager and pushed to the
 * cluster's registry: `lines` are Dockerfile instructions after FROM.
 */
export async function pushVariant(service: string, tag: string, lines: string[]): Promise<string> {
  const ref = `${REGISTRY}/shop/${service}:${tag}`;
  const dockerfile = [`FROM ${REGISTRY}/shop/${service}:dev`, ...lines, ''].join('\n');
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      'docker',
      ['build', '-q', '-t', ref, '-'],
      { env: { ...process.env, DOCKER_HOST: nodeSocket(1), DOCKER_BUILDKIT: '0' } },
      (error) => (error ? reject(error) : resolve()),
    );
    child.stdin?.end(dockerfile);
  });
  await docker(['push', '-q', ref]);
  return ref;
}
