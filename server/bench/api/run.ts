/**
 * `npm run bench:api` (issue 11): Razem against PostGraphile v5 and a hand-written floor on one
 * city-scale database, on this machine. Seeds `razem_bench`, starts the three as separate
 * processes, loads them round by round (A, B, C, A, B, C…), counts SQL statements per request,
 * prints a markdown table and writes it into docs/benchmarks.md.
 *
 * Settings (flag or environment variable): --rounds / BENCH_ROUNDS (3), --duration / BENCH_DURATION
 * (seconds per round, 15), --connections / BENCH_CONNECTIONS (50), --warmup / BENCH_WARMUP (seconds
 * before a contender's first round, 15: Razem's booking path, cold, takes about that long to reach
 * its steady rate), --rush / BENCH_RUSH (concurrent bookings, 1000),
 * --only=directory,programme,fair,bookings,rush,ssr, --no-sql-count, --no-write,
 * BENCH_DATABASE_SERVER (postgresql://postgres@127.0.0.1:5432), BENCH_DATABASE (razem_bench),
 * BENCH_PORT (first of five ports, 5101), BENCH_RAZEM_RUNNER (dist|tsx, see contenders.ts).
 * A quick run: `npm run bench:api -- --duration=3 --warmup=1 --rush=300 --no-write`.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  type Contender, razemRunner, repoRoot, startFloor, startPostGraphile, startRazem, startWeb, stopAll, stopAllOnSignal, stopProcess, webBuildDir,
} from './contenders.js';
import { type LoadPlan, type RequestSpec, runLoad } from './load.js';
import { cpuModel, CpuMeter, machineBusyMs, postgresPids, RssSampler } from './procstat.js';
import { type BenchReport, publish, renderReport, type RoundSample, type RushSample, type WorkloadResult } from './report.js';
import { type BenchData, resetBookings, seedBenchDatabase } from './seed.js';
import { StatementCounter } from './sql-counter.js';
import {
  bookingRequest, bookingTarget, type ContenderName, normalise, RAZEM_WEB_DIRECTORY, readRequest, type ReadWorkload, sessionHeaders,
} from './workloads.js';

// ----- settings -----

const flags = new Map(process.argv.slice(2).map((arg) => {
  const [name, value] = arg.replace(/^--/, '').split('=');
  return [name!, value ?? 'true'] as const;
}));
const setting = (flag: string, env: string, fallback: number) => {
  const value = Number(flags.get(flag) ?? process.env[env] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} / ${env} must be a positive number`);
  return value;
};
const settings = {
  rounds: setting('rounds', 'BENCH_ROUNDS', 3),
  duration: setting('duration', 'BENCH_DURATION', 15),
  connections: setting('connections', 'BENCH_CONNECTIONS', 50),
  warmup: setting('warmup', 'BENCH_WARMUP', 15),
  rush: setting('rush', 'BENCH_RUSH', 1000),
  port: setting('port', 'BENCH_PORT', 5101),
  only: new Set((flags.get('only') ?? 'directory,programme,fair,bookings,rush,ssr').split(',')),
  countStatements: !flags.has('no-sql-count'),
  write: !flags.has('no-write'),
  databaseServer: (process.env.BENCH_DATABASE_SERVER ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, ''),
  database: process.env.BENCH_DATABASE ?? 'razem_bench',
};
if (!/^razem_bench\w*$/.test(settings.database)) throw new Error('BENCH_DATABASE must start with razem_bench: the benchmark drops and recreates it');

const logDir = mkdtempSync(path.join(os.tmpdir(), 'razem-bench-'));
const failures: string[] = [];
const say = (line: string) => console.log(`[bench:api] ${line}`);

// ----- one round of one contender -----

interface Measured {
  contender: Contender;
  /** Processes whose CPU counts for it (SSR: the web app and the API behind it). */
  pids: number[];
}

async function measure(workload: string, round: number, target: Measured, plan: LoadPlan, rate: (matching: number, requests: number) => number): Promise<RoundSample> {
  const rss = new RssSampler(target.contender.pid);
  const cpu = new CpuMeter(() => target.pids);
  const db = new CpuMeter(postgresPids);
  const self = new CpuMeter(() => [process.pid]);
  const busyBefore = machineBusyMs();
  const result = await runLoad(plan, { connections: settings.connections, durationSeconds: settings.duration });
  const cpuMs = cpu.elapsed();
  const dbMs = db.elapsed();
  // Whatever else kept the cores busy meanwhile (other people's builds and tests on a shared machine).
  const otherMs = machineBusyMs() - busyBefore - cpuMs - dbMs - self.elapsed();
  const sample: RoundSample = {
    round, contender: target.contender.name, requests: result.requests, seconds: result.seconds,
    rate: rate(result.matching, result.requests) / result.seconds, p50: result.p50, p99: result.p99,
    errors: result.errors, errorSamples: result.errorSamples,
    cpuMsPerRequest: cpuMs / result.requests, dbCpuMsPerRequest: dbMs / result.requests, peakRssMiB: rss.stop(),
    otherCpuShare: Math.max(0, otherMs) / (result.seconds * 1000 * os.cpus().length),
  };
  say(`${workload} round ${round} ${sample.contender}: ${sample.rate.toFixed(0)}/s, p50 ${sample.p50.toFixed(1)} ms, p99 ${sample.p99.toFixed(1)} ms, errors ${sample.errors}, CPU ${sample.cpuMsPerRequest.toFixed(2)} ms/req, DB ${sample.dbCpuMsPerRequest.toFixed(2)} ms/req, RSS ${sample.peakRssMiB.toFixed(0)} MiB, others ${(sample.otherCpuShare * 100).toFixed(0)}% CPU`);
  if (sample.errors) {
    // Loud: numbers from a contender that answers with errors are not comparable.
    const message = `${workload}: ${sample.contender} answered ${sample.errors} requests with errors in round ${round}, e.g. ${sample.errorSamples.join(' | ')}`;
    console.error(`\n[bench:api] ERROR ${message}\n`);
    failures.push(message);
  }
  return sample;
}

/** Interleaved rounds: every contender once per round, in the same order, a warm-up before each one's first round. */
async function rounds(
  workload: string, targets: { measured: Measured; plan: () => LoadPlan }[], rate: (matching: number, requests: number) => number,
  beforeEach: () => Promise<void> = async () => {},
): Promise<RoundSample[]> {
  const samples: RoundSample[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    for (const { measured, plan } of targets) {
      if (round === 1) {
        await beforeEach();
        await runLoad(plan(), { connections: settings.connections, durationSeconds: settings.warmup });
      }
      await beforeEach();
      samples.push(await measure(workload, round, measured, plan(), rate));
    }
  }
  return samples;
}

const perRequest = (_matching: number, requests: number) => requests;
const confirmed = (matching: number) => matching;

// ----- workloads -----

async function verifySameData(workload: ReadWorkload, contenders: Record<ContenderName, Contender>, data: BenchData) {
  const answers = await Promise.all((Object.keys(contenders) as ContenderName[]).map(async (name) => {
    const spec = readRequest(workload, name, data)(0);
    const response = await fetch(`http://127.0.0.1:${contenders[name].port}${spec.path}`, { method: 'POST', headers: spec.headers, body: spec.body });
    const body = await response.text();
    if (!response.ok || body.includes('"errors":')) throw new Error(`${workload}: ${name} answered ${response.status}: ${body.slice(0, 500)}`);
    return [name, JSON.stringify(normalise(workload, name, body))] as const;
  }));
  const [reference, ...others] = answers;
  for (const [name, answer] of others) {
    if (answer !== reference![1]) {
      throw new Error(`${workload}: ${name} returns other data than ${reference![0]}:\n${reference![1].slice(0, 800)}\n---\n${answer.slice(0, 800)}`);
    }
  }
}

async function readWorkload(workload: ReadWorkload, title: string, contenders: Record<ContenderName, Contender>, data: BenchData): Promise<WorkloadResult> {
  await verifySameData(workload, contenders, data);
  const names: ContenderName[] = ['Razem', 'PostGraphile', 'floor'];
  const samples = await rounds(workload, names.map((name) => ({
    measured: { contender: contenders[name], pids: [contenders[name].pid] },
    plan: () => ({ port: contenders[name].port, request: readRequest(workload, name, data) }),
  })), perRequest);
  return { key: workload, title, unit: 'req/s', contenders: names, samples, statements: {} };
}

async function bookingWorkload(contenders: Record<ContenderName, Contender>, data: BenchData, db: pg.Client): Promise<WorkloadResult> {
  const names = ['Razem', 'floor'] as const;
  const samples = await rounds('bookings', names.map((name) => ({
    measured: { contender: contenders[name], pids: [contenders[name].pid] },
    plan: () => ({ port: contenders[name].port, request: bookingRequest(name, data, (i) => bookingTarget(data, i)), countMatching: '"CONFIRMED"' }),
  })), confirmed, () => resetBookings(db));
  await resetBookings(db);
  return { key: 'bookings', title: 'Bookings, one per request, many slots', unit: 'confirmed/s', contenders: [...names], samples, statements: {} };
}

/** Checks the rush's outcome in the database: exactly the capacity confirmed, the rest numbered 1…n in the order the slot lock was taken. */
async function checkRush(db: pg.Client, slotId: string, expected: number): Promise<{ confirmed: number; waitlisted: number; capacity: number; problems: string[] }> {
  const { rows } = await db.query<{ status: string; queue_number: number | null; created_at: Date }>(
    'select status, queue_number, created_at from booking where slot_id = $1 order by queue_number nulls first, created_at', [slotId],
  );
  const slot = (await db.query<{ capacity: number; seats_taken: number; next_queue_number: number }>('select capacity, seats_taken, next_queue_number from slot where id = $1', [slotId])).rows[0]!;
  const confirmedRows = rows.filter((r) => r.status === 'CONFIRMED');
  const waiting = rows.filter((r) => r.status === 'WAITLISTED');
  const problems: string[] = [];
  if (rows.length !== expected) problems.push(`${rows.length} bookings stored for ${expected} requests`);
  if (confirmedRows.length !== slot.capacity || slot.seats_taken !== slot.capacity) problems.push(`${confirmedRows.length} confirmed, seats taken ${slot.seats_taken}, capacity ${slot.capacity}`);
  if (waiting.some((r, i) => r.queue_number !== i + 1)) problems.push('waiting-list numbers are not 1…n');
  if (slot.next_queue_number !== waiting.length + 1) problems.push(`next waiting number ${slot.next_queue_number} after ${waiting.length} waiting`);
  // Each booking is created after its transaction got the slot's lock, so creation times follow the numbers.
  const lastConfirmed = Math.max(...confirmedRows.map((r) => r.created_at.getTime()));
  if (waiting.some((r, i) => r.created_at.getTime() < (i ? waiting[i - 1]!.created_at.getTime() : lastConfirmed))) {
    problems.push('waiting list not in arrival order');
  }
  return { confirmed: confirmedRows.length, waitlisted: waiting.length, capacity: slot.capacity, problems };
}

async function rushWorkload(contenders: Record<ContenderName, Contender>, data: BenchData, db: pg.Client): Promise<RushSample[]> {
  const size = Math.min(settings.rush, data.residentTokens.length);
  const slotId = data.slotIds[0]!;
  const samples: RushSample[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    for (const name of ['Razem', 'floor'] as const) {
      await resetBookings(db);
      const plan = { port: contenders[name].port, request: bookingRequest(name, data, (i) => ({ resident: i, slotId })) };
      // All at once: one connection per resident, each sending its one request as soon as it is open.
      const result = await runLoad(plan, { connections: size, amount: size, timeoutSeconds: 60 });
      const check = await checkRush(db, slotId, size);
      const sample: RushSample = {
        round, contender: name, seconds: result.seconds, p50: result.p50, max: result.max, answered: result.requests, errors: result.errors, ...check,
      };
      say(`rush round ${round} ${name}: ${sample.answered} answered in ${sample.seconds.toFixed(2)} s, p50 ${sample.p50.toFixed(0)} ms, max ${sample.max.toFixed(0)} ms, ${sample.confirmed} confirmed, ${sample.waitlisted} waiting${sample.problems.length ? `, PROBLEMS: ${sample.problems.join('; ')}` : ''}`);
      if (result.errors) failures.push(`rush: ${name} answered ${result.errors} requests with errors, e.g. ${result.errorSamples.join(' | ')}`);
      samples.push(sample);
    }
  }
  await resetBookings(db);
  return samples;
}

/** The directory page rendered by the SvelteKit server (two API calls and the HTML) against its directory API call alone. */
async function ssrWorkload(razem: Contender, data: BenchData): Promise<WorkloadResult> {
  const web = await startWeb(settings.port + 3, razem.port, logDir);
  try {
    const staff = sessionHeaders(data, data.staffToken);
    const page: RequestSpec = { method: 'GET', path: `/${data.municipalitySlug}/organizations`, headers: { cookie: staff.cookie }, body: '' };
    const api: RequestSpec = { path: '/graphql', headers: staff, body: JSON.stringify({ query: RAZEM_WEB_DIRECTORY, variables: { filter: {} } }) };
    const samples = await rounds('ssr', [
      { measured: { contender: web, pids: [web.pid, razem.pid] }, plan: () => ({ port: web.port, request: () => page, html: true, check: (body) => (body.includes('</html>') ? null : 'not a whole page') }) },
      { measured: { contender: { ...razem, name: 'API call alone' }, pids: [razem.pid] }, plan: () => ({ port: razem.port, request: () => api }) },
    ], perRequest);
    return { key: 'ssr', title: 'SSR /leszno/organizations', unit: 'req/s', contenders: ['web', 'API call alone'], samples, statements: {} };
  } finally {
    await stopProcess(web.child);
  }
}

// ----- SQL statements per request -----

/** Sends `count` requests one after another. */
async function sequential(port: number, request: (i: number) => RequestSpec, from: number, count: number) {
  for (let i = from; i < from + count; i++) {
    const spec = request(i);
    const response = await fetch(`http://127.0.0.1:${port}${spec.path}`, { method: spec.method ?? 'POST', headers: spec.headers, body: spec.body || undefined });
    await response.text();
  }
}

/**
 * Fresh contender processes talk to PostgreSQL through the counting proxy; each workload is sent a
 * few times to warm up, then 20 times one by one. Background jobs' statements (Razem's outbox
 * sender, job leadership) are measured while idle and subtracted.
 */
async function countStatements(data: BenchData, results: WorkloadResult[], db: pg.Client) {
  const server = new URL(data.databaseUrl);
  const { counter, port: proxyPort } = await StatementCounter.listen({ host: server.hostname, port: Number(server.port || 5432) });
  const viaProxy = `postgresql://${server.username}@127.0.0.1:${proxyPort}${server.pathname}`;
  const starters: Record<ContenderName, (port: number) => Promise<Contender>> = {
    Razem: (p) => startRazem(p, viaProxy, logDir, 'Razem (counting SQL)'),
    PostGraphile: (p) => startPostGraphile(p, viaProxy, logDir, 'PostGraphile (counting SQL)'),
    floor: (p) => startFloor(p, viaProxy, logDir, 'floor (counting SQL)'),
  };
  const runs = 20;
  try {
    for (const name of Object.keys(starters) as ContenderName[]) {
      const contender = await starters[name](settings.port + 4);
      try {
        counter.count = 0;
        const idleStart = Date.now();
        await sleep(3000);
        const idlePerMs = counter.count / (Date.now() - idleStart);
        for (const result of results) {
          const request = result.key === 'bookings'
            ? (name === 'PostGraphile' ? null : bookingRequest(name, data, (i) => bookingTarget(data, i)))
            : result.key === 'ssr' ? null : readRequest(result.key, name, data);
          if (!request) continue;
          if (result.key === 'bookings') await resetBookings(db);
          await sequential(contender.port, request, 0, 5);
          counter.count = 0;
          const started = Date.now();
          await sequential(contender.port, request, 5, runs);
          result.statements[name] = Math.max(0, counter.count - idlePerMs * (Date.now() - started)) / runs;
        }
        await resetBookings(db);
      } finally {
        await stopProcess(contender.child);
      }
    }
  } finally {
    await counter.close();
  }
}

// ----- the run -----

async function postgresVersion(db: pg.Client) {
  return (await db.query<{ server_version: string }>('show server_version')).rows[0]!.server_version.split(' ')[0]!;
}

async function main() {
  const started = Date.now();
  say(`logs in ${logDir}`);
  say(`seeding ${settings.database} on ${settings.databaseServer}…`);
  const data = await seedBenchDatabase(settings.databaseServer, settings.database);
  say(`seeded: ${data.size.organizations} organisations, ${data.residentTokens.length} residents, ${data.slotIds.length} slots, a fair of ${data.size.fairStands} stands (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const db = new pg.Client({ connectionString: data.databaseUrl });
  await db.connect();
  const runner = razemRunner();
  const contenders: Record<ContenderName, Contender> = {
    Razem: await startRazem(settings.port, data.databaseUrl, logDir),
    PostGraphile: await startPostGraphile(settings.port + 1, data.databaseUrl, logDir),
    floor: await startFloor(settings.port + 2, data.databaseUrl, logDir),
  };
  say(`started Razem (${runner.kind}) pid ${contenders.Razem.pid}, PostGraphile pid ${contenders.PostGraphile.pid}, floor pid ${contenders.floor.pid}`);

  const results: WorkloadResult[] = [];
  const reads: [ReadWorkload, string][] = [['directory', 'Directory page (staff)'], ['programme', 'Open Days programme (resident)'], ['fair', 'Published fair plan']];
  for (const [workload, title] of reads) {
    if (settings.only.has(workload)) results.push(await readWorkload(workload, title, contenders, data));
  }
  if (settings.only.has('bookings')) results.push(await bookingWorkload(contenders, data, db));
  const rush = settings.only.has('rush') ? await rushWorkload(contenders, data, db) : [];
  const notes: string[] = [];
  if (settings.only.has('ssr')) {
    if (existsSync(webBuildDir)) results.push(await ssrWorkload(contenders.Razem, data));
    else notes.push('SSR not measured: the web app is not built (`npm run build -w web`).');
  }
  await stopAll();
  if (settings.countStatements) {
    say('counting SQL statements per request…');
    await countStatements(data, results, db);
  }

  const minutes = (Date.now() - started) / 60_000;
  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} cores, ${cpuModel()}, Node ${process.version}, PostgreSQL ${await postgresVersion(db)}, Razem run ${runner.kind === 'dist' ? 'compiled (dist/main.js)' : 'from source through tsx'}`,
    settings: `${settings.rounds} rounds of ${settings.duration} s per contender and workload, interleaved, ${settings.connections} connections, ${settings.warmup} s warm-up before each contender's first round; the whole run took ${minutes.toFixed(1)} min.`,
    workloads: results,
    rush,
    rushSize: Math.min(settings.rush, data.residentTokens.length),
    notes: [
      `Data: ${data.size.organizations} published organisations (1–3 areas, 2 members each), ${data.residentTokens.length} residents with sessions, one published Open Days edition with one approved activity of 3 slots (${data.size.slotCapacity} seats) per organisation (${data.slotIds.length} slots), a published fair of ${data.size.fairStands} stands with ${data.size.fairStands - 2} placements; invented, bulk-inserted into a freshly migrated database.`,
      'Razem runs with `NODE_ENV=production` (JSON log line per request, to a file), `RATE_LIMITS=off` because the peers have no per-address limits and all load comes from one address; its outbox sender sends the booking messages meanwhile, batch after batch as they come (without `SMTP_URL` each is marked sent with a debug line, below the log level).',
      'PostGraphile v5: amber preset, schema `public`, the connection-filter plugin (the programme filters slots by their activity\'s edition and status), `PgIndexBehaviorsPlugin` disabled so it may filter organisations by status and order members by joining; no authentication (it does not know Razem\'s sessions), so it does less per request than Razem and the floor, which both look the session up.',
      'The floor: `node:http` + `pg`, one prepared SQL statement per request (floor-sql.ts): a page builds its JSON in PostgreSQL; a booking locks the slot and the person, checks the rules and writes the booking, the seat count and the message in one statement, so the slot\'s lock is held only while it runs.',
      'The load generator (autocannon) runs on the same 2 cores as the contender and PostgreSQL, as do all of them: absolute numbers are this machine\'s, the ratios are the point.',
      ...notes,
      ...failures.map((f) => `**Failure:** ${f}`),
    ],
  };
  await db.end();
  const section = renderReport(report);
  publish('bench:api', section, failures, { write: settings.write, repoRoot, say });
}

stopAllOnSignal(say, 'the contenders');

try {
  await main();
} catch (error) {
  console.error('[bench:api] failed:', error);
  process.exitCode = 1;
} finally {
  await stopAll();
}
