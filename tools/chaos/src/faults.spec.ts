import { pick, proxyFor, validateSpec } from './faults';
import { seededRandom } from './random';

describe('fault specs', () => {
  it('maps a network target to its proxy in chaos.yml', () => {
    expect(proxyFor('catalog->kafka')).toBe('catalog-kafka');
    expect(proxyFor('payments->postgres')).toBe('payments-postgres');
  });

  it.each(['gateway->kafka', 'catalog->redis', 'catalog', 'catalog->kafka->postgres', ''])(
    'refuses the network target %p',
    (target) => {
      expect(() => proxyFor(target)).toThrow(/network fault target/);
    },
  );

  it('refuses a bad spec before touching anything', () => {
    expect(() => validateSpec({ kind: 'latency', target: 'cart->kafka', durationMs: 1 })).toThrow(
      /latencyMs/,
    );
    expect(() => validateSpec({ kind: 'cut', target: 'cart', durationMs: 1 })).toThrow(
      /network fault target/,
    );
    expect(() => validateSpec({ kind: 'kill', target: 'cart->kafka', durationMs: 1 })).toThrow(
      /compose service/,
    );
    expect(() => validateSpec({ kind: 'pause', target: 'cart', durationMs: -1 })).toThrow(
      /durationMs/,
    );
    expect(() => validateSpec({ kind: 'explode' as never, target: 'cart', durationMs: 1 })).toThrow(
      /unknown fault kind/,
    );
    expect(() =>
      validateSpec({ kind: 'latency', target: 'cart->kafka', durationMs: 1, latencyMs: 200 }),
    ).not.toThrow();
  });

  it('picks replicas from the seeded draws, the same ones again from the same seed', () => {
    const replicas = ['shop-catalog-1', 'shop-catalog-2'];
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 8 }, () => pick(replicas, random));
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)[0]).toBe('shop-catalog-2'); // seed 1 draws 0.627 first
    expect(new Set(draw(3))).toEqual(new Set(replicas));
    expect(pick(replicas, () => 0.999_999_999)).toBe('shop-catalog-2');
    expect(() => pick([], Math.random)).toThrow();
  });
});
