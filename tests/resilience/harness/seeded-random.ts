/**
 * A small seeded pseudo-random generator (mulberry32) so that a crash run's "random" moments
 * and victims can be replayed: the test logs the seed, `RESILIENCE_SEED=<seed>` repeats it.
 */
export interface SeededRandom {
  readonly seed: number;
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
}

export function seededRandom(seed: number = Math.floor(Math.random() * 2 ** 31)): SeededRandom {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, next, between: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

/** The seed from `RESILIENCE_SEED`, or a fresh one; a malformed value stops the run with its name. */
export function seedFromEnv(value: string | undefined): SeededRandom {
  if (value === undefined || value === '') return seededRandom();
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`RESILIENCE_SEED must be a non-negative integer, got ${value}`);
  return seededRandom(seed);
}
