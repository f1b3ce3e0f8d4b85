import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort, WORKSPACE_ROOT } from '@shop/testing';
import type { SystemHealth } from '@shop/contracts';
import type { Narrator } from './narrator';
import { request } from './shop';

const pexec = promisify(execFile);
/** Relative to the workspace root, where commands run: what is printed is what runs. */
const COMPOSE_FILE = 'deploy/compose/docker-compose.yml';
export const OWN_PROJECT = 'shop-lab';

export interface StackOptions {
  /** A running stack's project; undefined: start `shop-lab`. */
  readonly project?: string;
  readonly port?: number;
  readonly keep: boolean;
  /** Settings the running stack was started with, or the lab's own stack starts with. */
  readonly env?: Record<string, string>;
}

/** The compose stack a lab works on: its own (started and removed here) or a running one. */
export class LabStack {
  private constructor(
    readonly project: string,
    readonly port: number,
    /** True when the lab started it (and so removes it). */
    readonly own: boolean,
    private readonly keep: boolean,
    private readonly env: Record<string, string>,
    private readonly narrator: Narrator,
  ) {}

  get gateway(): string {
    return `http://localhost:${this.port}`;
  }

  /** The live system map: the storefront's page that draws it. */
  get systemMap(): string {
    return `${this.gateway}/system`;
  }

  static async open(options: StackOptions, narrator: Narrator): Promise<LabStack> {
    const env = options.env ?? {};
    if (options.project) {
      const probe = new LabStack(options.project, 0, false, true, env, narrator);
      const published = options.port
        ? undefined
        : (
            await probe.compose(['port', 'gateway', '8080'], { quiet: true }).catch(() => '')
          ).trim();
      const port = options.port ?? Number(published?.split(':').pop());
      if (!port)
        throw new Error(
          `no gateway of compose project "${options.project}" publishes a port: is it running? (docker compose ls)`,
        );
      return new LabStack(options.project, port, false, true, env, narrator);
    }
    const port = options.port ?? (await freePort());
    const stack = new LabStack(OWN_PROJECT, port, true, options.keep, env, narrator);
    narrator.begin(
      `Start the lab's own stack (compose project ${OWN_PROJECT}, gateway on port ${port})`,
      'Fresh volumes, every container healthy before the lab goes on (22-50 s on two cores).\nAnother stack you run (npm start) is left alone; --project NAME uses that one instead.',
    );
    await stack.compose(['down', '-v', '--remove-orphans'], { quiet: true });
    await stack.compose(['up', '-d']);
    // Not `up --wait`: it gives up at the first container it sees unhealthy, which a busy
    // machine shows for a while during start-up.
    const healthy = await stack.waitHealthy(300_000);
    if (!healthy) throw new Error('the stack was not healthy within 300 s (docker compose ps)');
    return stack;
  }

  /** Removes the stack the lab started (unless --keep); a running one is left as it was. */
  async close(): Promise<void> {
    if (!this.own) return;
    if (this.keep) {
      this.narrator.progress(
        `--keep: the stack stays up (gateway ${this.gateway}); remove it with: docker compose -p ${this.project} -f ${COMPOSE_FILE} down -v`,
      );
      return;
    }
    this.narrator.progress(`removing the lab's stack (docker compose -p ${this.project} down -v)`);
    await this.compose(['down', '-v', '--remove-orphans'], { quiet: true }).catch(() => undefined);
  }

  /** The container of one replica, as compose names it. */
  container(service: string, replica = 1): string {
    return `${this.project}-${service}-${replica}`;
  }

  composeArgv(args: readonly string[]): string[] {
    return ['docker', 'compose', '-p', this.project, '-f', COMPOSE_FILE, ...args];
  }

  /** `docker compose` on this stack, printed first unless quiet. */
  async compose(args: readonly string[], { quiet = false } = {}): Promise<string> {
    return this.run(this.composeArgv(args), quiet);
  }

  /** `docker <args>`, printed first unless quiet. */
  async docker(args: readonly string[], { quiet = false } = {}): Promise<string> {
    return this.run(['docker', ...args], quiet);
  }

  private async run(argv: string[], quiet: boolean): Promise<string> {
    if (!quiet) this.narrator.command(argv);
    const { stdout } = await pexec(argv[0], argv.slice(1), {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...this.env, GATEWAY_PORT: String(this.port || 8080) },
      maxBuffer: 64 << 20,
    });
    return stdout;
  }

  /** The containers of one service, replica numbers in order. */
  async replicas(service: string): Promise<string[]> {
    const names = await this.compose(['ps', '--format', '{{.Name}}', service], { quiet: true });
    return names
      .split('\n')
      .filter(Boolean)
      .sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()));
  }

  /** Waits, with progress lines, until every container of the stack reports healthy. */
  async waitHealthy(timeoutMs: number): Promise<boolean> {
    let last = '';
    const ok = await this.until(
      async () => {
        const states = (
          await this.compose(['ps', '--all', '--format', '{{.Health}}'], { quiet: true })
        )
          .split('\n')
          .filter(Boolean);
        const healthy = states.filter((s) => s === 'healthy').length;
        const line = `${healthy}/${states.length} containers healthy`;
        if (line !== last) this.narrator.progress(line);
        last = line;
        return states.length > 0 && healthy === states.length;
      },
      timeoutMs,
      1_000,
    );
    return ok && (await this.waitAllUp(60_000));
  }

  async health(): Promise<SystemHealth | undefined> {
    const answer = await request(this.gateway, 'GET', '/api/health', { timeoutMs: 5_000 });
    return answer.status === 200 ? (answer.body as SystemHealth) : undefined;
  }

  /** Polls `check` every `intervalMs` until it holds; false when `timeoutMs` passed first. */
  async until(
    check: () => Promise<boolean>,
    timeoutMs: number,
    intervalMs = 500,
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return true;
      if (Date.now() + intervalMs > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** Waits, with progress lines, until the gateway says every service is up. */
  async waitAllUp(timeoutMs = 180_000): Promise<boolean> {
    return this.narrator.during(
      'waiting for /api/health to say every service is up',
      this.until(async () => (await this.health())?.status === 'ok', timeoutMs),
    );
  }
}

/** `a=up b=down` from the gateway's health answer. */
export const healthLine = (health: SystemHealth | undefined): string =>
  health
    ? `${health.status}: ${Object.entries(health.services)
        .map(([s, state]) => `${s}=${state}`)
        .join(' ')}`
    : 'no answer';
