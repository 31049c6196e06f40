import { mulberry32 } from '../core/random.js';

/** Seeded helpers so demo data is the same on every machine. */
export function seededRandom(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    digits: (count: number) => Array.from({ length: count }, () => Math.floor(next() * 10)).join(''),
    chance: (p: number) => next() < p,
  };
}

export type Random = ReturnType<typeof seededRandom>;
