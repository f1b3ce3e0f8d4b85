// Issue 21: the containers of the running system are locked down, as deploy/compose says. Read
// from `docker inspect` and from inside the containers, never from the compose file: what counts
// is what Docker actually ran.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expectEventually } from '@shop/testing';
import { compose, composeExec, projectName, waitHealthy } from './support/compose';
import { getJson } from './support/gateway';

const run = promisify(execFile);

const NODE_SERVICES = [
  'gateway',
  'accounts',
  'catalog',
  'cart',
  'orders',
  'payments',
  'storefront',
] as const;
const BACKENDS = ['accounts', 'catalog', 'cart', 'orders', 'payments'] as const;
const CONTAINERS = ['postgres', 'kafka', ...NODE_SERVICES] as const;

/** The secrets each container gets, and nothing else (compose `secrets:`). */
const SECRETS: Record<(typeof CONTAINERS)[number], string[]> = {
  postgres: [
    'accounts_db_password',
    'cart_db_password',
    'catalog_db_password',
    'orders_db_password',
    'payments_db_password',
    'postgres_password',
  ],
  kafka: [],
  gateway: [],
  storefront: [],
  accounts: ['accounts_db_password', 'admin_password'],
  catalog: ['catalog_db_password'],
  cart: ['cart_db_password'],
  orders: ['orders_db_password'],
  payments: ['payments_db_password'],
};

/**
 * Where a container may write: its tmpfs mounts, and the data volume of Postgres and Kafka
 * (Kafka's /etc/kafka/secrets is a tmpfs only root could write, in place of an image VOLUME).
 */
const WRITABLE: Record<(typeof CONTAINERS)[number], string[]> = {
  postgres: ['/tmp', '/var/run/postgresql', '/var/lib/postgresql/data'],
  kafka: [
    '/etc/kafka/secrets',
    '/opt/kafka/config',
    '/opt/kafka/logs',
    '/tmp',
    '/var/lib/kafka/data',
  ],
  gateway: ['/tmp'],
  storefront: ['/tmp'],
  accounts: ['/tmp'],
  catalog: ['/tmp'],
  cart: ['/tmp'],
  orders: ['/tmp'],
  payments: ['/tmp'],
};

interface Inspected {
  Config: { User: string; Env: string[] };
  HostConfig: {
    ReadonlyRootfs: boolean;
    CapDrop: string[] | null;
    CapAdd: string[] | null;
    SecurityOpt: string[] | null;
    PidsLimit: number | null;
    Privileged: boolean;
    Memory: number;
    NanoCpus: number;
    Tmpfs: Record<string, string> | null;
    RestartPolicy: { Name: string };
  };
  Mounts: Array<{ Type: string; Destination: string; RW: boolean }>;
  State: { Running: boolean; Pid: number; Status: string; Health?: { Status: string } };
  RestartCount: number;
}

const containerName = (service: string) => `${projectName()}-${service}-1`;

async function inspect(service: string): Promise<Inspected> {
  const { stdout } = await run('docker', ['inspect', containerName(service)]);
  return (JSON.parse(stdout) as Inspected[])[0] as Inspected;
}

function secretsDir(): string {
  const env = JSON.parse(process.env['E2E_COMPOSE_ENV'] ?? '{}') as Record<string, string>;
  const dir = env['SHOP_SECRETS_DIR'];
  if (!dir) throw new Error('the e2e stack was started without SHOP_SECRETS_DIR');
  return dir;
}

/** A mount point in /proc/<pid>/mountinfo that can be written (rw), with its filesystem type. */
function writableMounts(mountinfo: string): Array<{ path: string; fsType: string }> {
  return mountinfo
    .trim()
    .split('\n')
    .map((line) => {
      const [before, after] = line.split(' - ');
      const fields = (before ?? '').split(' ');
      return {
        path: fields[4] ?? '',
        options: (fields[5] ?? '').split(','),
        fsType: (after ?? '').split(' ')[0] ?? '',
      };
    })
    .filter((m) => m.options.includes('rw'))
    .map(({ path, fsType }) => ({ path, fsType }));
}

// Kernel filesystems Docker mounts read-write in every container; a process without capabilities
// cannot write to them (proc/sys entries are root's, /dev/pts is terminals, mqueue is empty).
const KERNEL_FS = new Set(['proc', 'devpts', 'mqueue', 'cgroup', 'cgroup2', 'sysfs']);

describe('locked-down containers (docker inspect and inside them)', () => {
  it('every container: read-only root, no capabilities, no privilege escalation, a process limit, non-root, restarted unless stopped', async () => {
    for (const service of CONTAINERS) {
      const c = await inspect(service);
      const where = `${service}: `;
      expect({ where, readOnly: c.HostConfig.ReadonlyRootfs }).toEqual({ where, readOnly: true });
      expect({ where, drop: c.HostConfig.CapDrop }).toEqual({ where, drop: ['ALL'] });
      expect({ where, add: c.HostConfig.CapAdd ?? [] }).toEqual({ where, add: [] });
      expect({ where, opts: c.HostConfig.SecurityOpt }).toEqual({
        where,
        opts: ['no-new-privileges:true'],
      });
      expect({ where, privileged: c.HostConfig.Privileged }).toEqual({ where, privileged: false });
      expect(c.HostConfig.PidsLimit ?? 0).toBeGreaterThan(0);
      expect(c.HostConfig.PidsLimit ?? Infinity).toBeLessThanOrEqual(512);
      expect(c.HostConfig.Memory).toBeGreaterThan(0);
      expect(c.HostConfig.NanoCpus).toBeGreaterThan(0);
      expect({ where, user: c.Config.User }).not.toEqual({ where, user: '' });
      expect(['root', '0', '0:0']).not.toContain(c.Config.User.split(':')[0]);
      expect({ where, restart: c.HostConfig.RestartPolicy.Name }).toEqual({
        where,
        restart: 'unless-stopped',
      });
      const tmpfs = Object.keys(c.HostConfig.Tmpfs ?? {}).sort();
      const volumes = c.Mounts.filter((m) => m.RW && m.Type !== 'tmpfs').map((m) => m.Destination);
      expect({ where, writable: [...tmpfs, ...volumes].sort() }).toEqual({
        where,
        writable: [...WRITABLE[service]].sort(),
      });
    }
  });

  it('passwords are files under /run/secrets, read-only, each container only its own; none in any environment', async () => {
    const dir = secretsDir();
    const secretValues = Object.values(SECRETS)
      .flat()
      .map((name) => readFileSync(join(dir, name), 'utf8').trim());
    expect(secretValues.length).toBeGreaterThan(0);
    for (const service of CONTAINERS) {
      const c = await inspect(service);
      const secretMounts = c.Mounts.filter((m) => m.Destination.startsWith('/run/secrets/'));
      expect({ service, secrets: secretMounts.map((m) => m.Destination).sort() }).toEqual({
        service,
        secrets: SECRETS[service].map((name) => `/run/secrets/${name}`),
      });
      expect(secretMounts.every((m) => !m.RW)).toBe(true);
      for (const entry of c.Config.Env) {
        const [name = '', ...rest] = entry.split('=');
        const value = rest.join('=');
        if (/PASSWORD|SECRET/.test(name))
          expect({ service, name }).toEqual({ service, name: expect.stringMatching(/_FILE$/) });
        expect({ service, name, leaks: secretValues.includes(value) }).toEqual({
          service,
          name,
          leaks: false,
        });
      }
    }
    // The process itself reads its secret from the file (its environment has only the path).
    const environ = await composeExec('catalog', ['cat', '/proc/1/environ']);
    expect(environ.split('\0')).toContain('DB_PASSWORD_FILE=/run/secrets/catalog_db_password');
    expect(environ.split('\0').some((e) => e.startsWith('DB_PASSWORD='))).toBe(false);
  });

  it('a process in a service container can write only to its tmpfs and cannot gain a capability', async () => {
    const probe = [
      'for d in / /app /app/node_modules /home/node /var/tmp /usr/local/bin /etc /run/secrets; do',
      '  if touch "$d/.probe" 2>/dev/null; then echo "WRITABLE $d"; rm -f "$d/.probe"; fi',
      'done',
      'touch /tmp/.probe && rm /tmp/.probe && echo "TMP writable"',
      // mount is setuid root in Debian: with no-new-privileges it runs as the caller, who may not
      'if mount -t tmpfs none /tmp 2>/dev/null; then echo "MOUNTED"; fi',
      'grep -E "^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):" /proc/1/status /proc/self/status',
      'echo "MOUNTINFO"',
      'cat /proc/1/mountinfo',
    ].join('\n');
    for (const service of NODE_SERVICES) {
      const out = await composeExec(service, ['bash', '-c', probe]);
      const [checks = '', mountinfo = ''] = out.split('MOUNTINFO\n');
      expect({ service, writable: checks.match(/^WRITABLE .*$/gm) ?? [] }).toEqual({
        service,
        writable: [],
      });
      expect(checks).toContain('TMP writable');
      expect(checks).not.toContain('MOUNTED');
      for (const field of ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb']) {
        // PID 1 (the service) and the probing shell alike: an empty set
        expect(checks.match(new RegExp(`${field}:\\s+(\\w+)`, 'g'))).toEqual([
          `${field}:\t0000000000000000`,
          `${field}:\t0000000000000000`,
        ]);
      }
      expect(checks.match(/NoNewPrivs:\s+\d/g)).toEqual(['NoNewPrivs:\t1', 'NoNewPrivs:\t1']);
      const unexpected = writableMounts(mountinfo).filter(
        (m) => m.fsType !== 'tmpfs' && !KERNEL_FS.has(m.fsType),
      );
      expect({ service, unexpected }).toEqual({ service, unexpected: [] });
    }
  });

  it("each service's database user can connect to its own database only, and create no database or role", async () => {
    // From inside the service's container, with the service's own credentials (its secret).
    const script = `
      const { Client } = require('/app/node_modules/pg');
      const password = require('fs').readFileSync(process.env.DB_PASSWORD_FILE, 'utf8').trim();
      const connect = async (database) => {
        const client = new Client({ host: process.env.DB_HOST, port: Number(process.env.DB_PORT),
          user: process.env.DB_USER, password, database, connectionTimeoutMillis: 5000 });
        await client.connect();
        return client;
      };
      (async () => {
        const result = {};
        for (const db of ['accounts', 'catalog', 'cart', 'orders', 'payments', 'postgres', 'template1']) {
          try { const c = await connect(db); await c.end(); result[db] = 'connected'; }
          catch (e) { result[db] = e.code; }
        }
        const own = await connect(process.env.DB_NAME);
        for (const [name, sql] of [['createDatabase', 'CREATE DATABASE intruder'], ['createRole', 'CREATE ROLE intruder']]) {
          try { await own.query(sql); result[name] = 'done'; } catch (e) { result[name] = e.code; }
        }
        await own.end();
        process.stdout.write(JSON.stringify(result));
      })().catch((e) => { process.stderr.write(String(e)); process.exit(1); });`;
    for (const service of BACKENDS) {
      const out = await composeExec(service, ['node', '-e', script]);
      const expected: Record<string, string> = {
        postgres: '42501',
        template1: '42501',
        createDatabase: '42501',
        createRole: '42501',
      };
      for (const db of BACKENDS) expected[db] = db === service ? 'connected' : '42501';
      // 42501: insufficient_privilege ("permission denied for database ...")
      expect({ service, result: JSON.parse(out) }).toEqual({ service, result: expected });
    }
  });

  it('a changed secret takes effect on restart: a new database password for catalog', async () => {
    const file = join(secretsDir(), 'catalog_db_password');
    const before = readFileSync(file, 'utf8').trim();
    const after = `rotated-${Date.now()}`;
    writeFileSync(file, `${after}\n`);
    await compose('restart', 'postgres');
    await expectEventually(
      async () => expect((await inspect('postgres')).State.Health?.Status).toBe('healthy'),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    await compose('restart', 'catalog');
    await waitHealthy();
    const { status } = await getJson('/api/catalog/products?limit=1');
    expect(status).toBe(200);
    // Postgres took the new one and refuses the old one (28P01: invalid_password).
    const tryPassword = (password: string) =>
      composeExec('catalog', [
        'node',
        '-e',
        `const { Client } = require('/app/node_modules/pg');
         const c = new Client({ host: process.env.DB_HOST, port: Number(process.env.DB_PORT),
           user: 'catalog', database: 'catalog', password: process.argv[1] });
         c.connect().then(() => c.end()).then(() => process.stdout.write('ok'),
           (e) => process.stdout.write(String(e.code)));`,
        password,
      ]);
    expect(await tryPassword(after)).toBe('ok');
    expect(await tryPassword(before)).toBe('28P01');
  });

  it('`docker compose kill` leaves a service down; a crash (its process killed outside Docker) is restarted', async () => {
    await compose('kill', '-s', 'SIGKILL', 'payments');
    const killed = await inspect('payments');
    expect(killed.State.Running).toBe(false);
    // The restart policy would act within a second (Docker's first back-off is 100 ms): watch
    // for five that it does not.
    const watchUntil = Date.now() + 5_000;
    while (Date.now() < watchUntil) {
      const c = await inspect('payments');
      expect({ running: c.State.Running, restarts: c.RestartCount }).toEqual({
        running: false,
        restarts: killed.RestartCount,
      });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await compose('start', 'payments');
    await waitHealthy();

    // Killed by the kernel, not by Docker (as an out-of-memory kill or a crash would be).
    const running = await inspect('payments');
    process.kill(running.State.Pid, 'SIGKILL');
    await expectEventually(
      async () => {
        const c = await inspect('payments');
        expect(c.RestartCount).toBe(running.RestartCount + 1);
        expect(c.State.Health?.Status).toBe('healthy');
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    await waitHealthy();
  });
});
