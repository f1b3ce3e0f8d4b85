/**
 * The chaos run's fault injector (issue 13): real faults on a real compose stack started with
 * `docker compose -f docker-compose.yml -f chaos.yml` (deploy/compose/chaos.yml).
 *
 *   const injector = new FaultInjector({ project, composeFiles: ['docker-compose.yml', 'chaos.yml'],
 *     cwd: <deploy/compose>, env, toxiproxyUrl: 'http://127.0.0.1:18474', random: seededRandom(seed) });
 *   const record = await injector.inject({ kind: 'kill', target: 'catalog', durationMs: 5_000 });
 *   await injector.healAll(); // at the end, or after an error: leave nothing broken behind
 *
 * Kinds and targets:
 *   kill       SIGKILL one running replica of a compose service (`docker kill -s KILL`; a random
 *              one, drawn from `random`, when several run), `docker start` after durationMs.
 *              target: 'catalog', 'kafka', 'postgres', 'gateway', ...
 *   kill-all   the same for every running replica of the service.
 *   pause      `docker pause` one replica (chosen as for kill), `docker unpause` after durationMs:
 *              a frozen process, its sockets open, not a dead one.
 *   latency    Toxiproxy latency toxic of latencyMs on both directions of the service's proxy:
 *              a round trip through it takes 2 x latencyMs more. target: '<service>->kafka' or
 *              '<service>->postgres' for accounts, catalog, cart, orders, payments.
 *   cut        reset_peer toxics (both directions) and the proxy disabled then enabled at once:
 *              open connections are closed now, every new one is accepted then reset (RST) on
 *              its first byte, until healed. The process sees "connection reset", fast.
 *   partition  timeout toxics with timeout 0 (both directions): connections stay open, bytes
 *              are dropped, nothing answers; the process sees time-outs. On heal Toxiproxy closes
 *              the connections that were partitioned (a timeout toxic closes its links when it is
 *              removed), so clients reconnect on fresh ones.
 *
 * inject() applies the fault, holds it durationMs, heals it and resolves once healed with a
 * FaultRecord: `startedAt` is taken just before the fault is applied and `healedAt` once the heal
 * command returned, so [startedAt, healedAt] covers every moment the fault may have been in effect.
 * Healing does not wait for the victim to be healthy again: recovery time is the run's to measure.
 * Faults on different targets may overlap (toxics are named per fault id); healAll() undoes
 * everything in effect, best effort: unpauses every paused container of the project, starts
 * every container this injector killed, and resets Toxiproxy (all toxics removed, all proxies on).
 *
 * Every random choice comes from `options.random` (seededRandom from ./random), one draw per
 * kill/pause, so a run replays from its seed. The replicas are ordered by name before the draw.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type FaultKind = 'kill' | 'kill-all' | 'pause' | 'latency' | 'cut' | 'partition';

export interface FaultSpec {
  readonly kind: FaultKind;
  /** A compose service for kill / kill-all / pause; '<service>->kafka|postgres' for the others. */
  readonly target: string;
  /** How long the fault is held before it is healed. */
  readonly durationMs: number;
  /** Added latency per direction, for kind 'latency' (required there). */
  readonly latencyMs?: number;
}

export interface FaultRecord extends FaultSpec {
  /** 1, 2, ... in the order inject() was called. */
  readonly id: number;
  /** Just before the fault was applied (ms since the epoch). */
  readonly startedAt: number;
  /** Once the heal command returned; absent if healing failed. */
  healedAt?: number;
  /** What was done, for the history and the report, e.g. "SIGKILL shop-catalog-2 (1 of 2 replicas)". */
  detail: string;
  /** The containers (kill, kill-all, pause) or the Toxiproxy proxy (network kinds) hit. */
  readonly affected: readonly string[];
}

export interface FaultInjectorOptions {
  /** The compose project name (`-p`). */
  readonly project: string;
  /** Compose files, relative to cwd: ['docker-compose.yml', 'chaos.yml']. */
  readonly composeFiles: readonly string[];
  /** deploy/compose (where the files and .env are). */
  readonly cwd: string;
  /** Environment for docker / docker compose (the stack's settings, DOCKER_HOST, ...). */
  readonly env: NodeJS.ProcessEnv;
  /** Toxiproxy's API as published by chaos.yml, e.g. 'http://127.0.0.1:18474'. */
  readonly toxiproxyUrl: string;
  /** Source of every random choice: seededRandom(seed), so a run replays. */
  readonly random: () => number;
}

/** The services that have their own proxies in chaos.yml, and the dependencies proxied. */
export const PROXIED_SERVICES = ['accounts', 'catalog', 'cart', 'orders', 'payments'] as const;
export const PROXIED_DEPENDENCIES = ['kafka', 'postgres'] as const;

const NETWORK_KINDS: ReadonlySet<FaultKind> = new Set(['latency', 'cut', 'partition']);

/** 'catalog->kafka' -> 'catalog-kafka', the proxy's name in deploy/compose/chaos/toxiproxy.json. */
export function proxyFor(target: string): string {
  const [service, dependency, ...rest] = target.split('->');
  if (
    rest.length > 0 ||
    !(PROXIED_SERVICES as readonly string[]).includes(service) ||
    !(PROXIED_DEPENDENCIES as readonly string[]).includes(dependency)
  ) {
    throw new Error(
      `network fault target must be '<${PROXIED_SERVICES.join('|')}>-><${PROXIED_DEPENDENCIES.join('|')}>', got '${target}'`,
    );
  }
  return `${service}-${dependency}`;
}

/** Checks a spec before anything is done, so a bad one fails without touching the stack. */
export function validateSpec(spec: FaultSpec): void {
  if (!Number.isFinite(spec.durationMs) || spec.durationMs < 0) {
    throw new Error(`durationMs must be a non-negative number, got ${spec.durationMs}`);
  }
  if (NETWORK_KINDS.has(spec.kind)) {
    proxyFor(spec.target);
    if (
      spec.kind === 'latency' &&
      (spec.latencyMs === undefined || !Number.isInteger(spec.latencyMs) || spec.latencyMs <= 0)
    ) {
      throw new Error(`latency needs a positive integer latencyMs, got ${spec.latencyMs}`);
    }
    return;
  }
  if (!['kill', 'kill-all', 'pause'].includes(spec.kind)) {
    throw new Error(`unknown fault kind '${spec.kind as string}'`);
  }
  if (!/^[a-z][a-z0-9-]*$/.test(spec.target)) {
    throw new Error(`${spec.kind} needs a compose service as target, got '${spec.target}'`);
  }
}

/** Picks one of `items` (already in a stable order) with one draw from `random`. */
export function pick<T>(items: readonly T[], random: () => number): T {
  if (items.length === 0) throw new Error('nothing to pick from');
  const index = Math.min(items.length - 1, Math.floor(random() * items.length));
  return items[index];
}

interface Container {
  readonly name: string;
  readonly service: string;
  readonly state: string;
}

/** The two directions of a proxy, as Toxiproxy names them. */
const STREAMS = ['upstream', 'downstream'] as const;

export class FaultInjector {
  private nextId = 1;
  /** Containers this injector killed and has not started again (for healAll). */
  private readonly killed = new Set<string>();

  constructor(private readonly options: FaultInjectorOptions) {}

  async inject(spec: FaultSpec): Promise<FaultRecord> {
    validateSpec(spec);
    const id = this.nextId++;
    const startedAt = Date.now();
    const { heal, detail, affected } = await this.apply(id, spec);
    const record: FaultRecord = { ...spec, id, startedAt, detail, affected };
    await delay(spec.durationMs);
    await heal();
    record.healedAt = Date.now();
    return record;
  }

  async healAll(): Promise<void> {
    const failures: string[] = [];
    const attempt = async (what: string, step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (error) {
        failures.push(`${what}: ${(error as Error).message}`);
      }
    };
    await attempt('toxiproxy reset', () => this.toxiproxy('POST', '/reset'));
    const containers = await this.containers().catch((error: Error) => {
      failures.push(`list containers: ${error.message}`);
      return [] as Container[];
    });
    const paused = containers.filter((c) => c.state === 'paused').map((c) => c.name);
    if (paused.length > 0) await attempt('unpause', () => this.docker('unpause', ...paused));
    const stopped = containers
      .filter((c) => this.killed.has(c.name) && c.state !== 'running' && c.state !== 'paused')
      .map((c) => c.name);
    if (stopped.length > 0) await attempt('start', () => this.docker('start', ...stopped));
    this.killed.clear();
    if (failures.length > 0)
      throw new Error(`healAll (best effort) failed: ${failures.join('; ')}`);
  }

  private async apply(
    id: number,
    spec: FaultSpec,
  ): Promise<{ heal: () => Promise<void>; detail: string; affected: string[] }> {
    switch (spec.kind) {
      case 'kill':
      case 'kill-all': {
        const replicas = await this.running(spec.target);
        const victims = spec.kind === 'kill' ? [pick(replicas, this.options.random)] : replicas;
        await this.docker('kill', '-s', 'KILL', ...victims);
        for (const name of victims) this.killed.add(name);
        return {
          detail: `SIGKILL ${victims.join(', ')} (${victims.length} of ${replicas.length} replica${replicas.length > 1 ? 's' : ''}), started again after ${spec.durationMs} ms`,
          affected: victims,
          heal: async () => {
            await this.docker('start', ...victims);
            for (const name of victims) this.killed.delete(name);
          },
        };
      }
      case 'pause': {
        const replicas = await this.running(spec.target);
        const victim = pick(replicas, this.options.random);
        const attempts = await this.pause(victim);
        return {
          detail: `docker pause ${victim} (1 of ${replicas.length} replica${replicas.length > 1 ? 's' : ''}${attempts > 1 ? `, frozen at attempt ${attempts}` : ''}), unpaused after ${spec.durationMs} ms`,
          affected: [victim],
          heal: () => this.docker('unpause', victim).then(() => undefined),
        };
      }
      case 'latency':
        return this.toxics(
          id,
          spec,
          'latency',
          { latency: spec.latencyMs, jitter: 0 },
          () => `latency ${spec.latencyMs} ms each way`,
        );
      case 'cut':
        return this.toxics(id, spec, 'reset_peer', { timeout: 0 }, async (proxy) => {
          // the toxic only acts on bytes that flow from now on: an idle pooled connection would
          // survive; turning the proxy off and on closes every open connection now
          await this.toxiproxy('POST', `/proxies/${proxy}`, { enabled: false });
          await this.toxiproxy('POST', `/proxies/${proxy}`, { enabled: true });
          return 'connections reset (open ones closed, new ones reset on their first byte)';
        });
      case 'partition':
        return this.toxics(
          id,
          spec,
          'timeout',
          { timeout: 0 },
          () => 'partition (connections stay open, no byte passes either way)',
        );
      default: {
        const unknown: never = spec.kind;
        throw new Error(`unknown fault kind '${unknown as string}'`);
      }
    }
  }

  /** Adds one toxic per direction on the target's proxy; heal removes exactly those. */
  private async toxics(
    id: number,
    spec: FaultSpec,
    type: string,
    attributes: Record<string, unknown>,
    afterAdding: (proxy: string) => string | Promise<string>,
  ): Promise<{ heal: () => Promise<void>; detail: string; affected: string[] }> {
    const proxy = proxyFor(spec.target);
    const names = STREAMS.map((stream) => `fault-${id}-${type}-${stream}`);
    const heal = async () => {
      for (const name of names) {
        await this.toxiproxy('DELETE', `/proxies/${proxy}/toxics/${name}`, undefined, [404]);
      }
    };
    try {
      for (const [index, stream] of STREAMS.entries()) {
        await this.toxiproxy('POST', `/proxies/${proxy}/toxics`, {
          name: names[index],
          type,
          stream,
          toxicity: 1,
          attributes,
        });
      }
      const what = await afterAdding(proxy);
      return {
        heal,
        affected: [proxy],
        detail: `${what} on proxy ${proxy} (${spec.target}), healed after ${spec.durationMs} ms`,
      };
    } catch (error) {
      await heal().catch(() => undefined); // a half-applied fault is taken back
      throw error;
    }
  }

  /**
   * `docker pause`, again when the engine could not freeze the container: with cgroup v1 the
   * freezer gives up ("OCI runtime pause failed: unable to freeze") when processes keep entering
   * the cgroup while it freezes, e.g. a healthcheck exec'd at that moment on a loaded machine
   * (seen here once in three runs). runc thaws the container again after such a failure.
   * Returns the attempt that worked.
   */
  private async pause(container: string, attempts = 5): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.docker('pause', container);
        return attempt;
      } catch (error) {
        if (attempt >= attempts || !/unable to freeze/i.test(String(error))) throw error;
        await delay(200 * attempt);
      }
    }
  }

  /** Running replicas of a compose service, ordered by name so a seeded draw replays. */
  private async running(service: string): Promise<string[]> {
    const all = await this.containers();
    const replicas = all
      .filter((c) => c.service === service && c.state === 'running')
      .map((c) => c.name)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (replicas.length === 0) {
      const states = all.filter((c) => c.service === service).map((c) => `${c.name}=${c.state}`);
      throw new Error(
        `no running container of service '${service}' in project ${this.options.project} (${states.join(', ') || 'none'})`,
      );
    }
    return replicas;
  }

  /** Every container of the project (one-off `compose run` containers excluded). */
  private async containers(): Promise<Container[]> {
    const args = ['compose', '-p', this.options.project];
    for (const file of this.options.composeFiles) args.push('-f', file);
    args.push('ps', '--all', '--format', '{{.Name}}\t{{.Service}}\t{{.State}}');
    const { stdout } = await run('docker', args, {
      cwd: this.options.cwd,
      env: this.options.env,
      maxBuffer: 4 * 1024 * 1024,
    });
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [name, service, state] = line.trim().split('\t');
        return { name, service, state: state?.toLowerCase() ?? '' };
      });
  }

  private async docker(...args: string[]): Promise<string> {
    const { stdout } = await run('docker', args, { cwd: this.options.cwd, env: this.options.env });
    return stdout;
  }

  private async toxiproxy(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    okStatuses: readonly number[] = [],
  ): Promise<unknown> {
    const response = await fetch(new URL(path, this.options.toxiproxyUrl), {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok && !okStatuses.includes(response.status)) {
      throw new Error(`toxiproxy ${method} ${path}: ${response.status} ${text.trim()}`);
    }
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
