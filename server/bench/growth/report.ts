/**
 * The growth section of docs/benchmarks.md: per metric its value at each size (median of the
 * repeats, min–max) and its ratio to the value at the smallest size, then a plain verdict: which
 * of Leszno's costs stay flat as municipalities are added, and which do not, with the plans' reasons.
 */
import { percentile } from '../api/load.js';
import type { PlanSummary } from './plans.js';

export type WorkloadKey = 'directory' | 'programme' | 'booking';

export interface Repeat {
  repeat: number;
  requests: number;
  /** Requests per second (bookings: confirmed per second). */
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMsPerRequest: number;
  dbCpuMsPerRequest: number;
  otherCpuShare: number;
}

export interface SizeResult {
  municipalities: number;
  databaseBytes: number;
  organizations: number;
  users: number;
  bookings: number;
  growSeconds: number;
  repeats: Record<WorkloadKey, Repeat[]>;
  statements: Record<WorkloadKey, number>;
  plans: Record<'directory' | 'programme', PlanSummary[]>;
}

export interface GrowthReport {
  date: string;
  machine: string;
  settings: string;
  sizes: SizeResult[];
  failures: string[];
}

export const GROWTH_SECTION = '## Growth: one municipality among 1, 10, 100';

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const ratio = (value: number, base: number) => (Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${fmt(value / base, 2)}×` : '–');

const TITLES: Record<WorkloadKey, string> = { directory: 'Directory page', programme: 'Open Days programme', booking: 'Booking' };

interface Row {
  metric: string;
  /** The value at each size, and its text. */
  values: number[];
  texts: string[];
}

function spread(samples: Repeat[], pick: (r: Repeat) => number, digits: number, unit: string): [number, string] {
  const values = samples.map(pick);
  const mid = median(values);
  return [mid, `${fmt(mid, digits)}${unit} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`];
}

function rows(report: GrowthReport): Row[] {
  const list: Row[] = [];
  const add = (metric: string, cell: (s: SizeResult) => [number, string]) => {
    const cells = report.sizes.map(cell);
    list.push({ metric, values: cells.map((c) => c[0]), texts: cells.map((c) => c[1]) });
  };
  add('Database size', (s) => [s.databaseBytes, `${fmt(s.databaseBytes / 2 ** 20)} MiB`]);
  add('Organisations / users / bookings in the database', (s) => [s.organizations, `${fmt(s.organizations)} / ${fmt(s.users)} / ${fmt(s.bookings)}`]);
  for (const key of ['directory', 'programme', 'booking'] as const) {
    const title = TITLES[key];
    add(`${title}: p50 latency`, (s) => spread(s.repeats[key], (r) => r.p50, 1, ' ms'));
    add(`${title}: p99 latency`, (s) => spread(s.repeats[key], (r) => r.p99, 1, ' ms'));
    add(`${title}: ${key === 'booking' ? 'confirmed' : 'requests'}/s`, (s) => spread(s.repeats[key], (r) => r.rate, 0, ''));
    add(`${title}: PostgreSQL CPU per request`, (s) => spread(s.repeats[key], (r) => r.dbCpuMsPerRequest, 2, ' ms'));
    add(`${title}: API CPU per request`, (s) => spread(s.repeats[key], (r) => r.cpuMsPerRequest, 2, ' ms'));
    add(`${title}: SQL statements per request`, (s) => [s.statements[key], fmt(s.statements[key], 1)]);
    if (key === 'booking') continue;
    const count = report.sizes[0]!.plans[key].length;
    for (let i = 0; i < count; i++) {
      const label = report.sizes[0]!.plans[key][i]!.label;
      add(`${title}: SQL \`${label}\` (EXPLAIN ANALYZE): time, shared buffers hit + read`, (s) => {
        const p = s.plans[key][i];
        return p ? [p.sharedHit + p.sharedRead, `${fmt(p.executionMs, 2)} ms, ${fmt(p.sharedHit)} + ${fmt(p.sharedRead)}`] : [NaN, '–'];
      });
    }
  }
  return list;
}

function planLines(report: GrowthReport): string[] {
  const lines: string[] = [];
  for (const key of ['directory', 'programme'] as const) {
    const count = report.sizes[0]!.plans[key].length;
    for (let i = 0; i < count; i++) {
      const first = report.sizes[0]!.plans[key][i]!;
      const per = report.sizes.map((s) => {
        const p = s.plans[key][i];
        if (!p) return `${s.municipalities}: –`;
        return `${s.municipalities}: ${p.indexes.length ? `index ${p.indexes.map((x) => `\`${x}\``).join(', ')}` : 'no index'}${p.seqScans.length ? `; seq scan of ${p.seqScans.map((x) => `\`${x}\``).join(', ')}` : ''}; ${fmt(p.rowsRemoved)} rows read and filtered out`;
      });
      lines.push(`- ${TITLES[key]}, \`${first.label}\`: ${per.join(' · ')}`);
    }
  }
  return lines;
}

/** A metric is flat when its value at the largest size is at most `limit` times the smallest size's. */
function verdict(report: GrowthReport): string[] {
  const first = report.sizes[0]!;
  const last = report.sizes.at(-1)!;
  if (report.sizes.length < 2) return ['Only one size was measured: no verdict.'];
  const growth = last.municipalities / first.municipalities;
  const previous = report.sizes.at(-2)!;
  const notFlat: string[] = [];
  const shapeOnly: string[] = [];
  const buffers = (p: PlanSummary | undefined) => (p ? p.sharedHit + p.sharedRead : NaN);
  for (const key of ['directory', 'programme'] as const) {
    first.plans[key].forEach((p, i) => {
      const q = last.plans[key][i];
      if (!q) return;
      const before = buffers(p);
      const after = buffers(q);
      const beforeLast = buffers(previous.plans[key][i]);
      if (after > 1.5 * before + 10 && previous !== first && !(after > 1.5 * beforeLast + 10)) {
        // Grew only between the smallest sizes: a tiny table read whole at first, by index once it is larger.
        shapeOnly.push(`${TITLES[key]}'s \`${p.label}\` (${fmt(before)} buffers at ${first.municipalities}, ${fmt(beforeLast)} at ${previous.municipalities}, ${fmt(after)} at ${last.municipalities}: ${p.seqScans.length ? `seq scan of ${p.seqScans.join(', ')}` : 'another plan'} at ${first.municipalities}, ${q.indexes.join(', ') || 'no index'} after)`);
      } else if (after > 1.5 * before + 10) {
        notFlat.push(`${TITLES[key]}'s \`${p.label}\` reads ${fmt(after / before, 1)}× the buffers at ${last.municipalities} municipalities (${fmt(before)} → ${fmt(after)}; ${fmt(p.executionMs, 2)} → ${fmt(q.executionMs, 2)} ms; ${fmt(p.rowsRemoved)} → ${fmt(q.rowsRemoved)} rows filtered out; ${q.indexes.length ? `index ${q.indexes.join(', ')}` : 'no index'}${q.seqScans.length ? `, seq scan of ${q.seqScans.join(', ')}` : ''}): its widest step, ${q.widestScan ? `${q.widestScan.what}, read ${fmt(p.widestScan?.rows ?? NaN)} rows at ${first.municipalities} and ${fmt(q.widestScan.rows)} at ${last.municipalities}` : '–'}, to return ${fmt(q.rowsOut)} rows`);
      }
    });
  }
  const latency: string[] = [];
  for (const key of ['directory', 'programme', 'booking'] as const) {
    const a = median(first.repeats[key].map((r) => r.p50));
    const b = median(last.repeats[key].map((r) => r.p50));
    const dbA = median(first.repeats[key].map((r) => r.dbCpuMsPerRequest));
    const dbB = median(last.repeats[key].map((r) => r.dbCpuMsPerRequest));
    if (b > 1.3 * a || dbB > 1.3 * dbA) latency.push(`${TITLES[key]}: p50 ${fmt(b / a, 2)}×, PostgreSQL CPU per request ${fmt(dbB / dbA, 2)}×`);
    if (Math.abs(last.statements[key] - first.statements[key]) > 0.5) latency.push(`${TITLES[key]}: ${fmt(first.statements[key], 1)} → ${fmt(last.statements[key], 1)} SQL statements per request`);
  }
  const lines = [`With ${fmt(growth)}× the municipalities (${fmt(last.databaseBytes / first.databaseBytes, 1)}× the database):`];
  lines.push(notFlat.length
    ? `- **Not flat in the plans:** ${notFlat.join('; ')}.`
    : `- Every explained statement of the directory and the programme reads about the same number of buffers for Leszno at every size: flat in the plans.`);
  if (shapeOnly.length) lines.push(`- Changed plan between the two smallest sizes, then flat: ${shapeOnly.join('; ')}.`);
  lines.push(latency.length
    ? `- **Grew by more than 30% in the measurements:** ${latency.join('; ')} (compare with the machine's load below before blaming the data).`
    : `- Latency (p50), PostgreSQL CPU per request and statements per request stayed within 30% of the smallest size's for all three workloads.`);
  return lines;
}

function disturbance(report: GrowthReport): string[] {
  const shares = report.sizes.flatMap((s) => Object.values(s.repeats).flatMap((list) => list.map((r) => r.otherCpuShare * 100)));
  if (!shares.length) return [];
  const disturbed = shares.filter((share) => share > 5).length;
  if (!disturbed) return ['Other processes used under 5% of the CPU during every repeat.'];
  return [`**Other processes on the machine used more than 5% of its CPU in ${disturbed} of ${shares.length} repeats** (median ${fmt(median(shares))}%, at most ${fmt(Math.max(...shares))}%): latencies are higher and noisier than on a quiet machine; the plans' buffer counts are not affected.`];
}

export function renderGrowth(report: GrowthReport): string {
  const sizes = report.sizes.map((s) => s.municipalities);
  const base = sizes[0]!;
  const table = rows(report);
  return [
    `${GROWTH_SECTION} (\`npm run bench:growth\`, ${report.date})`,
    '',
    `Machine: ${report.machine}. ${report.settings}`,
    '',
    'One database grown from 1 to 10 to 100 municipalities of Leszno\'s size (each: 200 published organisations with',
    '1–3 areas and 2 members, 2,000 residents with sessions, an Open Days week of 600 slots, a fair of 120 stands with 118',
    'accepted applications, a Christmas-tree campaign with 150 sign-ups and 60 greetings; the others also hold one booking',
    'per resident). The others are SQL copies of Leszno under new ids (`insert … select … generate_series`), so every',
    'municipality has the same shape. Only Leszno is asked, at every size, by a fresh Razem process: the directory page',
    '(staff, `organizations(first: 50)` with totalCount, members and address), the programme page (a resident, 50 slots',
    'with seats left and the viewer\'s booking) and bookings (a different resident and slot per request, Leszno\'s bookings',
    'emptied before each repeat). Latencies and rates: median of the repeats (min–max). SQL statements: counted through',
    'the proxy over 20 sequential requests (BEGIN/COMMIT included). Plans: EXPLAIN (ANALYZE, BUFFERS) of the statements one',
    'request sent, run right after it (so warm), with shared buffers hit + read.',
    '',
    `| metric | ${sizes.join(' | ')} | ${sizes.slice(1).map((n) => `${n} ÷ ${base}`).join(' | ')} |`,
    `| --- | ${sizes.map(() => '---:').join(' | ')} | ${sizes.slice(1).map(() => '---:').join(' | ')} |`,
    ...table.map((r) => `| ${r.metric} | ${r.texts.join(' | ')} | ${r.values.slice(1).map((v) => ratio(v, r.values[0]!)).join(' | ')} |`),
    '',
    'Indexes the explained statements used, by size:',
    '',
    ...planLines(report),
    '',
    ...verdict(report),
    '',
    ...disturbance(report),
    ...report.failures.map((f) => `- **Failure:** ${f}`),
    '',
  ].join('\n');
}
