import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, TEST_METRICS_TOKEN, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ demoData: true });
});
afterAll(() => app.close());

const metricsUrl = () => app.url.replace(/\/graphql$/, '/metrics');
const scrape = async (token = TEST_METRICS_TOKEN) => fetch(metricsUrl(), { headers: { authorization: `Bearer ${token}` } });
const sample = (text: string, name: string, labels: string) =>
  Number(new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

test('/metrics is not public: without the token, or with a wrong one, there is no such page', async () => {
  expect((await fetch(metricsUrl())).status).toBe(404);
  expect((await scrape('x'.repeat(TEST_METRICS_TOKEN.length))).status).toBe(404);
  expect((await scrape(`${TEST_METRICS_TOKEN}-longer`)).status).toBe(404);
  const ok = await scrape();
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
});

test('requests are counted by root field and outcome; pool, outbox and live connections are reported', async () => {
  const client = app.client();
  const before = await (await scrape()).text();
  const okBefore = sample(before, 'razem_graphql_request_duration_seconds_count', 'operation="query.organizations",outcome="ok"') || 0;
  for (let i = 0; i < 3; i++) await client.ok('{ organizations(first: 2) { totalCount } }');
  const refused = await client.fails('query Page { organizations(first: 1000) { totalCount } }');
  expect(refused.extensions?.code).toBe('BAD_USER_INPUT');

  const after = await (await scrape()).text();
  expect(sample(after, 'razem_graphql_request_duration_seconds_count', 'operation="query.organizations",outcome="ok"')).toBe(okBefore + 3);
  expect(sample(after, 'razem_graphql_request_duration_seconds_count', 'operation="query.organizations",outcome="BAD_USER_INPUT"')).toBeGreaterThanOrEqual(1);
  expect(sample(after, 'razem_db_pool_connections', 'state="total"')).toBeGreaterThanOrEqual(1);
  expect(sample(after, 'razem_outbox_messages', 'state="failed"')).toBe(0);
  expect(sample(after, 'razem_outbox_messages', 'state="pending"')).toBeGreaterThanOrEqual(0);
  expect(after).toMatch(/^razem_live_connections 0$/m);
  expect(after).toMatch(/^razem_db_change_listener_up 1$/m);
});

test('operation names are the client’s to choose, so they never become label values', async () => {
  const client = app.client();
  await Promise.all(Array.from({ length: 30 }, (_, i) => client.ok(`query Random${i}x${Math.random().toString(36).slice(2)} { municipalities { slug } }`)));
  const text = await (await scrape()).text();
  expect(text).not.toMatch(/Random\d+x/);
  expect(sample(text, 'razem_graphql_request_duration_seconds_count', 'operation="query.municipalities",outcome="ok"')).toBeGreaterThanOrEqual(30);
});
