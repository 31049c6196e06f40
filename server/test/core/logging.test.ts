import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ logger: pino({ level: 'info' }, sink) });
});
afterAll(() => app.close());

test('each request is one JSON log line with its id (sent back as X-Request-Id), operation, municipality, user id, status and error codes; no personal data', async () => {
  const { client, userId, email } = await app.clientAs(Role.RESIDENT);
  lines.length = 0;
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-municipality': 'leszno', cookie: client.cookie!, 'x-request-id': 'probe-1234abcd' },
    body: JSON.stringify({ operationName: 'Who', query: 'query Who { me { id } organization(slug: "nie-ma") { id } fair(id: "x") { id } }' }),
  });
  expect(response.headers.get('x-request-id')).toBe('probe-1234abcd');
  await new Promise((resolve) => setImmediate(resolve));
  const line = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'probe-1234abcd')!;
  // A malformed id in a query is looked up like an unknown one: NOT_FOUND, and the HTTP status stays 200.
  expect(line).toMatchObject({ operation: 'Who', municipality: 'leszno', userId, errorCodes: ['NOT_FOUND'], res: { status: 200 } });
  expect(typeof line.responseTime).toBe('number');
  expect(JSON.stringify(lines)).not.toContain(email);
  expect(JSON.stringify(lines)).not.toContain('razem_session');

  // Without an id of its own, a request gets one.
  const plain = await fetch(app.url.replace('/graphql', '/calendar/unknown-token-123456.ics'));
  expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});
