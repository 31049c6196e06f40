/**
 * Benchmark: allocating a fair of 120 stands to 120 applications (and 40 × 40) with the exact
 * allocator and its default time budget (about a second). Prints a Markdown table row;
 * `npm run bench` writes the results to docs/benchmarks.md. The result column says whether the
 * optimum was proven or how far from it the plan may at most be (gap = proven bound − score).
 */
import { performance } from 'node:perf_hooks';
import { allocateStands, type AllocationOptions, type ApplicationSpec, type StandSpec } from '../src/modules/fair/allocation.js';
import { mulberry32 } from '../src/core/random.js';

const ZONES = ['CHILDREN', 'SPORT', 'HEALTH', 'CULTURE', 'ECOLOGY', 'SOCIAL'];

export function fairInstance(size: number, seed: number) {
  const random = mulberry32(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  // Rows of 10 stands, 3 m wide, aisles between pairs of rows; zones by blocks of 20.
  const stands: StandSpec[] = Array.from({ length: size }, (_, i) => ({
    id: `s${i}`, zone: ZONES[Math.floor(i / 20) % ZONES.length]!, x: (i % 10) * 3, y: Math.floor(i / 10) * 3 + Math.floor(i / 20) * 4,
    width: 3, height: 3, hasPower: random() < 0.4, tentProvided: random() < 0.5, tables: 1 + Math.floor(random() * 3), stepFree: random() < 0.8, reserved: random() < 0.05,
  }));
  const apps: ApplicationSpec[] = Array.from({ length: size }, (_, i) => ({
    id: `a${i}`, organizationId: `o${i}`, needsPower: random() < 0.3, needsTent: random() < 0.3, needsStepFree: random() < 0.1, tables: Math.floor(random() * 3),
    preferredZones: random() < 0.8 ? [pick(ZONES)] : [],
    wantedNeighbors: random() < 0.5 ? [`o${Math.floor(random() * size)}`].filter((o) => o !== `o${i}`) : [],
    avoidedNeighbors: random() < 0.2 ? [`o${Math.floor(random() * size)}`].filter((o) => o !== `o${i}`) : [],
  }));
  return { stands, apps };
}

export function benchFairAllocation(size = 120, runs = 7, options: AllocationOptions = {}) {
  const { stands, apps } = fairInstance(size, 2026);
  const times: number[] = [];
  let result = allocateStands(stands, apps, options);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = allocateStands(stands, apps, options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    name: `Fair allocation, ${size} stands × ${size} applications`,
    medianMs: times[Math.floor(times.length / 2)]!,
    maxMs: times.at(-1)!,
    detail:
      `placed ${result.assignments.length}/${apps.length} (most possible), score ${result.score}/${result.maxScore}, ` +
      (result.provenOptimal ? 'proven optimal' : `at most ${result.gap} below the optimum (bound ${result.bestBound})`) +
      `, ${result.nodes} nodes, ${result.unmetWishes.length} unmet wishes`,
  };
}
