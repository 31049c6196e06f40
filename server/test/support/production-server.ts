import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));

const newestSource = (dir: string): number =>
  Math.max(...readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs;
  }));

/** The compiled build (`npm run build`) exists and is newer than every source file. */
export function productionBuildIsFresh(): boolean {
  const built = path.join(serverDir, 'dist', 'main.js');
  return existsSync(built) && statSync(built).mtimeMs >= newestSource(path.join(serverDir, 'src'));
}

/** What production runs is the compiled build: built here when missing or older than the code. */
export function ensureProductionBuild() {
  if (productionBuildIsFresh()) return;
  execFileSync(process.execPath, [path.join(serverDir, '../node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: serverDir, stdio: 'inherit' });
}

export interface ProductionServer {
  port: number;
  /** Everything it printed so far (JSON log lines). */
  output(): string;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * How production runs Node (package.json's start:production and the Dockerfile say the same; the
 * deploy tests check, and bench:api runs Razem so). A young generation of 2 × 32 MiB: on a machine
 * with a few GiB, V8 picks 2 × 64 MiB: 32 MiB saves 70–80 MiB under load for 1–5% more CPU (16 MiB
 * cost 15–35%). An old generation that grows by half its live heap between full collections: V8's
 * own factor reached 4.7 after start-up (RSS 325–345 MiB under the directory's load); twice the
 * live heap held 266–282 MiB at 500 requests a second but 306–327 at 1,000, 1.5 times 269–276 at
 * 1,000 for the same CPU. Cheap now that answers die young (patches/); it cost 6–14% while they did
 * not (docs/decisions.md, "Node's memory"). No `--enable-source-maps`: it keeps every loaded module's
 * source map in memory (5 MiB more live heap, 25–30 MiB more RSS under load), and tsc's output
 * reads like the source.
 */
export const PRODUCTION_NODE_OPTIONS = ['--max-semi-space-size=32', '--heap-growing-percent=50'];

/** Starts `node dist/main.js` as production does, on `databaseUrl`, and waits until it listens. */
export async function startProductionServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ProductionServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...PRODUCTION_NODE_OPTIONS, 'dist/main.js'], {
    cwd: serverDir,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SERVE_WEB: 'false', SEED_DEMO_DATA: 'false', RATE_LIMITS: 'off',
      NODE_ENV: 'production', LOG_FORMAT: '', LOG_LEVEL: 'info', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', () => reject(new Error(`The server exited early:\n${output}`)));
    const check = () => (output.includes('Razem is running') ? resolve() : setTimeout(check, 50));
    check();
  });
  return { port, output: () => output, exited, kill: (signal) => child.kill(signal) };
}
