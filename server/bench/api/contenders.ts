/**
 * The contenders as separate processes, each started with this process's Node (24, through npm) so
 * /proc shows its own CPU and memory. Their output goes to log files; every child is stopped when
 * the benchmark ends, fails or is interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
// The same freshness rule as the production tests use.
import { PRODUCTION_NODE_OPTIONS, productionBuildIsFresh } from '../../test/support/production-server.js';

export const serverDir = fileURLToPath(new URL('../../', import.meta.url));
export const repoRoot = path.join(serverDir, '..');
const benchDir = fileURLToPath(new URL('./', import.meta.url));

export interface Contender {
  name: string;
  port: number;
  pid: number;
  logFile: string;
  child: ChildProcess;
}

const running = new Set<ChildProcess>();

/** SIGTERM, then SIGKILL after a grace period; resolves when the process has gone. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void running.delete(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child)));
}

/** Last resort on exit: whatever is still running is killed at once. */
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function waitUntilReady(contender: Contender, probe: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (contender.child.exitCode !== null) throw new Error(`${contender.name} exited with ${contender.child.exitCode}; see ${contender.logFile}`);
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${contender.name} did not become ready in ${timeoutMs / 1000} s; see ${contender.logFile}`);
}

interface StartOptions {
  name: string;
  port: number;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  logDir: string;
  /** Resolves true once the process answers. */
  probe: (port: number) => Promise<boolean>;
}

export async function startProcess(options: StartOptions): Promise<Contender> {
  const logFile = path.join(options.logDir, `${options.name.toLowerCase().replace(/\W+/g, '-')}-${options.port}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd ?? serverDir,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const contender = { name: options.name, port: options.port, pid: child.pid!, logFile, child };
  await waitUntilReady(contender, () => options.probe(options.port));
  return contender;
}

export const httpOk = (url: string, init?: RequestInit) => async () => (await fetch(url, init)).ok;

/** Extra Node options from `variable`, e.g. BENCH_RAZEM_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile Razem during a run. */
const nodeArgs = (variable: string) => (process.env[variable] ?? '').split(' ').filter(Boolean);

/** tsx runs TypeScript in this Node process (no npm or shell wrapper, so the pid is Node's own). */
const tsx = (file: string) => ['--import', 'tsx', file];

/**
 * How to run Razem: the compiled `dist/main.js` as production does (`npm run start:production`)
 * when it exists and is newer than every source file, else the sources through tsx, so the
 * benchmark never measures stale code. `BENCH_RAZEM_RUNNER=tsx|dist` chooses explicitly.
 */
export function razemRunner(): { kind: 'dist' | 'tsx'; args: string[] } {
  const dist = path.join(serverDir, 'dist', 'main.js');
  const wanted = process.env.BENCH_RAZEM_RUNNER;
  const fresh = productionBuildIsFresh();
  const extra = nodeArgs('BENCH_RAZEM_NODE_ARGS');
  if (wanted === 'dist' || (!wanted && fresh)) {
    if (!existsSync(dist)) throw new Error('BENCH_RAZEM_RUNNER=dist but server/dist/main.js is missing: npm run build -w server');
    return { kind: 'dist', args: [...extra, ...PRODUCTION_NODE_OPTIONS, dist] };
  }
  return { kind: 'tsx', args: [...extra, ...tsx('src/main.ts')] };
}

export function startRazem(port: number, databaseUrl: string, logDir: string, name = 'Razem'): Promise<Contender> {
  return startProcess({
    name, port, logDir, args: razemRunner().args,
    env: {
      DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      // As deployed: JSON logs, one line per request (to the log file), no demo data, API only,
      // compression left to the proxy in front (docker-compose's Caddy).
      NODE_ENV: 'production', SERVE_WEB: 'false', SEED_DEMO_DATA: 'false', COMPRESS_RESPONSES: 'false',
      // The peers have no per-address limits, and all the load comes from one address.
      RATE_LIMITS: 'off',
    },
    probe: (p) => httpOk(`http://127.0.0.1:${p}/ready`)(),
  });
}

export function startPostGraphile(port: number, databaseUrl: string, logDir: string, name = 'PostGraphile'): Promise<Contender> {
  return startProcess({
    name, port, logDir, args: tsx(path.join(benchDir, 'postgraphile-server.ts')),
    env: { DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
    probe: (p) => httpOk(`http://127.0.0.1:${p}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}',
    })(),
  });
}

export function startFloor(port: number, databaseUrl: string, logDir: string, name = 'floor'): Promise<Contender> {
  return startProcess({
    name, port, logDir, args: tsx(path.join(benchDir, 'floor-server.ts')),
    env: { DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production' },
    probe: (p) => httpOk(`http://127.0.0.1:${p}/health`)(),
  });
}

export const webBuildDir = path.join(repoRoot, 'web', 'build');

/** The SvelteKit app on its own (`node web/build`, as docker-compose runs it), rendering pages from Razem's API. */
export function startWeb(port: number, apiPort: number, logDir: string): Promise<Contender> {
  return startProcess({
    name: 'web', port, logDir, cwd: repoRoot, args: [...nodeArgs('BENCH_WEB_NODE_ARGS'), webBuildDir],
    env: { PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, API_URL: `http://127.0.0.1:${apiPort}/graphql`, NODE_ENV: 'production' },
    probe: async (p) => (await fetch(`http://127.0.0.1:${p}/`)).status < 500,
  });
}

/** Ctrl-C or SIGTERM stops every process the benchmark started; a second press exits at once. */
export function stopAllOnSignal(say: (line: string) => void, what: string): void {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      say(`${signal}: stopping ${what}…`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}
