/** Benchmark: planning a speed-dating session of 200 participants (each mode, and a re-plan). */
import { performance } from 'node:perf_hooks';
import { everyonePlan, type Person, replan, sideBySidePlan } from '../src/modules/speed-dating/schedule.js';

const people = (prefix: string, count: number, kind: Person['kind']): Person[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, kind, group: `${prefix}${Math.floor(i / 3)}` }));

function time(run: () => { newPairs: number; maxPossiblePairs: number }, runs = 5) {
  let result = run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(runs / 2)]!, maxMs: times.at(-1)!, detail: `${result.newPairs} of ${result.maxPossiblePairs} possible pairs` };
}

export function benchSpeedDating() {
  const ngos = people('n', 100, 'NGO');
  const officials = people('o', 100, 'OFFICIAL');
  const all = [...ngos, ...officials];
  const firstTen = sideBySidePlan(ngos, officials, 10);
  const met = firstTen.rounds.flatMap((r) => r.pairs.map((p) => [p.stationary, p.moving] as [string, string]));
  return [
    { name: 'Speed dating, 200 participants, NGO-to-official, 100 rounds', ...time(() => sideBySidePlan(ngos, officials, 100)) },
    { name: 'Speed dating, 200 participants, everyone meets everyone, 199 rounds', ...time(() => everyonePlan(all, 199)) },
    { name: 'Speed dating, re-plan 20 rounds for 200 after 10 played', ...time(() => replan(ngos, officials, met, 20)) },
  ];
}
