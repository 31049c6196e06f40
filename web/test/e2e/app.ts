import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
// Shared with the API tests' set-up rather than copied.
import { freePort } from '../../../server/test/support/free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Starts the app the way `npm start` does (embedded PostgreSQL in a throw-away folder, migrations,
 * demo data, API and the built web app on one port) and stops it with Ctrl-C's signal afterwards.
 */
export default async function setup(project: TestProject) {
  const port = await freePort();
  const dataDir = `${root}.data/e2e-postgres-${process.pid}`;
  // Run from server/ so tsx picks up the server's tsconfig (decorators).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: `${root}server`,
    env: { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_PG_DIR: dataDir, DATABASE_URL: process.env.E2E_DATABASE_URL ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The app did not start in time:\n${output}`)), 90_000);
    child.once('exit', (code) => reject(new Error(`The app exited (${code}):\n${output}`)));
    child.stdout.on('data', () => {
      if (output.includes('Razem is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });

  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
}
