import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** Opens a raw socket with this Origin; resolves with "open" or the HTTP status of the refusal. */
function upgrade(origin: string | undefined): Promise<'open' | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(app.url.replace('http', 'ws'), 'graphql-transport-ws', origin ? { origin } : {});
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => {});
  });
}

test('only pages of this site may open a live connection (it carries the session cookie)', async () => {
  const host = new URL(app.url).host;
  expect(await upgrade('https://evil.example')).toBe(403);
  expect(await upgrade(`http://${host}.evil.example`)).toBe(403);
  expect(await upgrade(`http://${host}`)).toBe('open');
  expect(await upgrade('http://localhost:3000')).toBe('open'); // PUBLIC_ORIGIN
  expect(await upgrade(undefined)).toBe('open'); // not a browser: no cookie to abuse
});

test('subscriptions get the same limits and input checks as HTTP', async () => {
  const socket = createClient({ url: app.url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { municipality: 'leszno' }, lazy: false });
  const firstError = (query: string, variables: Record<string, unknown> = {}) =>
    new Promise<{ message: string; extensions?: Record<string, unknown> }>((resolve) => {
      socket.subscribe({ query, variables }, { next: () => {}, complete: () => {}, error: (errors) => resolve((errors as { message: string }[])[0]!) });
    });
  expect((await firstError(`subscription($id: ID!) { baubleStockChanged(campaignId: $id) { __typename } }`, { id: 'not-a-uuid' })).extensions)
    .toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'campaignId', code: 'invalidId' }] });
  const flood = `subscription($id: ID!) { baubleStockChanged(campaignId: $id) { __typename ${'@include(if: true) '.repeat(30)}} }`;
  expect((await firstError(flood, { id: '00000000-0000-4000-8000-000000000000' })).extensions).toMatchObject({ limit: 'maxDirectives' });
  await socket.dispose();
});
