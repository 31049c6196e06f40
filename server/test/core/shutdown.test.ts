import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, inject, test } from 'vitest';
import { dropDatabase, recreateDatabase, TEMPLATE_DATABASE } from '../support/databases.js';
import { freePort } from '../support/free-port.js';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const databaseName = `razem_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
afterAll(() => dropDatabase(inject('postgresServerUrl'), databaseName));

/** One request on its own connection (no keep-alive): "accepted" means the server read it. */
function query(port: number): Promise<{ outcome: 'answered'; status: number } | { outcome: 'refused' } | { outcome: 'lost'; error: string }> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ query: '{ municipalities { slug } }' });
    const request = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ outcome: 'answered', status: response.statusCode ?? 0 }));
      response.on('error', (error) => resolve({ outcome: 'lost', error: error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? { outcome: 'refused' } : { outcome: 'lost', error: `${error.code}: ${error.message}` }));
    request.end(body);
  });
}

test('SIGTERM under load: every accepted request is answered, then the process exits cleanly without a stack trace', async () => {
  const databaseUrl = await recreateDatabase(inject('postgresServerUrl'), databaseName, TEMPLATE_DATABASE);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SERVE_WEB: 'false', SEED_DEMO_DATA: 'false', RATE_LIMITS: 'off',
      NODE_ENV: 'production', SHUTDOWN_DELAY_MS: '1000',
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

  // Twenty clients keep asking, as long as /ready says yes (as a load balancer routes); SIGTERM
  // arrives in the middle of it.
  const results: Awaited<ReturnType<typeof query>>[] = [];
  let routing = true;
  const balancer = (async () => {
    while (routing) {
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
      if (!ready) routing = false;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const clients = Array.from({ length: 20 }, async () => {
    while (routing) results.push(await query(port));
  });
  while (results.length < 40) await new Promise((resolve) => setTimeout(resolve, 10));
  child.kill('SIGTERM');
  await Promise.all([balancer, ...clients]);
  const code = await exited;

  expect(results.length).toBeGreaterThan(40);
  expect(results.filter((r) => r.outcome === 'lost').length, `${JSON.stringify(results.map((r) => r.outcome[0]).join(''))}\n${output}`).toBe(0);
  expect(results.filter((r) => r.outcome === 'answered' && r.status !== 200)).toEqual([]);
  expect(code).toBe(0);
  expect(output).toContain('SIGTERM: stopping');
  expect(output).not.toMatch(/^\s+at /m);
}, 60_000);
