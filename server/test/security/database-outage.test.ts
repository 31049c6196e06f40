import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ cuttableDatabase: true });
});
afterAll(() => app.close());

async function post(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-municipality': 'leszno' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text, body: JSON.parse(text) as { data?: any; errors?: { extensions: Record<string, unknown> }[] } };
}

const DIRECTORY = '{ organizations(first: 5) { totalCount } }';
const SIGN_UP = `mutation { signUp(input: { email: "outage@test.example", password: "correct-horse-battery", displayName: "Ktoś Nowy" }) { id } }`;

test('with the database away, reads and writes answer 503 SERVICE_UNAVAILABLE with Retry-After; the service heals by itself', async () => {
  const ready = async () => {
    const response = await fetch(app.url.replace('/graphql', '/ready'));
    return { status: response.status, body: await response.json() };
  };
  expect((await post(DIRECTORY)).status).toBe(200);
  expect(await ready()).toEqual({ status: 200, body: { ready: true, problems: [] } });

  app.database.cut();
  // Not ready (load balancers send no traffic), though alive.
  expect(await ready()).toEqual({ status: 503, body: { ready: false, problems: ['database unreachable'] } });
  expect((await fetch(app.url.replace('/graphql', '/health'))).status).toBe(200);
  for (const query of [DIRECTORY, SIGN_UP, '{ municipalities { slug } }']) {
    const response = await post(query);
    expect(response.status, query).toBe(503);
    expect(Number(response.retryAfter)).toBeGreaterThan(0);
    expect(response.body.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(response.text).not.toMatch(/ECONNREFUSED|terminated|\/work\/|\.ts:\d+/);
  }

  // Back again: the next requests are served, with no restart of the app.
  app.database.restore();
  let healed = await post(DIRECTORY);
  for (let attempt = 0; healed.status !== 200 && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    healed = await post(DIRECTORY);
  }
  expect(healed.status).toBe(200);
  expect((await ready()).status).toBe(200);
  expect(healed.body.data.organizations.totalCount).toBeGreaterThanOrEqual(0);
  // Nothing was stored while the database was away.
  expect((await post(`{ municipalities { slug } }`)).status).toBe(200);
  const [row] = await app.em().getConnection().execute<{ count: string }[]>(`select count(*) from "user" where email = 'outage@test.example'`);
  expect(Number(row!.count)).toBe(0);
});
