/**
 * A deterministic random source for the chaos run: the same seed gives the same sequence, so a run
 * (which faults, when, which replica) can be replayed from the seed it printed.
 *
 * mulberry32: a 32-bit state, one multiply-xorshift round per draw; small, fast and well
 * distributed enough for choosing faults and moments (not for cryptography).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
