/**
 * Benchmark: planning a speed-dating session of 200 participants, 20 rounds: each mode's first
 * plan, and each mode's re-plan after 10 rounds played (five people left, three arrived late).
 */
import { performance } from 'node:perf_hooks';
import { everyonePlan, type Mode, type Person, type Plan, replan, sideBySidePlan } from '../src/modules/speed-dating/schedule.js';

/**
 * 100 NGO representatives (organisations of up to 3) and 100 officials (departments of 4; every
 * tenth official, a walk-in, shares an organisation with NGO representatives).
 */
function participants() {
  const ngos: Person[] = Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, kind: 'NGO', group: `org${Math.floor(i / 3)}` }));
  const officials: Person[] = Array.from({ length: 100 }, (_, i) => ({ id: `o${i}`, kind: 'OFFICIAL', group: i % 10 === 0 ? `org${i / 10}` : `dept${Math.floor(i / 4)}` }));
  return { ngos, officials };
}

function time(run: () => Plan, runs = 7) {
  let result = run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const detail = `${result.newPairs} of at most ${result.maxPossiblePairs} pairs${result.provenOptimal ? ' (optimal)' : ''}`;
  return { medianMs: times[Math.floor(runs / 2)]!, maxMs: times.at(-1)!, detail };
}

/** The session after 10 played rounds of `first`: who met, sit-outs so far, who is present. */
function afterTenRounds(first: Plan, ngos: Person[], officials: Person[]) {
  const played = first.rounds.slice(0, 10);
  const met = played.flatMap((r) => r.pairs.map((p) => [p.stationary, p.moving] as [string, string]));
  const left = new Set(['n3', 'n40', 'o7', 'o50', 'o99']);
  const late: Person[] = [
    { id: 'late0', kind: 'NGO', group: 'late0' }, { id: 'late1', kind: 'OFFICIAL', group: 'org5' }, { id: 'late2', kind: 'OFFICIAL', group: 'dept3' },
  ];
  const presentNgos = [...ngos.filter((p) => !left.has(p.id)), late[0]!];
  const presentOfficials = [...officials.filter((p) => !left.has(p.id)), late[1]!, late[2]!];
  const sitOuts = new Map([...presentNgos, ...presentOfficials].map((p) => [p.id, played.filter((r) => !r.pairs.some((q) => q.stationary === p.id || q.moving === p.id)).length]));
  return { met, sitOuts, presentNgos, presentOfficials };
}

export function benchSpeedDating() {
  const { ngos, officials } = participants();
  const rounds = 20;
  const replanOf = (mode: Mode, first: Plan) => {
    const { met, sitOuts, presentNgos, presentOfficials } = afterTenRounds(first, ngos, officials);
    return () => replan(presentNgos, presentOfficials, met, rounds - 10, sitOuts, mode);
  };
  return [
    { name: `Speed dating, 200 participants, NGO-to-official, ${rounds} rounds`, ...time(() => sideBySidePlan(ngos, officials, rounds)) },
    { name: `Speed dating, 200 participants, everyone meets everyone, ${rounds} rounds`, ...time(() => everyonePlan([...ngos, ...officials], rounds)) },
    { name: 'Speed dating, NGO-to-official re-plan of 10 rounds after 10 played (5 left, 3 late)', ...time(replanOf('SIDES', sideBySidePlan(ngos, officials, rounds))) },
    { name: 'Speed dating, everyone re-plan of 10 rounds after 10 played (5 left, 3 late)', ...time(replanOf('EVERYONE', everyonePlan([...ngos, ...officials], rounds))) },
  ];
}
