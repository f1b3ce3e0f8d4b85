import type { Lab, LabContext } from '../lab';
import type { Check } from '../narrator';
import { answered, describeTally, judgeProbe, record, type Tally } from '../outcomes';
import { finalStatuses, newShopper, placeOrder, request, tally, type Shopper } from '../shop';
import { healthLine } from '../stack';

/** The requests the background traffic makes, each round. */
export const PROBES = [
  'browse',
  'read cart',
  'my account',
  'log in',
  'place order',
  'read order',
  'my payments',
] as const;
export type Probe = (typeof PROBES)[number];

/** The kill matrix (README, "Break it"): what each dead service takes down with it. */
export const KILLS: readonly { service: string; degrades: readonly Probe[]; why: string }[] = [
  {
    service: 'payments',
    degrades: ['my payments'],
    why: 'Payments only reacts to events: orders are still accepted (202 PENDING) and wait in Kafka\nfor it; only reading payments fails.',
  },
  {
    service: 'catalog',
    degrades: ['browse'],
    why: 'Catalog routes fail fast (the gateway circuit opens); cart, accounts and order placement\ndo not need it to answer now: the stock reservation waits in Kafka.',
  },
  {
    service: 'orders',
    degrades: ['place order', 'read order'],
    why: 'No orders can be placed or read, but browsing, carts and accounts carry on.',
  },
  {
    service: 'accounts',
    degrades: ['log in', 'my account'],
    why: 'Nobody new can log in, but tokens already issued keep working: services verify them\nwith cached keys, without asking accounts.',
  },
  {
    service: 'cart',
    degrades: ['read cart'],
    why: 'Only the cart is gone; orders can still be placed directly (POST /api/orders).',
  },
];

/** Background traffic: one round of every probe each `intervalMs`, tallied per phase. */
class Traffic {
  phase: Map<string, Tally> | undefined;
  readonly accepted: { id: string; phase: string }[] = [];
  phaseName = '';
  private stopped = false;
  private loop: Promise<void> | undefined;
  private round = 0;

  constructor(
    private readonly base: string,
    private readonly shopper: Shopper,
    private readonly firstOrderId: string,
  ) {}

  start(intervalMs = 700): void {
    this.loop = (async () => {
      while (!this.stopped) {
        const started = Date.now();
        await this.oneRound();
        await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (Date.now() - started))));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** Starts tallying into a new phase. */
  begin(name: string): Map<string, Tally> {
    this.phaseName = name;
    this.phase = new Map();
    return this.phase;
  }

  end(): void {
    this.phase = undefined;
  }

  private async oneRound(): Promise<void> {
    const { base, shopper } = this;
    const token = shopper.token;
    const phase = this.phase;
    const phaseName = this.phaseName;
    const n = this.round++;
    const calls: [Probe, () => ReturnType<typeof request>][] = [
      ['browse', () => request(base, 'GET', '/api/catalog/products?limit=3')],
      ['read cart', () => request(base, 'GET', '/api/cart', { token })],
      ['my account', () => request(base, 'GET', '/api/accounts/me', { token })],
      ['read order', () => request(base, 'GET', `/api/orders/${this.firstOrderId}`, { token })],
      [
        'my payments',
        () => request(base, 'GET', `/api/payments?orderId=${this.firstOrderId}`, { token }),
      ],
    ];
    // Logins are rate limited per address (AUTH_RATE_LIMIT): one every third round.
    if (n % 3 === 0)
      calls.push([
        'log in',
        () =>
          request(base, 'POST', '/api/accounts/login', {
            body: { email: shopper.email, password: shopper.password },
          }),
      ]);
    if (n % 2 === 0) calls.push(['place order', () => placeOrder(base, shopper)]);
    await Promise.all(
      calls.map(async ([probe, call]) => {
        const answer = await call();
        if (!phase) return;
        record(phase, probe, answer.status, answer.ms);
        const orderId = (answer as { orderId?: string }).orderId;
        if (orderId) this.accepted.push({ id: orderId, phase: phaseName });
      }),
    );
  }
}

export const isolationLab: Lab = {
  name: 'isolation',
  summary:
    'kill each service (SIGKILL) under a little traffic: what keeps working, what fails fast, nothing lost after restart',
  minutes: 3,
  async run({ stack, narrator }: LabContext): Promise<Check[]> {
    const checks: Check[] = [];
    const base = stack.gateway;

    narrator.begin(
      'A shopper and some background traffic',
      `Every ~0.7 s: ${PROBES.join(', ')} (logins every third round, an order every second\nround). Each answer is tallied per phase, so you can see what each kill takes down.`,
    );
    const shopper = await newShopper(base, 'isolation');
    const first = await placeOrder(base, shopper);
    if (!first.orderId) throw new Error(`the first order answered ${first.status}`);
    narrator.show(
      `signed up ${shopper.email}; ordering "${shopper.productName}", first order ${first.orderId.slice(0, 8)}`,
    );
    const traffic = new Traffic(base, shopper, first.orderId);
    traffic.start();

    try {
      for (const kill of KILLS) {
        narrator.begin(`Kill ${kill.service} (SIGKILL), watch the traffic`, kill.why);
        await stack.compose(['kill', '-s', 'SIGKILL', kill.service]);
        const phase = traffic.begin(kill.service);
        const noticed = await stack.until(
          async () => (await stack.health())?.services[kill.service as 'payments'] === 'down',
          15_000,
        );
        narrator.show(`GET /api/health: ${healthLine(await stack.health())}`);
        // At least a few rounds of traffic while it is down.
        await stack.until(async () => answered(phase.get('place order')) >= 3, 15_000, 200);
        traffic.end();
        checks.push({
          name: `${kill.service} down: the gateway's health says so`,
          ok: noticed,
          detail: noticed ? `${kill.service}=down` : 'not within 15 s',
        });
        for (const probe of PROBES) {
          const shouldWork = !kill.degrades.includes(probe);
          const t = phase.get(probe);
          const judged = judgeProbe(t, shouldWork);
          narrator.show(
            `${probe.padEnd(12)} ${t ? describeTally(t) : 'not asked'}  ${shouldWork ? 'keeps working' : 'degrades'}`,
          );
          checks.push({
            name: `${kill.service} down: ${probe}`,
            ok: judged.ok,
            detail: judged.why,
          });
        }
        narrator.progress(`start ${kill.service} again`);
        await stack.compose(['start', kill.service]);
        const back = await stack.waitAllUp();
        narrator.show(`GET /api/health: ${healthLine(await stack.health())}`);
        checks.push({
          name: `${kill.service} back: every service up again`,
          ok: back,
          detail: back ? 'ok' : 'not within 180 s',
        });
        if (!back) break;
      }
    } finally {
      await traffic.stop();
    }

    narrator.begin(
      'Nothing was lost: every order accepted during the kills completes',
      'Orders accepted while payments or catalog were dead waited in the outbox and in Kafka;\nnow that both are back, each must end CONFIRMED (one payment each).',
    );
    const ids = traffic.accepted.map((a) => a.id);
    const statuses = await narrator.during(
      'waiting for the orders to complete',
      finalStatuses(base, shopper.token, ids),
    );
    for (const kill of KILLS) {
      const placed = traffic.accepted.filter((a) => a.phase === kill.service);
      if (kill.degrades.includes('place order')) continue;
      const outcome = placed.map((a) => statuses.get(a.id) ?? 'unknown');
      narrator.show(
        `placed while ${kill.service} was down: ${placed.length} orders, now ${tally(outcome)}`,
      );
      checks.push({
        name: `orders placed while ${kill.service} was down all CONFIRMED after it came back`,
        ok: placed.length > 0 && outcome.every((s) => s === 'CONFIRMED'),
        detail: `${placed.length} orders: ${tally(outcome)}`,
      });
    }
    const all = ids.map((id) => statuses.get(id) ?? 'unknown');
    checks.push({
      name: 'every order accepted during the lab CONFIRMED',
      ok: all.every((s) => s === 'CONFIRMED'),
      detail: `${ids.length} orders: ${tally(all)}`,
    });
    return checks;
  },
};
