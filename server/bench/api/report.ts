/**
 * Turns the rounds into the markdown section of docs/benchmarks.md: per workload the median over
 * rounds, Razem's ratios to each peer as min/median/max of the round-by-round ratios, and the
 * targets of issue 11, each marked met or not met.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { percentile } from './load.js';

export interface RoundSample {
  round: number;
  contender: string;
  requests: number;
  seconds: number;
  /** Requests per second, or confirmed bookings per second for the booking workload. */
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  errorSamples: string[];
  cpuMsPerRequest: number;
  dbCpuMsPerRequest: number;
  peakRssMiB: number;
  /** Share of the machine's CPU used by processes outside the benchmark during the round (0–1). */
  otherCpuShare: number;
}

export interface WorkloadResult {
  key: 'directory' | 'programme' | 'fair' | 'bookings' | 'ssr';
  title: string;
  unit: string;
  contenders: string[];
  samples: RoundSample[];
  /** SQL statements per request by contender, when counted. */
  statements: Record<string, number>;
}

export interface RushSample {
  round: number;
  contender: string;
  seconds: number;
  p50: number;
  max: number;
  answered: number;
  errors: number;
  confirmed: number;
  waitlisted: number;
  capacity: number;
  /** Problems found by the checks (empty when exact and in arrival order). */
  problems: string[];
}

export interface BenchReport {
  date: string;
  machine: string;
  settings: string;
  workloads: WorkloadResult[];
  rush: RushSample[];
  rushSize: number;
  notes: string[];
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const ms = (value: number) => (Number.isFinite(value) ? `${fmt(value, value < 10 ? 2 : 1)} ms` : '–');

function of(result: WorkloadResult, contender: string) {
  return result.samples.filter((s) => s.contender === contender).sort((a, b) => a.round - b.round);
}

/** Razem's rate over a peer's, round by round (each round loads them back to back). */
export function ratios(result: WorkloadResult, peer: string, subject = result.contenders[0]!): { min: number; median: number; max: number } | null {
  const mine = of(result, subject);
  const theirs = new Map(of(result, peer).map((s) => [s.round, s.rate]));
  const values = mine.filter((s) => theirs.get(s.round)).map((s) => s.rate / theirs.get(s.round)!);
  if (!values.length) return null;
  return { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

export function summary(result: WorkloadResult, contender: string) {
  const samples = of(result, contender);
  return {
    rate: median(samples.map((s) => s.rate)),
    rateMin: Math.min(...samples.map((s) => s.rate)),
    rateMax: Math.max(...samples.map((s) => s.rate)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    requests: samples.reduce((sum, s) => sum + s.requests, 0),
    cpu: median(samples.map((s) => s.cpuMsPerRequest)),
    dbCpu: median(samples.map((s) => s.dbCpuMsPerRequest)),
    rss: Math.max(...samples.map((s) => s.peakRssMiB)),
  };
}

const ratioText = (r: { min: number; median: number; max: number } | null) => (r ? `${fmt(r.median, 2)}× (${fmt(r.min, 2)}–${fmt(r.max, 2)})` : '–');

function workloadTable(results: WorkloadResult[]): string[] {
  const lines = [
    '| workload | contender | rate (min–max) | p50 | p99 | errors | CPU/req | DB CPU/req | peak RSS | SQL/req | first row ÷ this |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const result of results) {
    for (const contender of result.contenders) {
      const s = summary(result, contender);
      const statements = result.statements[contender];
      const ratio = contender === result.contenders[0] ? '' : ratioText(ratios(result, contender));
      lines.push(`| ${result.title} | ${contender} | ${fmt(s.rate)} ${result.unit} (${fmt(s.rateMin)}–${fmt(s.rateMax)}) | ${ms(s.p50)} | ${ms(s.p99)} | ${s.errors ? `**${s.errors}**` : 0} / ${fmt(s.requests)} | ${ms(s.cpu)} | ${ms(s.dbCpu)} | ${fmt(s.rss)} MiB | ${statements === undefined ? '–' : fmt(statements, 1)} | ${ratio} |`);
    }
  }
  return lines;
}

function rushTable(rush: RushSample[]): string[] {
  const lines = ['| contender | round | all answered in | p50 | max | confirmed | waiting list | checks |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |'];
  for (const r of [...rush].sort((a, b) => a.contender.localeCompare(b.contender) || a.round - b.round)) {
    lines.push(`| ${r.contender} | ${r.round} | ${fmt(r.seconds, 2)} s | ${ms(r.p50)} | ${ms(r.max)} | ${r.confirmed} / ${r.capacity} | ${r.waitlisted} | ${r.problems.length ? `**${r.problems.join('; ')}**` : 'exact, in arrival order'} |`);
  }
  return lines;
}

interface Target {
  what: string;
  goal: string;
  measured: string;
  met: boolean | null;
}

function readTargets(result: WorkloadResult): Target[] {
  const [razem, postgraphile, floor] = result.contenders as [string, string, string];
  const vsPg = ratios(result, postgraphile);
  const vsFloor = ratios(result, floor);
  const s = summary(result, razem);
  return [
    { what: `${result.title}: Razem ÷ PostGraphile`, goal: '≥ 1.0×', measured: ratioText(vsPg), met: vsPg ? vsPg.median >= 1 : null },
    { what: `${result.title}: Razem ÷ floor`, goal: '≥ 0.5×', measured: ratioText(vsFloor), met: vsFloor ? vsFloor.median >= 0.5 : null },
    { what: `${result.title}: Razem p99 ÷ p50`, goal: '≤ 3×', measured: `${fmt(s.p99 / s.p50, 2)}× (${ms(s.p99)} / ${ms(s.p50)})`, met: s.p99 <= 3 * s.p50 },
  ];
}

function targets(report: BenchReport): Target[] {
  const list: Target[] = [];
  const byKey = new Map(report.workloads.map((w) => [w.key, w]));
  for (const key of ['directory', 'programme', 'fair'] as const) {
    const result = byKey.get(key);
    if (result) list.push(...readTargets(result));
  }
  const bookings = byKey.get('bookings');
  if (bookings) {
    const vsFloor = ratios(bookings, 'floor');
    const rate = summary(bookings, 'Razem').rate;
    list.push(
      { what: 'Bookings: Razem ÷ booking floor (confirmed/s)', goal: '≥ 0.5×', measured: ratioText(vsFloor), met: vsFloor ? vsFloor.median >= 0.5 : null },
      { what: 'Bookings: Razem confirmed/s', goal: '≥ 1,000/s', measured: `${fmt(rate)}/s`, met: rate >= 1000 },
    );
  }
  const rush = report.rush.filter((r) => r.contender === 'Razem');
  if (rush.length) {
    const slowest = Math.max(...rush.map((r) => r.seconds));
    list.push(
      { what: `Rush (${report.rushSize} at once, one slot): all answered`, goal: '< 3 s', measured: `${fmt(slowest, 2)} s at worst (${rush.length} runs)`, met: slowest < 3 && rush.every((r) => r.answered === report.rushSize && !r.errors) },
      { what: 'Rush: exactly at capacity', goal: `${rush[0]!.capacity} confirmed`, measured: rush.map((r) => r.confirmed).join(', '), met: rush.every((r) => r.confirmed === r.capacity) },
      { what: 'Rush: waiting list in arrival order', goal: 'numbers 1…n in lock order', measured: rush.every((r) => !r.problems.length) ? 'yes' : rush.flatMap((r) => r.problems).join('; '), met: rush.every((r) => !r.problems.length) },
    );
  }
  const directory = byKey.get('directory');
  if (directory) {
    const rss = summary(directory, 'Razem').rss;
    list.push({ what: 'Razem peak RSS under directory load', goal: '≤ 300 MiB', measured: `${fmt(rss)} MiB`, met: rss <= 300 });
  }
  const ssr = byKey.get('ssr');
  if (ssr) {
    const r = ratios(ssr, ssr.contenders[1]!);
    list.push({ what: 'SSR page ÷ the same API call alone', goal: '≥ 0.8×', measured: ratioText(r), met: r ? r.median >= 0.8 : null });
  }
  return list;
}

/** How much of the machine other processes (someone's build or tests) used during the rounds: such numbers are less trustworthy. */
function disturbance(results: WorkloadResult[]): string[] {
  const shares = results.flatMap((r) => r.samples.map((s) => s.otherCpuShare * 100));
  if (!shares.length) return [];
  const disturbed = shares.filter((share) => share > 5).length;
  if (!disturbed) return ['Other processes used under 5% of the CPU in every round.', ''];
  return [
    `**Other processes on the machine used more than 5% of its CPU in ${disturbed} of ${shares.length} rounds** (median ${fmt(median(shares))}%, at most ${fmt(Math.max(...shares))}%): the contenders had less than the whole machine, so rates are lower and latencies higher than on a quiet one.`,
    '',
  ];
}

export function renderReport(report: BenchReport): string {
  const goals = targets(report);
  return [
    `## API side by side: Razem, PostGraphile and a hand-written floor (\`npm run bench:api\`, ${report.date})`,
    '',
    `Machine: ${report.machine}. ${report.settings}`,
    '',
    'Rate is requests per second (bookings: confirmed bookings per second), the median of the rounds with min–max;',
    'p50/p99 the medians over rounds; CPU/req the contender process\'s user+system CPU per request (SSR: web and API',
    'processes together); DB CPU/req all PostgreSQL processes\' CPU per request; SQL/req the statements sent to',
    'PostgreSQL per request (BEGIN/COMMIT included), counted through a proxy by fresh processes after the timed rounds.',
    'First row ÷ this: the first row\'s rate (Razem, or for SSR the rendered page) over this row\'s in the same round, median (min–max) over rounds.',
    '',
    ...workloadTable(report.workloads),
    '',
    ...disturbance(report.workloads),
    `### Rush: ${report.rushSize} residents book one slot of ${report.rush[0]?.capacity ?? '–'} seats at once`,
    '',
    ...(report.rush.length ? rushTable(report.rush) : ['Not run.']),
    '',
    '### Targets of issue 11',
    '',
    '| target | goal | measured | |',
    '| --- | --- | --- | --- |',
    ...goals.map((t) => `| ${t.what} | ${t.goal} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'met' : '**not met**'} |`),
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

const SECTION_PREFIX = '## API side by side';

/**
 * Puts the section into docs/benchmarks.md in place of the previous one (or at the end). `npm run
 * bench` rewrites the top of the file and keeps every `## ` section, this one included. Other
 * benchmarks (bench:growth) pass their own section's prefix.
 */
export function writeDocs(repoRoot: string, section: string, sectionPrefix = SECTION_PREFIX): string {
  const file = path.join(repoRoot, 'docs', 'benchmarks.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const parts = text.split(/^(?=## )/m);
  const index = parts.findIndex((part) => part.startsWith(sectionPrefix));
  const block = `${section.trimEnd()}\n\n`;
  if (index >= 0) parts[index] = block;
  else parts.push(`${parts.at(-1)?.endsWith('\n\n') ? '' : '\n'}${block}`);
  writeFileSync(file, `${parts.join('').trimEnd()}\n`);
  return file;
}

/** Prints a benchmark's section, writes it into docs/benchmarks.md when asked, and fails the run on failures. */
export function publish(
  name: string, section: string, failures: string[],
  options: { write: boolean; repoRoot: string; sectionPrefix?: string; say: (line: string) => void },
): void {
  console.log(`\n${section}`);
  if (options.write) options.say(`written to ${writeDocs(options.repoRoot, section, options.sectionPrefix)}`);
  if (failures.length) {
    console.error(`[${name}] ${failures.length} failure(s):\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}
