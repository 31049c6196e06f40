/**
 * Fuzz test of the whole GraphQL API, written from the public schema only.
 *
 * The rule: no input, however hostile, ends as an internal error. Every call answers with data or a
 * GraphQL error whose `extensions.code` is one of ALLOWED_CODES, never HTTP 5xx, never a message with a
 * stack trace, file path or database error text; and a call that returned errors stored nothing.
 *
 * Every Mutation field and every Query field with arguments is called FUZZ_RUNS times (default below)
 * by an ADMIN of Leszno, with arguments derived from the argument types (schema-arbitraries.ts): real ids
 * from the demo data mixed with hostile values, through variables and, for a quarter of the calls, as
 * inline literals. Violations are collected and reported per operation (one reproducer per kind).
 *
 *   npm test -w server -- test/security/fuzz.test.ts
 *   FUZZ_RUNS=500 FUZZ_SEED=7 FUZZ_ONLY=createFair,fair npm test -w server -- test/security/fuzz.test.ts
 */
import { format } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { buildClientSchema, buildSchema, getIntrospectionQuery, isNonNullType, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, test, vi } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { ArgumentArbitraries, HOSTILE_CURSORS, hostileFeatures, OMIT, operationsOf, requestFor, type Args, type Operation, type Pools } from './schema-arbitraries.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40); // ~3,000 calls, about 70 s on 2 cores
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_601);
const ONLY = process.env.FUZZ_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const TRACE = process.env.FUZZ_TRACE?.split(',').map((s) => s.trim()); // operations whose every call is printed
const MUNICIPALITY = 'leszno';

const ALLOWED_CODES = new Set([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED',
]);

/** Text that must never reach a client: stack frames, file paths, raw database or runtime errors. (Our inputs contain none of it.) */
const LEAKS: [string, RegExp][] = [
  ['file path', /\/work\/|node_modules|file:\/\/|\.ts:\d+|\.js:\d+/],
  ['stack trace', /\n\s+at\s|\bat \S+ \(/],
  ['database error', /violates (unique|foreign key|not-null|check) constraint|invalid input syntax for type|invalid byte sequence|value too long for type|out of range for type|date\/time field value out of range|syntax error at or near|DriverException|MikroORM|relation "\w+"|column "\w+"/i],
  ['runtime error', /TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|undefined is not|Maximum call stack/],
];

/**
 * Tables left out of the fingerprint because they may change on a refused call for good reasons:
 * - rate_limit: the rate limiter counts attempts, refused ones included (that is its job, e.g. failed
 *   sign-ins). The test app runs with limits off, so it should stay untouched here anyway.
 * Everything else is checked, sessions and the migrations table included: in the runs so far refused
 * calls left them alone (requests do not touch the session row). New tables are fingerprinted
 * automatically; if one changes on refused calls by design, add it here with the reason.
 */
const EXCLUDED_TABLES = new Set<string>(['rate_limit']);

/**
 * Operations that start or end sessions: each call gets its own throw-away admin session, so the
 * fuzzing admin stays signed in (deleteMyAccount ends every session of the account, and the fuzzer may
 * send the right password).
 */
const SESSION_OPS = new Set(['signIn', 'signUp', 'signOut', 'deleteMyAccount']);

interface Violation {
  op: string;
  kind: string;
  code?: string;
  detail: string;
  serverLog?: string;
  culprit?: string;
  /** Hostile values in the arguments (NUL, lone surrogate, huge…): likely culprits. */
  suspects: string[];
  /** What leaving out nulls and optional arguments one at a time showed (see pinpoint). */
  pinpointed?: string;
  args: Args;
  inline: boolean;
  cookie: string;
  query: string;
  variables?: Record<string, unknown>;
  response: string;
}

let app: TestApp;
let admin: { cookie: string; userId: string };
let schema: GraphQLSchema;
let operations: Operation[];
let arbitraries: ArgumentArbitraries;
let tables: string[];
/** Which table a real id comes from, to tell in reports (ids differ between runs: use any id of that table). */
const idTable = new Map<string, string>();
/** Which list a real page cursor came from. */
const cursorOrigin = new Map<string, string>();
const violations: Violation[] = [];
const outcomes = new Map<string, Map<string, number>>();
const notes: string[] = [];
let calls = 0;
const time = { requests: 0, fingerprints: 0 };

/** Server log lines written while a call runs (the app logs internal errors with console.error); kept off the test output. */
let serverLog: string[] = [];

beforeAll(async () => {
  for (const level of ['error', 'warn'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void serverLog.push(format(...args)));
  app = await startTestApp({ demoData: true });
  admin = await newAdmin();
  schema = await loadSchema();
  operations = operationsOf(schema).filter((op) => !ONLY || ONLY.includes(op.field.name));
  tables = (await sql<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`))
    .map((r) => r.name).filter((t) => !EXCLUDED_TABLES.has(t));
  arbitraries = new ArgumentArbitraries(await loadPools());
}, 120_000);

afterAll(async () => {
  printSummary();
  vi.restoreAllMocks();
  await app?.close();
});

// vitest needs the tests declared before setup runs, so they are named after the checked-in schema;
// each then fuzzes the operation as the running server describes it. Operations the server has and
// the file lacks are fuzzed by the last test.
const declaredOps = operationsOf(buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8')))
  .map((op) => op.field.name)
  .filter((name) => !ONLY || ONLY.includes(name));

describe('fuzzing every operation', () => {
  test.each(declaredOps)('%s', async (name) => {
    const op = operations.find((o) => o.field.name === name);
    if (!op) return void notes.push(`${name}: in schema.graphql but not in the running server's schema`);
    await fuzzOperation(op, declaredOps.indexOf(name));
  }, Math.max(120_000, RUNS * 3_000));

  test('operations of the running server missing from schema.graphql', async () => {
    const extra = operations.filter((op) => !declaredOps.includes(op.field.name));
    const failures: string[] = [];
    for (const [i, op] of extra.entries()) await fuzzOperation(op, declaredOps.length + i).catch((e: Error) => failures.push(e.message));
    if (failures.length) throw new Error(failures.join('\n\n'));
  }, Math.max(120_000, RUNS * 3_000));
});

/** Calls one operation `RUNS` times with generated arguments; fails with a readable report of what broke the rule. */
async function fuzzOperation(op: Operation, index: number) {
  const name = op.field.name;
  const runs = op.field.args.length ? RUNS : Math.min(RUNS, 3); // nothing to vary without arguments
  const sessions = SESSION_OPS.has(name) ? await app.clientsAs(Role.ADMIN, runs * 2) : [];
  const before = violations.length;
  const inline = fc.integer({ min: 0, max: 3 }).map((n) => n === 0); // a quarter of the calls with inline literals
  await fc.assert(
    fc.asyncProperty(arbitraries.forOperation(op), inline, async (args, inline) => {
      const cookie = sessions.length ? sessions.pop()!.client.cookie! : admin.cookie;
      await fuzzCall(op, args, inline, cookie);
    }),
    { seed: SEED + index, numRuns: runs, endOnFailure: true },
  );
  await ensureAdmin(name);
  const mine = violations.slice(before);
  for (const { first } of groups(mine, kindOf)) first.pinpointed = await pinpoint(op, first);
  if (mine.length) throw new Error(describeViolations(name, mine, runs));
}

// ---------------------------------------------------------------------------------------------
// One call and its checks
// ---------------------------------------------------------------------------------------------

interface GraphQLBody {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[];
}
interface Answer {
  millis: number;
  status: number;
  text: string;
  body?: GraphQLBody;
  failure?: string;
}
interface Problem {
  kind: string;
  detail: string;
  code?: string;
}

async function send(query: string, variables: Record<string, unknown> | undefined, cookie: string): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-municipality': MUNICIPALITY, cookie },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let body: GraphQLBody | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, text, body, millis: performance.now() - started };
  } catch (error) {
    return { status: 0, text: '', failure: String(error), millis: performance.now() - started };
  } finally {
    time.requests += performance.now() - started;
  }
}

/** What is wrong with an answer, by the rule (the database is checked separately). */
function problems(answer: Answer, args: Args): Problem[] {
  const { status, text, body } = answer;
  if (answer.failure) return [{ kind: 'no answer', detail: answer.failure }];
  if (!body) return [{ kind: status >= 500 ? 'HTTP 5xx' : 'answer is not GraphQL JSON', detail: `HTTP ${status}: ${clip(text, 100)}` }];
  const errors = body.errors ?? [];
  const found: Problem[] = [];
  if (status >= 500) found.push({ kind: 'HTTP 5xx', detail: `HTTP ${status}: ${errors[0]?.message ?? ''}`, code: errors[0]?.extensions?.code });
  if (!errors.length && body.data == null) found.push({ kind: 'neither data nor errors', detail: `HTTP ${status}` });
  for (const error of errors) {
    const code = error.extensions?.code;
    if (!code || !ALLOWED_CODES.has(code)) found.push({ kind: 'error code not allowed', detail: `${code ?? 'no code'}: ${error.message}`, code: code ?? 'no code' });
    const exposed = `${error.message ?? ''} ${JSON.stringify(error.extensions ?? {})}`;
    for (const [leak, pattern] of LEAKS)
      if (pattern.test(exposed) && !echoesInput(exposed.match(pattern)![0], args)) found.push({ kind: `${leak} in the error`, detail: `${code}: ${error.message}`, code });
  }
  return found;
}

async function fuzzCall(op: Operation, args: Args, inline: boolean, cookie: string) {
  const name = op.field.name;
  const { query, variables } = requestFor(op, args, inline);
  const report = ({ kind, detail, code }: Problem, response: string) =>
    violations.push({
      op: name, kind, code, detail, query, variables, response, args, inline, cookie,
      serverLog: firstLine(serverLog), culprit: culprit(serverLog, args), suspects: hostileFeatures(args),
    });

  const before = await fingerprint();
  serverLog = [];
  calls++;
  const answer = await send(query, variables, cookie);
  if (answer.millis > 5_000) notes.push(`${name}: a call took ${Math.round(answer.millis / 1000)} s: ${clip(query, 200)} ${clip(readable(variables ?? {}), 300)}`);
  const errors = answer.body?.errors ?? [];
  if (TRACE?.includes(name)) process.stdout.write(`\n${query}\n  ${clip(readable(variables ?? {}), 1500)}\n  → HTTP ${answer.status} ${clip(answer.text, 800)}\n`);
  count(name, answer.failure ? 'no answer' : !answer.body ? `HTTP ${answer.status} (not JSON)` : errors.length ? [...new Set(errors.map((e) => e.extensions?.code ?? 'no code'))].join('+') : 'data');
  for (const problem of problems(answer, args)) report(problem, answer.text);

  for (const error of errors) {
    const code = error.extensions?.code;
    // A validation failure of a request sent through variables means this fuzzer built a bad query: worth knowing.
    // (Leaving out a required argument, or a page size the cost limit refuses, is deliberate.)
    if (code === 'GRAPHQL_VALIDATION_FAILED' && !inline && !/was not provided|cost limit/i.test(error.message ?? '')) notes.push(`${name}: own query failed validation: ${error.message}`);
    if (code === 'RATE_LIMITED') notes.push(`${name}: RATE_LIMITED: ${error.message}`);
  }

  if (errors.length || !answer.body) {
    const after = await fingerprint();
    const changed = tables.filter((t) => before.hashes.get(t) !== after.hashes.get(t));
    if (changed.length) {
      const data = answer.body?.data;
      const partial = data != null && Object.values(data as object).some((v) => v != null);
      report({ kind: `call with errors changed the database${partial ? ' (partial data returned)' : ''}`, detail: await describeChange(changed, before, after), code: errors[0]?.extensions?.code }, answer.text);
    }
  }
}

/**
 * Points at the argument behind a failure: leaves out, one at a time, each explicit null and each
 * optional top-level argument, and resends. Where the failure goes away, that value is (part of) the
 * cause. Only for failures of the answer itself (not of the database check), and never for session
 * operations. The resent calls may succeed and store data, which is fine in this throw-away database.
 */
async function pinpoint(op: Operation, v: Violation): Promise<string | undefined> {
  if (SESSION_OPS.has(op.field.name) || v.kind.startsWith('call with errors')) return undefined;
  const optionalTop = op.field.args.filter((a) => v.args[a.name] !== OMIT && (!isNonNullType(a.type) || a.defaultValue !== undefined)).map((a) => [a.name]);
  const candidates = [...optionalTop, ...nullPaths(v.args)].slice(0, 12);
  const culprits: string[] = [];
  for (const path of candidates) {
    const variant = without(v.args, path) as Args;
    const { query, variables } = requestFor(op, variant, v.inline);
    const answer = await send(query, variables, v.cookie);
    if (TRACE?.includes(op.field.name)) process.stdout.write(`\npinpoint, without ${path.join('.')}: ${query}\n  ${clip(readable(variables ?? {}), 1500)}\n  → ${clip(answer.text, 300)}\n`);
    if (!problems(answer, variant).some((p) => p.kind === v.kind)) culprits.push(path.join('.'));
  }
  return culprits.length ? `goes away when leaving out ${culprits.join(' or ')}` : undefined;
}

function nullPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null && path.length) return [path];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nullPaths(v, [...path, k]));
  return [];
}

function without(value: unknown, path: string[]): unknown {
  if (!path.length || !value || typeof value !== 'object') return value;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return rest.length ? value.map((v, i) => (String(i) === head ? without(v, rest) : v)) : value.filter((_, i) => String(i) !== head);
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (k !== head ? [[k, v]] : rest.length ? [[k, without(v, rest)]] : [])));
}

// ---------------------------------------------------------------------------------------------
// Database fingerprint: per table, row count and a hash of all rows, taken in one statement together
// with the next transaction id PostgreSQL will hand out (xmax).
//
// Hashing every table for every call would dominate the run, so a fingerprint is reused while xmax
// has not moved: any statement that writes a row gets a transaction id first, so an unchanged xmax
// proves nothing was written (a rolled-back write moves it too, which only costs a re-hash).
// ---------------------------------------------------------------------------------------------

interface Fingerprint {
  xmax: bigint;
  hashes: Map<string, string>;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
let lastFingerprint: Fingerprint | undefined;

const currentXmax = async () => BigInt((await sql<{ xmax: string }>(`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`))[0]!.xmax);

/** The database's fingerprint now: the last one if nothing has been written since, else a fresh one. */
async function fingerprint(): Promise<Fingerprint> {
  if (lastFingerprint && lastFingerprint.xmax === (await currentXmax())) return lastFingerprint;
  const started = performance.now();
  // An order-independent sum of row hashes: as telling as md5(string_agg(t::text … order by …)), without sorting every table.
  const parts = tables.map((t) => `select '${t}' as name, count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) as hash from ${ident(t)} t`);
  const rows = await sql<{ name: string; hash: string; xmax: string }>(`select x.*, pg_snapshot_xmax(pg_current_snapshot())::text as xmax from (${parts.join(' union all ')}) x`);
  time.fingerprints += performance.now() - started;
  lastFingerprint = { xmax: BigInt(rows[0]!.xmax), hashes: new Map(rows.map((r) => [r.name, r.hash])) };
  return lastFingerprint;
}

async function describeChange(changed: string[], before: Fingerprint, after: Fingerprint): Promise<string> {
  const lines = [];
  for (const table of changed) {
    const [countBefore, countAfter] = [before, after].map((f) => f.hashes.get(table)!.split(':')[0]);
    // Rows inserted or updated since the fingerprint taken before the call (xmin of a fresh cluster fits in 32 bits).
    const written = await sql<{ row: string }>(`select t::text as row from ${ident(table)} t where t.xmin::text::bigint >= ? limit 3`, [String(before.xmax)]);
    lines.push(`${table}: ${countBefore} → ${countAfter} rows; written: ${written.map((w) => clip(w.row, 300)).join(' | ') || '(none; rows deleted)'}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Setup helpers
// ---------------------------------------------------------------------------------------------

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.em().getConnection().execute<T[]>(text, params);
}

async function newAdmin() {
  const { client, userId } = await app.clientAs(Role.ADMIN);
  return { cookie: client.cookie!, userId };
}

async function adminRequest<T>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-municipality': MUNICIPALITY, cookie: admin.cookie },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{ data?: T; errors?: unknown[] }>;
}

/** The schema as the running server sees it (introspection); the checked-in file if introspection is refused. */
async function loadSchema(): Promise<GraphQLSchema> {
  const result = await adminRequest<IntrospectionQuery>(getIntrospectionQuery());
  if (result.data && !result.errors) return buildClientSchema(result.data);
  notes.push(`introspection refused (${JSON.stringify(result.errors)}); used schema.graphql`);
  return buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));
}

/** Real ids (every table with an id), slugs, codes, emails and page cursors from the demo data. */
async function loadPools(): Promise<Pools> {
  const idsByTable = new Map<string, string[]>();
  const idTables = await sql<{ name: string }>(`select table_name as name from information_schema.columns where table_schema = 'public' and column_name = 'id' and data_type = 'uuid' order by 1`);
  for (const { name } of idTables) {
    const ids = (await sql<{ id: string }>(`select id::text as id from ${ident(name)} order by id limit 8`)).map((r) => r.id);
    if (ids.length) idsByTable.set(name, ids);
    for (const id of ids) idTable.set(id, name);
  }
  const column = async (name: string) => {
    const byTable = new Map<string, string[]>();
    const holders = await sql<{ t: string }>(`select table_name as t from information_schema.columns where table_schema = 'public' and column_name = ?`, [name]);
    for (const { t } of holders) {
      const values = (await sql<{ v: string }>(`select ${ident(name)}::text as v from ${ident(t)} where ${ident(name)} is not null order by 1 limit 6`)).map((r) => r.v);
      if (values.length) byTable.set(t, values);
    }
    return byTable;
  };
  const all = (byTable: Map<string, string[]>) => [...byTable.values()].flat().concat(byTable.size ? [] : ['none']);
  const emails = all(await column('email')).filter((e) => !e.startsWith('admin-'));
  const editionDays = (await sql<{ day: string }>(`select distinct to_char(d, 'YYYY-MM-DD') as day from open_days_edition e, generate_series(e.starts_on, e.ends_on, interval '1 day') d order by 1`).catch(() => [])).map((r) => r.day);

  // Real cursors; and the same cursors cut short, with one character changed or doubled.
  const orgs = await adminRequest<{ organizations: { edges: { cursor: string }[] } }>(`{ organizations(first: 3) { edges { cursor } } }`);
  for (const { cursor } of orgs.data?.organizations.edges ?? []) cursorOrigin.set(cursor, 'organizations');
  const editionId = idsByTable.get('open_days_edition')?.[0];
  if (editionId) {
    const programme = await adminRequest<{ openDaysProgramme: { edges: { cursor: string }[] } }>(`query($e: ID!) { openDaysProgramme(editionId: $e, first: 3) { edges { cursor } } }`, { e: editionId });
    for (const { cursor } of programme.data?.openDaysProgramme.edges ?? []) cursorOrigin.set(cursor, 'openDaysProgramme');
  }
  const real = [...cursorOrigin.keys()];
  if (!real.length) notes.push('no real page cursors found in the demo data');
  const mangled = real.flatMap((c) => [c.slice(0, c.length >> 1), `${c.slice(0, 5)}A${c.slice(6)}`, `${c}${c}`]);

  return {
    idsByTable,
    protectedIds: new Set([admin.userId]),
    slugs: all(await column('slug')),
    codesByTable: await column('code'),
    editionDays,
    emails,
    cursors: { real: real.length ? real : HOSTILE_CURSORS, hostile: [...mangled, ...HOSTILE_CURSORS] },
  };
}

/** If the fuzzing admin lost its session or role (a fuzzed call may do that), carry on with a new one, and say so. */
async function ensureAdmin(after: string) {
  const result = await adminRequest<{ me: { role: string } | null }>(`{ me { role } }`);
  if (result.data?.me?.role === 'ADMIN') return;
  notes.push(`after ${after}: the fuzzing admin is ${JSON.stringify(result.data?.me ?? null)}; continued with a new admin`);
  admin = await newAdmin();
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

function count(op: string, outcome: string) {
  const perOp = outcomes.get(op) ?? new Map<string, number>();
  perOp.set(outcome, (perOp.get(outcome) ?? 0) + 1);
  outcomes.set(op, perOp);
}

const firstLine = (log: string[]) => (log.length ? clip(log[0]!.split('\n')[0]!, 300) : undefined);

/** Which argument the server's log line points at: a quoted value in it that occurs in the arguments. */
function culprit(log: string[], args: Args): string | undefined {
  const line = log[0]?.split('\n')[0] ?? '';
  const quoted = [...line.matchAll(/"([^"]{1,200})"/g)].map((m) => m[1]!);
  for (const value of quoted) {
    const path = findPath(args, (v) => typeof v === 'string' && v === value);
    if (path) return path;
  }
  return undefined;
}

function findPath(value: unknown, match: (v: unknown) => boolean, path = ''): string | undefined {
  if (value === OMIT) return undefined;
  if (match(value)) return path || '(value)';
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      const found = findPath(v, match, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  return undefined;
}

/** True when the suspicious text is just our own input repeated back (e.g. "Variable got invalid value …"). */
function echoesInput(text: string, args: Args): boolean {
  return !!findPath(args, (v) => typeof v === 'string' && v.includes(text.trim()));
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

/** Long strings shown as `"unit" × n` so reports stay readable and still tell how to rebuild the value. */
function readable(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (typeof v !== 'string' || v.length <= 120) return v;
    for (let p = 1; p <= 4; p++) if (v.length % p === 0 && v.slice(0, p).repeat(v.length / p) === v) return `<${JSON.stringify(v.slice(0, p))} × ${v.length / p}>`;
    return `${v.slice(0, 60)}…<${v.length} chars>`;
  });
}

/** Stable grouping key: numbers, ids and quoted values blanked out. */
const normalise = (s: string) => s.replace(/"[^"]*"/g, '"…"').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<id>').replace(/\d+/g, 'N').slice(0, 200);
const cause = (v: Violation) => `${v.kind}|${v.code}|${normalise(v.serverLog ?? v.detail)}`;
const kindOf = (v: Violation) => `${cause(v)}|${v.culprit?.replace(/\.\d+/g, '.N') ?? ''}`;

/** Violations grouped by `key`, each group with its count, operations and shortest reproducer. */
function groups(list: Violation[], key: (v: Violation) => string) {
  const byKey = new Map<string, { first: Violation; count: number; ops: Set<string> }>();
  for (const v of list) {
    const k = key(v);
    const group = byKey.get(k) ?? { first: v, count: 0, ops: new Set<string>() };
    group.count++;
    group.ops.add(v.op);
    // Prefer a reproducer whose culprit was pinpointed, then the shortest.
    const better = Number(!!v.pinpointed) - Number(!!group.first.pinpointed) || readable(group.first.variables ?? group.first.query).length - readable(v.variables ?? v.query).length;
    if (better > 0) group.first = v;
    byKey.set(k, group);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

function reproducer(v: Violation, indent: string, limit: number): string[] {
  return [
    ...(v.serverLog ? [`${indent}server log: ${v.serverLog}`] : []),
    ...(v.culprit ? [`${indent}argument named in the log: ${v.culprit}`] : []),
    ...(v.pinpointed ? [`${indent}argument: ${v.pinpointed}`] : []),
    ...(v.suspects.length ? [`${indent}hostile values: ${clip(v.suspects.join('; '), 300)}`] : []),
    `${indent}query: ${clip(v.query, limit)}`,
    ...(v.variables ? [`${indent}variables: ${clip(readable(v.variables), limit)}`] : []),
    ...(idsIn(v).length ? [`${indent}real values (of this run's demo data): ${idsIn(v).join('; ')}`] : []),
    `${indent}response: ${clip(v.response, 500)}`,
  ];
}

/** Legend for the real ids and page cursors in a reproducer (they differ between runs). */
function idsIn(v: Violation): string[] {
  const text = `${v.query} ${JSON.stringify(v.variables ?? {})}`;
  const ids = [...new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])].map((id) => `${id.slice(0, 8)}… = ${idTable.get(id) ?? 'no such row'}`);
  const cursors = [...cursorOrigin].filter(([c]) => text.includes(c)).map(([c, origin]) => `${c.slice(0, 8)}… = a page cursor returned by ${origin}`);
  return [...ids, ...cursors];
}

function describeViolations(op: string, list: Violation[], runs: number): string {
  const kinds = groups(list, kindOf);
  const lines = [`${op}: ${list.length} violations in ${runs} calls, ${kinds.length} kinds (seed ${SEED}; rerun: FUZZ_ONLY=${op} FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}):`];
  for (const { first: v, count: n } of kinds) lines.push(`\n• ${v.kind} [${v.code ?? '-'}] ×${n}: ${clip(v.detail, 600)}`, ...reproducer(v, '  ', 2000));
  return lines.join('\n');
}

function printSummary() {
  const rows = [...outcomes].map(([op, o]) => `  ${op.padEnd(34)} ${[...o].map(([k, n]) => `${k}:${n}`).join(' ')}`);
  const causes = groups(violations, cause);
  const lines = [
    '',
    `fuzz: ${calls} calls, seed ${SEED}, ${RUNS} runs per operation; ${violations.length} violations of ${causes.length} kinds`,
    `time: ${Math.round(time.requests / 1000)} s in requests, ${Math.round(time.fingerprints / 1000)} s in database fingerprints; tables fingerprinted: ${tables?.length}, excluded: ${[...EXCLUDED_TABLES].join(', ') || 'none'}`,
    'outcomes per operation:',
    ...rows,
    ...(notes.length ? ['notes:', ...[...new Set(notes)].map((n) => `  ${clip(n, 300)}`)] : []),
    'violations by kind (shortest reproducer of each):',
    ...causes.flatMap(({ first: v, count: n, ops }) => [
      `\n• ${v.kind} [${v.code ?? '-'}] ×${n} in ${ops.size} operations: ${clip(v.detail, 300)}`,
      `    operations: ${[...ops].join(', ')}`,
      ...reproducer(v, '    ', 800),
    ]),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ seed: SEED, runs: RUNS, calls, notes, outcomes: Object.fromEntries([...outcomes].map(([k, v]) => [k, Object.fromEntries(v)])), violations: violations.map(({ args: _a, cookie: _c, ...v }) => v) }, null, 2));
}
