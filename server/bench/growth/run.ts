/**
 * `npm run bench:growth` ("Tenancy by construction", item 4): does one municipality's cost stay
 * flat while the deployment grows? One database (`razem_bench_growth`) is seeded with Leszno
 * (about 200 organisations, Open Days, a fair, a Christmas-tree campaign, residents) and grown to
 * 10 and then 100 municipalities of the same size (seed.ts). At each size Razem is started fresh
 * against it and, for Leszno only, measured: the directory page, the Open Days programme page and
 * bookings (one per request, many slots), each 3 times at a modest fixed concurrency; SQL
 * statements per request through the counting proxy; EXPLAIN (ANALYZE, BUFFERS) of the directory's
 * and the programme's statements; the database size. The table goes into docs/benchmarks.md.
 *
 * Settings: --repeats (3), --duration (seconds per repeat, 8), --connections (10), --warmup (seconds, 2),
 * --sizes=1,10,100, --quick (2 s repeats, 1 s warm-up: about two minutes), --no-write,
 * BENCH_DATABASE_SERVER (postgresql://postgres@127.0.0.1:5432), BENCH_PORT (5121), BENCH_RAZEM_RUNNER
 * (dist|tsx, see ../api/contenders.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type Contender, razemRunner, repoRoot, startRazem, stopAll, stopAllOnSignal, stopProcess } from '../api/contenders.js';
import { type LoadPlan, type RequestSpec, runLoad } from '../api/load.js';
import { cpuModel, CpuMeter, machineBusyMs, postgresPids } from '../api/procstat.js';
import { publish } from '../api/report.js';
import type { BenchData } from '../api/seed.js';
import { type CapturedStatement, StatementCounter } from '../api/sql-counter.js';
import { bookingRequest, bookingTarget, readRequest } from '../api/workloads.js';
import { explain, explainable, type PlanSummary } from './plans.js';
import { GROWTH_SECTION, type GrowthReport, renderGrowth, type Repeat, type SizeResult, type WorkloadKey } from './report.js';
import { growTo, resetMunicipalityBookings, seedGrowthDatabase } from './seed.js';

const flags = new Map(process.argv.slice(2).map((arg) => {
  const [name, value] = arg.replace(/^--/, '').split('=');
  return [name!, value ?? 'true'] as const;
}));
const quick = flags.has('quick');
const number = (flag: string, fallback: number) => {
  const value = Number(flags.get(flag) ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} must be a positive number`);
  return value;
};
const settings = {
  repeats: number('repeats', 3),
  duration: number('duration', quick ? 2 : 8),
  warmup: number('warmup', quick ? 1 : 2),
  connections: number('connections', 10),
  sizes: (flags.get('sizes') ?? '1,10,100').split(',').map(Number).sort((a, b) => a - b),
  port: Number(process.env.BENCH_PORT ?? 5121),
  write: !flags.has('no-write'),
  databaseServer: (process.env.BENCH_DATABASE_SERVER ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, ''),
  database: 'razem_bench_growth',
};
if (settings.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes must be whole numbers ≥ 1');

const logDir = mkdtempSync(path.join(os.tmpdir(), 'razem-growth-'));
const failures: string[] = [];
const say = (line: string) => console.log(`[bench:growth] ${line}`);

const WORKLOADS: { key: WorkloadKey; request: (data: BenchData) => (i: number) => RequestSpec; countMatching?: string }[] = [
  { key: 'directory', request: (data) => readRequest('directory', 'Razem', data) },
  { key: 'programme', request: (data) => readRequest('programme', 'Razem', data) },
  { key: 'booking', request: (data) => bookingRequest('Razem', data, (i) => bookingTarget(data, i)), countMatching: '"CONFIRMED"' },
];

async function send(port: number, spec: RequestSpec): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}${spec.path}`, { method: spec.method ?? 'POST', headers: spec.headers, body: spec.body || undefined });
  const body = await response.text();
  if (!response.ok || body.includes('"errors":')) throw new Error(`HTTP ${response.status}: ${body.slice(0, 400)}`);
  return body;
}

/**
 * SQL per request through the counting proxy (a fresh Razem behind it; idle statements subtracted),
 * and the statements of one directory and one programme request, captured for EXPLAIN.
 */
async function countAndCapture(data: BenchData, db: pg.Client): Promise<{ statements: Record<WorkloadKey, number>; captured: Record<WorkloadKey, CapturedStatement[]> }> {
  const server = new URL(data.databaseUrl);
  const { counter, port: proxyPort } = await StatementCounter.listen({ host: server.hostname, port: Number(server.port || 5432) });
  const viaProxy = `postgresql://${server.username}@127.0.0.1:${proxyPort}${server.pathname}`;
  const statements = {} as Record<WorkloadKey, number>;
  const captured = {} as Record<WorkloadKey, CapturedStatement[]>;
  const runs = 20;
  let razem: Contender | undefined;
  try {
    razem = await startRazem(settings.port + 1, viaProxy, logDir, 'Razem (counting SQL)');
    counter.count = 0;
    const idleStart = Date.now();
    await sleep(2000);
    const idlePerMs = counter.count / (Date.now() - idleStart);
    for (const workload of WORKLOADS) {
      if (workload.key === 'booking') await resetMunicipalityBookings(db, data.municipalityId);
      const request = workload.request(data);
      for (let i = 0; i < 5; i++) await send(razem.port, request(i));
      counter.count = 0;
      const started = Date.now();
      for (let i = 5; i < 5 + runs; i++) await send(razem.port, request(i));
      statements[workload.key] = Math.max(0, counter.count - idlePerMs * (Date.now() - started)) / runs;
      counter.captured = [];
      await send(razem.port, request(5 + runs));
      captured[workload.key] = counter.captured;
      counter.captured = null;
    }
    await resetMunicipalityBookings(db, data.municipalityId);
  } finally {
    if (razem) await stopProcess(razem.child);
    await counter.close();
  }
  return { statements, captured };
}

async function measure(razem: Contender, plan: LoadPlan, repeat: number, label: string): Promise<Repeat> {
  const cpu = new CpuMeter(() => [razem.pid]);
  const dbCpu = new CpuMeter(postgresPids);
  const self = new CpuMeter(() => [process.pid]);
  const busyBefore = machineBusyMs();
  const result = await runLoad(plan, { connections: settings.connections, durationSeconds: settings.duration });
  const cpuMs = cpu.elapsed();
  const dbMs = dbCpu.elapsed();
  const otherMs = machineBusyMs() - busyBefore - cpuMs - dbMs - self.elapsed();
  const sample: Repeat = {
    repeat, requests: result.requests, rate: (plan.countMatching ? result.matching : result.requests) / result.seconds,
    p50: result.p50, p99: result.p99, errors: result.errors,
    cpuMsPerRequest: cpuMs / result.requests, dbCpuMsPerRequest: dbMs / result.requests,
    otherCpuShare: Math.max(0, otherMs) / (result.seconds * 1000 * os.cpus().length),
  };
  say(`${label} repeat ${repeat}: ${sample.rate.toFixed(0)}/s, p50 ${sample.p50.toFixed(1)} ms, p99 ${sample.p99.toFixed(1)} ms, errors ${sample.errors}, API CPU ${sample.cpuMsPerRequest.toFixed(2)} ms/req, DB CPU ${sample.dbCpuMsPerRequest.toFixed(2)} ms/req, others ${(sample.otherCpuShare * 100).toFixed(0)}% CPU`);
  if (result.errors) {
    const message = `${label}: ${result.errors} errors in repeat ${repeat}, e.g. ${result.errorSamples.join(' | ')}`;
    console.error(`\n[bench:growth] ERROR ${message}\n`);
    failures.push(message);
  }
  return sample;
}

async function measureSize(size: number, data: BenchData, db: pg.Client): Promise<SizeResult> {
  const seconds = await growTo(db, size);
  const facts = (await db.query<{ bytes: string; organizations: number; users: number; slots: number; bookings: number }>(`
    select pg_database_size(current_database())::text as bytes, (select count(*)::int from organization) as organizations,
      (select count(*)::int from "user") as users, (select count(*)::int from slot) as slots, (select count(*)::int from booking) as bookings`)).rows[0]!;
  say(`${size} municipalities (grown in ${seconds.toFixed(0)} s): ${facts.organizations} organisations, ${facts.users} users, ${facts.slots} slots, ${facts.bookings} bookings, ${(Number(facts.bytes) / 2 ** 20).toFixed(0)} MiB`);

  await resetMunicipalityBookings(db, data.municipalityId);
  const { statements, captured } = await countAndCapture(data, db);
  const plans = {} as Record<WorkloadKey, PlanSummary[]>;
  for (const key of ['directory', 'programme'] as const) {
    plans[key] = [];
    for (const statement of captured[key].filter(explainable)) plans[key].push(await explain(db, statement));
  }
  const planFile = path.join(logDir, `plans-${size}.txt`);
  writeFileSync(planFile, (['directory', 'programme'] as const).flatMap((key) => plans[key].map((p) => `### ${key}: ${p.label}\n${p.text}\n${p.plan}\n`)).join('\n'));
  for (const key of ['directory', 'programme'] as const) {
    for (const p of plans[key]) say(`  plan ${key} ${p.label}: ${p.executionMs.toFixed(2)} ms, hit ${p.sharedHit}, read ${p.sharedRead}, indexes ${p.indexes.join(', ') || '–'}, seq scans ${p.seqScans.join(', ') || '–'}, rows removed by filter ${p.rowsRemoved}`);
  }
  say(`  SQL per request: ${WORKLOADS.map((w) => `${w.key} ${statements[w.key].toFixed(1)}`).join(', ')}; plans in ${planFile}`);

  const razem = await startRazem(settings.port, data.databaseUrl, logDir, `Razem ${size}`);
  const repeats = {} as Record<WorkloadKey, Repeat[]>;
  try {
    for (const workload of WORKLOADS) {
      const plan = (): LoadPlan => ({ port: razem.port, request: workload.request(data), countMatching: workload.countMatching });
      const reset = () => (workload.key === 'booking' ? resetMunicipalityBookings(db, data.municipalityId) : Promise.resolve());
      await reset();
      await runLoad(plan(), { connections: settings.connections, durationSeconds: settings.warmup });
      repeats[workload.key] = [];
      for (let repeat = 1; repeat <= settings.repeats; repeat++) {
        await reset();
        repeats[workload.key].push(await measure(razem, plan(), repeat, `${size} × ${workload.key}`));
      }
    }
    await resetMunicipalityBookings(db, data.municipalityId);
  } finally {
    await stopProcess(razem.child);
  }
  return { municipalities: size, databaseBytes: Number(facts.bytes), organizations: facts.organizations, users: facts.users, bookings: facts.bookings, growSeconds: seconds, repeats, statements, plans };
}

async function main() {
  const started = Date.now();
  say(`logs in ${logDir}; sizes ${settings.sizes.join(', ')}, ${settings.repeats} × ${settings.duration} s at ${settings.connections} connections${quick ? ' (quick)' : ''}`);
  const loadBefore = os.loadavg();
  const data = await seedGrowthDatabase(settings.databaseServer, settings.database);
  say(`seeded Leszno in ${((Date.now() - started) / 1000).toFixed(0)} s: ${data.size.organizations} organisations, ${data.residentTokens.length} residents, ${data.slotIds.length} slots`);
  const db = new pg.Client({ connectionString: data.databaseUrl });
  await db.connect();
  const runner = razemRunner();
  const sizes: SizeResult[] = [];
  for (const size of settings.sizes) sizes.push(await measureSize(size, data, db));
  const postgres = (await db.query<{ server_version: string; shared_buffers: string }>('select current_setting(\'server_version\') as server_version, current_setting(\'shared_buffers\') as shared_buffers')).rows[0]!;
  await db.end();
  const minutes = (Date.now() - started) / 60_000;
  const report: GrowthReport = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} cores, ${cpuModel()}, Node ${process.version}, PostgreSQL ${postgres.server_version.split(' ')[0]} (shared_buffers ${postgres.shared_buffers}), Razem run ${runner.kind === 'dist' ? 'compiled (dist/main.js)' : 'from source through tsx'}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} when it started`,
    settings: `${settings.repeats} repeats of ${settings.duration} s per workload and size after a ${settings.warmup} s warm-up, ${settings.connections} connections${quick ? ' (`--quick`)' : ''}; the whole run took ${minutes.toFixed(1)} min.`,
    sizes,
    failures,
  };
  const section = renderGrowth(report);
  publish('bench:growth', section, failures, { write: settings.write, repoRoot, sectionPrefix: GROWTH_SECTION, say });
}

stopAllOnSignal(say, 'Razem');

try {
  await main();
} catch (error) {
  console.error('[bench:growth] failed:', error);
  process.exitCode = 1;
} finally {
  await stopAll();
}
