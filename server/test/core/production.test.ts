import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { dropDatabase, recreateDatabase, TEMPLATE_DATABASE } from '../support/databases.js';
import { ensureProductionBuild, startProductionServer } from '../support/production-server.js';

const databaseName = `razem_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
afterAll(() => dropDatabase(inject('postgresServerUrl'), databaseName));
beforeAll(ensureProductionBuild, 120_000);

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

test('the compiled server in production: JSON logs with request ids, /ready and /metrics; SIGTERM under load loses no accepted request and prints no stack', async () => {
  const databaseUrl = await recreateDatabase(inject('postgresServerUrl'), databaseName, TEMPLATE_DATABASE);
  const metricsToken = randomUUID();
  const server = await startProductionServer(databaseUrl, { SHUTDOWN_DELAY_MS: '1000', METRICS_TOKEN: metricsToken });
  const { port } = server;
  expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
  const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(await metrics.text()).toMatch(/^razem_process_resident_memory_bytes \d+/m);
  // A burst of connections (booking opens) waits in the listening socket's queue instead of being
  // dropped and retried a second later: the queue is as long as the kernel allows, up to 4096.
  const listening = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim().split(/\s+/);
  const kernelCap = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
  expect(Number(listening[2]), listening.join(' ')).toBe(Math.min(4096, kernelCap));

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
  server.kill('SIGTERM');
  await Promise.all([balancer, ...clients]);
  const code = await server.exited;
  const output = server.output();

  expect(results.length).toBeGreaterThan(40);
  expect(results.filter((r) => r.outcome === 'lost').length, `${JSON.stringify(results.map((r) => r.outcome[0]).join(''))}\n${output}`).toBe(0);
  expect(results.filter((r) => r.outcome === 'answered' && r.status !== 200)).toEqual([]);
  expect(code).toBe(0);
  expect(output).not.toMatch(/^\s+at /m);
  // Every line is a JSON object for a log collector; each answered request has its line with its id.
  const lines = output.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; req?: { id: string }; res?: { status: number } });
  expect(lines.map((line) => line.msg)).toContain('SIGTERM: stopping');
  const requestLines = lines.filter((line) => line.req?.id && line.res?.status === 200);
  const answered = results.filter((r) => r.outcome === 'answered').length;
  expect(requestLines.length).toBe(answered);
  expect(new Set(requestLines.map((line) => line.req!.id)).size).toBe(answered);
}, 60_000);
