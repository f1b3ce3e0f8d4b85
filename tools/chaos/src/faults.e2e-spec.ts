import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  COMPOSE_DIR,
  COMPOSE_PS_HEALTH_ARGS,
  expectEventually,
  freePort,
  waitUntilHealthy,
} from '@shop/testing';
import {
  FaultInjector,
  type FaultInjectorOptions,
  type FaultRecord,
  type FaultSpec,
} from './faults';
import { seededRandom } from './random';

const run = promisify(execFile);

/**
 * The fault injector against a real stack of its own (deploy/compose + chaos.yml, catalog x2 as
 * the chaos run starts it): each kind of fault is applied, seen to take effect, and seen healed.
 * The main e2e stack (global setup) is left alone: another project, other ports.
 */
const PROJECT = 'shop-chaos-faults';
const COMPOSE_FILES = ['docker-compose.yml', 'chaos.yml'];
const SEED = 1;

let env: NodeJS.ProcessEnv;
let options: FaultInjectorOptions;
let injector: FaultInjector;

async function compose(...args: string[]): Promise<string> {
  const files = COMPOSE_FILES.flatMap((file) => ['-f', file]);
  const { stdout } = await run('docker', ['compose', '-p', PROJECT, ...files, ...args], {
    cwd: COMPOSE_DIR,
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

const container = (service: string, replica = 1) => `${PROJECT}-${service}-${replica}`;

/** "running healthy", "exited ", "paused healthy", ... */
async function state(name: string): Promise<string> {
  const { stdout } = await run('docker', [
    'inspect',
    '-f',
    '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}',
    name,
  ]);
  return stdout.trim();
}

/** The service's GET /health/ready, run inside its container (the image's healthcheck script). */
async function ready(name: string): Promise<boolean> {
  try {
    await run('docker', ['exec', name, '/usr/local/bin/service-healthcheck'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * One round trip through a service's Postgres proxy, timed inside the service's container: a
 * Postgres SSLRequest (8 bytes) answered by one byte ('N'), over bash's /dev/tcp. Connecting is
 * not timed (a latency toxic delays data, not the handshake).
 */
async function postgresRoundTripMs(name: string, port: number): Promise<number> {
  const script = [
    `exec 3<>/dev/tcp/toxiproxy/${port}`,
    't0=$EPOCHREALTIME',
    "printf '\\x00\\x00\\x00\\x08\\x04\\xd2\\x16\\x2f' >&3",
    'IFS= read -r -n1 -t 10 answer <&3',
    't1=$EPOCHREALTIME',
    '[ "$answer" = N ] || { echo "unexpected answer: $answer" >&2; exit 1; }',
    'echo $(( (${t1/./} - ${t0/./}) / 1000 ))',
  ].join('\n');
  const { stdout } = await run('docker', ['exec', name, 'bash', '-c', script], { timeout: 15_000 });
  return Number(stdout.trim());
}

/** Starts a fault and returns its promise (it resolves once healed), so the test can watch it. */
function start(spec: FaultSpec, by = injector): Promise<FaultRecord> {
  const pending = by.inject(spec);
  pending.catch(() => undefined); // awaited by the test; never an unhandled rejection meanwhile
  return pending;
}

/**
 * Polls `assertion` while the fault is held: fails at once if inject() fails, and if the fault is
 * healed before the assertion ever passed (so a fault that did nothing cannot pass unseen).
 */
async function whileHeld<T>(fault: Promise<FaultRecord>, assertion: () => Promise<T>): Promise<T> {
  let held = true;
  const healed = fault.then(() => {
    held = false;
    throw new Error('the fault was healed before its effect was seen');
  });
  healed.catch(() => undefined);
  return Promise.race([
    expectEventually(async () => {
      if (!held) throw new Error('the fault was healed before its effect was seen');
      return assertion();
    }),
    healed,
  ]);
}

beforeAll(async () => {
  const [gatewayPort, toxiproxyPort] = [await freePort(), await freePort()];
  env = {
    ...process.env,
    GATEWAY_PORT: String(gatewayPort),
    TOXIPROXY_API_PORT: String(toxiproxyPort),
  };
  await compose('down', '--volumes', '--remove-orphans', '--timeout', '5'); // a crashed run's leftovers
  // Not `up --wait` (see waitUntilHealthy): a container unhealthy for a while is not a failure.
  await compose('up', '-d', '--scale', 'catalog=2');
  await waitUntilHealthy(() => compose(...COMPOSE_PS_HEALTH_ARGS), { timeoutMs: 300_000 });
  options = {
    project: PROJECT,
    composeFiles: COMPOSE_FILES,
    cwd: COMPOSE_DIR,
    env,
    toxiproxyUrl: `http://127.0.0.1:${toxiproxyPort}`,
    random: seededRandom(SEED),
  };
  injector = new FaultInjector(options);
}, 360_000);

afterAll(async () => {
  try {
    await injector?.healAll();
  } finally {
    await compose('down', '--volumes', '--remove-orphans', '--timeout', '5');
  }
}, 60_000);

describe('fault injector (own stack with the chaos overlay)', () => {
  it('routes every service through Toxiproxy (Postgres and Kafka see its address as the peer)', async () => {
    const { stdout: ip } = await run('docker', [
      'inspect',
      '-f',
      '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}',
      container('toxiproxy'),
    ]);
    const toxiproxyIp = ip.trim();
    const { stdout: sessions } = await run('docker', [
      'exec',
      container('postgres'),
      'psql',
      '-U',
      'postgres',
      '-Atc',
      "select datname || ' ' || host(client_addr) from pg_stat_activity where datname in ('accounts', 'catalog', 'cart', 'orders', 'payments') group by 1",
    ]);
    const peers = sessions.trim().split('\n').sort();
    expect(peers).toEqual(
      ['accounts', 'cart', 'catalog', 'orders', 'payments'].map((db) => `${db} ${toxiproxyIp}`),
    );
    const { stdout: members } = await run('docker', [
      'exec',
      container('kafka'),
      '/opt/kafka/bin/kafka-consumer-groups.sh',
      '--bootstrap-server',
      'localhost:9092',
      '--describe',
      '--all-groups',
      '--members',
    ]);
    // GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS: the broker sees each client's peer address
    const rows = members
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([group, consumerId, host]) => host && consumerId.startsWith(`${group}-`))
      .map(([group, , host]) => `${group} ${host.replace(/^\//, '')}`);
    // catalog runs two replicas: two members
    expect(rows.sort()).toEqual(
      ['cart', 'catalog', 'catalog', 'orders', 'payments'].map((g) => `${g} ${toxiproxyIp}`),
    );
  }, 60_000);

  it('latency: a round trip through catalog->postgres is slower by both directions, then not', async () => {
    const baseline = await postgresRoundTripMs(container('catalog'), 15402);
    expect(baseline).toBeLessThan(150);
    const fault = start({
      kind: 'latency',
      target: 'catalog->postgres',
      durationMs: 4_000,
      latencyMs: 300,
    });
    const slowed = await whileHeld(fault, async () => {
      const ms = await postgresRoundTripMs(container('catalog'), 15402);
      expect(ms).toBeGreaterThanOrEqual(2 * 300 * 0.95);
      return ms;
    });
    const record = await fault;
    expect(record.affected).toEqual(['catalog-postgres']);
    expect(slowed).toBeLessThan(2 * 300 + 500);
    expect(await postgresRoundTripMs(container('catalog'), 15402)).toBeLessThan(150);
  }, 60_000);

  it('cut: catalog->kafka breaks catalog readiness only, and it comes back', async () => {
    const fault = start({ kind: 'cut', target: 'catalog->kafka', durationMs: 6_000 });
    await whileHeld(fault, async () => {
      expect(await ready(container('catalog', 1))).toBe(false);
      expect(await ready(container('catalog', 2))).toBe(false);
    });
    // the other services' Kafka traffic goes through their own proxies, untouched
    expect(await ready(container('orders'))).toBe(true);
    expect(await ready(container('payments'))).toBe(true);
    const record = await fault;
    expect(record.healedAt).toBeGreaterThanOrEqual(record.startedAt + 6_000);
    await expectEventually(
      async () => {
        expect(await ready(container('catalog', 1))).toBe(true);
        expect(await ready(container('catalog', 2))).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  }, 120_000);

  it('partition: payments->postgres stalls payments readiness, and it comes back', async () => {
    const fault = start({ kind: 'partition', target: 'payments->postgres', durationMs: 6_000 });
    await whileHeld(fault, async () => {
      expect(await ready(container('payments'))).toBe(false);
    });
    expect(await ready(container('cart'))).toBe(true);
    await fault;
    await expectEventually(
      async () => {
        expect(await ready(container('payments'))).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  }, 120_000);

  it('pause: orders is frozen, then running again', async () => {
    const fault = start({ kind: 'pause', target: 'orders', durationMs: 3_000 });
    await whileHeld(fault, async () => {
      expect(await state(container('orders'))).toMatch(/^paused/);
    });
    const record = await fault;
    expect(record.affected).toEqual([container('orders')]);
    expect(await state(container('orders'))).toMatch(/^running/);
    await expectEventually(async () => expect(await ready(container('orders'))).toBe(true), {
      timeoutMs: 30_000,
      intervalMs: 500,
    });
  }, 60_000);

  it('kill: one catalog replica (the seeded draw) is SIGKILLed, then started and healthy', async () => {
    // an injector of its own, fresh from the seed: its first draw picks the replica
    const seeded = new FaultInjector({ ...options, random: seededRandom(SEED) });
    const fault = start({ kind: 'kill', target: 'catalog', durationMs: 3_000 }, seeded);
    const down = await whileHeld(fault, async () => {
      const states = [await state(container('catalog', 1)), await state(container('catalog', 2))];
      expect(states.filter((s) => s.startsWith('exited'))).toHaveLength(1);
      return states[0].startsWith('exited') ? container('catalog', 1) : container('catalog', 2);
    });
    const record = await fault;
    // seed 1's first draw is 0.627: the second of the two replicas, ordered by name
    expect(record.affected).toEqual([down]);
    expect(down).toBe(container('catalog', 2));
    // a Node service's start (migrations, Kafka group join through Toxiproxy) took over 70 s at
    // a load average of 40 here; 25-35 s on a quiet machine
    await expectEventually(async () => expect(await state(down)).toBe('running healthy'), {
      timeoutMs: 180_000,
      intervalMs: 1_000,
    });
  }, 240_000);

  it('kill-all: every catalog replica is SIGKILLed, then all started and healthy', async () => {
    const fault = start({ kind: 'kill-all', target: 'catalog', durationMs: 3_000 });
    const replicas = [container('catalog', 1), container('catalog', 2)];
    await whileHeld(fault, async () => {
      for (const name of replicas) expect(await state(name)).toMatch(/^exited/);
    });
    const record = await fault;
    expect([...record.affected].sort()).toEqual(replicas);
    await expectEventually(
      async () => {
        for (const name of replicas) expect(await state(name)).toBe('running healthy');
      },
      { timeoutMs: 180_000, intervalMs: 1_000 },
    );
  }, 240_000);
});
