import { History } from './history';
import { faultsOf, htmlReport, percentile, perSecond } from './report';

function history(events: { at: number; status: number; ms?: number }[]): History {
  const h = new History();
  for (const e of events)
    h.record({
      type: 'request',
      at: e.at,
      ms: e.ms ?? 0,
      op: 'read',
      method: 'GET',
      path: '/x',
      status: e.status,
    });
  return h;
}

describe('chaos report figures', () => {
  it('counts answered, failed (no answer or 5xx, not 4xx) and accepted requests per second', () => {
    const seconds = perSecond(
      history([
        { at: 100, status: 200 },
        { at: 200, status: 202 },
        { at: 1_100, status: 0 },
        { at: 1_200, status: 503 },
        { at: 1_300, status: 404 },
        { at: 1_900, status: 200, ms: 300 }, // answered in the next second
      ]),
    );
    expect(seconds.slice(0, 3)).toEqual([
      { t: 0, ok: 2, failed: 0, accepted: 1 },
      { t: 1, ok: 1, failed: 2, accepted: 0 },
      { t: 2, ok: 1, failed: 0, accepted: 0 },
    ]);
  });

  it('measures recovery from the heal to the first of three clean seconds', () => {
    const events: { at: number; status: number }[] = [];
    for (let t = 0; t < 20; t++) {
      // failures from 3 s to 9 s; the fault is healed at 5.5 s
      events.push({ at: t * 1000 + 100, status: t >= 3 && t < 9 ? 503 : 200 });
    }
    const h = history(events);
    h.record({ type: 'fault', at: 3_000, phase: 'start', id: 1, kind: 'kill', target: 'catalog' });
    h.record({ type: 'fault', at: 5_500, phase: 'healed', id: 1, kind: 'kill', target: 'catalog' });
    const [fault] = faultsOf(h, perSecond(h));
    expect(fault).toMatchObject({
      id: 1,
      kind: 'kill',
      target: 'catalog',
      startedAt: 3_000,
      healedAt: 5_500,
    });
    expect(fault.recoveryMs).toBe(3_500);
  });

  it('measures how long after the heal the orders placed during the fault were all final', () => {
    const h = history([{ at: 100, status: 200 }]);
    h.record({ type: 'fault', at: 2_000, phase: 'start', id: 1, kind: 'kill', target: 'payments' });
    h.record({
      type: 'fault',
      at: 6_000,
      phase: 'healed',
      id: 1,
      kind: 'kill',
      target: 'payments',
    });
    h.record({ type: 'fault', at: 10_000, phase: 'start', id: 2, kind: 'pause', target: 'cart' });
    h.record({ type: 'fault', at: 11_000, phase: 'healed', id: 2, kind: 'pause', target: 'cart' });
    h.record({
      type: 'fault',
      at: 20_000,
      phase: 'start',
      id: 3,
      kind: 'cut',
      target: 'cart->kafka',
    });
    h.record({
      type: 'fault',
      at: 21_000,
      phase: 'healed',
      id: 3,
      kind: 'cut',
      target: 'cart->kafka',
    });
    const orders = [
      { createdAt: 1_000, finalAt: 9_000 }, // before fault 1: not counted
      { createdAt: 3_000, finalAt: 8_500 },
      { createdAt: 5_000, finalAt: 7_000 },
      { createdAt: 10_500, finalAt: 10_800 }, // final before fault 2 healed
    ];
    const faults = faultsOf(h, perSecond(h), orders);
    expect(faults.map((f) => f.sagaCaughtUpMs)).toEqual([2_500, 0, undefined]);
  });

  it('says a fault did not recover when failures go on to the end', () => {
    const h = history([
      { at: 100, status: 200 },
      { at: 1_100, status: 0 },
      { at: 2_100, status: 0 },
      { at: 3_100, status: 0 },
    ]);
    h.record({ type: 'fault', at: 1_000, phase: 'start', id: 1, kind: 'pause', target: 'orders' });
    h.record({ type: 'fault', at: 1_500, phase: 'healed', id: 1, kind: 'pause', target: 'orders' });
    expect(faultsOf(h, perSecond(h))[0].recoveryMs).toBeUndefined();
  });

  it('takes percentiles by rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 100)).toBe(5);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('renders a self-contained page with the fault bands, escaped', () => {
    const h = history([{ at: 100, status: 200 }]);
    h.record({ type: 'fault', at: 0, phase: 'start', id: 1, kind: 'cut', target: 'cart->kafka' });
    h.record({
      type: 'fault',
      at: 500,
      phase: 'healed',
      id: 1,
      kind: 'cut',
      target: 'cart->kafka',
    });
    const seconds = perSecond(h);
    const html = htmlReport({
      title: 'run <1>',
      seed: 9,
      summary: ['a & b'],
      seconds,
      faults: faultsOf(h, seconds),
      invariants: [{ name: 'n', ok: false, figures: 'f', violations: ['<bad>'] }],
    });
    expect(html).toContain('<title>run &lt;1&gt;</title>');
    expect(html).toContain('a &amp; b');
    expect(html).toContain('cart-&gt;kafka');
    expect(html).toContain('&lt;bad&gt;');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
