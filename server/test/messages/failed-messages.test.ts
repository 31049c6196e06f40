import { afterAll, beforeAll, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { type Delivery, drainOutbox, OutboxMessage } from '../../src/core/outbox/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const failing: Delivery = { send: async () => { throw new Error('550 mailbox unavailable'); } };
const delivered: string[] = [];
const working: Delivery = { send: async (m) => { delivered.push(m.id); } };

/** Tries every unsent message until each has used all its tries (the clock jumps past each delay). */
async function failEverything() {
  let now = Date.now();
  for (let attempt = 0; attempt < 5; attempt++, now += 2 * 3_600_000) await drainOutbox(app.em, failing, { batchSize: 500, now: new Date(now) });
}

async function enqueue(municipality: string, subject: string) {
  const em = app.em();
  const message = em.create(OutboxMessage, { municipalityId: await app.municipalityId(municipality), kind: 'test.notice', recipient: 'someone@test.example', subject, body: 'Treść.' });
  await em.flush();
  return message.id;
}

const LIST = `query($after: String) { failedMessages(first: 2, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id kind recipient subject attempts lastError } } } }`;

test('staff see the messages that failed after every retry, page by page, and send them again', async () => {
  const ids = [await enqueue('leszno', 'Pierwsza'), await enqueue('leszno', 'Druga'), await enqueue('leszno', 'Trzecia')];
  const elsewhere = await enqueue('czerwionka-leszczyny', 'Gdzie indziej');
  await failEverything();
  const { client: staff } = await app.clientAs(Role.STAFF);

  const first = (await staff.ok(LIST)).failedMessages;
  expect(first.totalCount).toBe(3);
  expect(first.edges).toHaveLength(2);
  expect(first.edges[0].node).toMatchObject({ attempts: 5, lastError: '550 mailbox unavailable', kind: 'test.notice' });
  const second = (await staff.ok(LIST, { after: first.pageInfo.endCursor })).failedMessages;
  expect(second.pageInfo.hasNextPage).toBe(false);
  const listed = [...first.edges, ...second.edges].map((e: { node: { id: string } }) => e.node.id);
  expect(listed.sort()).toEqual([...ids].sort());

  // Staff of Leszno cannot touch another municipality's message.
  expect((await staff.fails('mutation($id: ID!) { resendMessage(id: $id) { id } }', { id: elsewhere })).extensions?.code).toBe('NOT_FOUND');

  const resent = (await staff.ok('mutation($id: ID!) { resendMessage(id: $id) { id attempts } }', { id: ids[0] })).resendMessage;
  expect(resent).toEqual({ id: ids[0], attempts: 0 });
  expect((await staff.ok(LIST)).failedMessages.totalCount).toBe(2);
  expect(await drainOutbox(app.em, working, { batchSize: 500 })).toBe(1);
  expect(delivered).toEqual([ids[0]]);

  expect((await staff.ok('mutation { resendAllFailedMessages }')).resendAllFailedMessages).toBe(2);
  expect(await drainOutbox(app.em, working, { batchSize: 500 })).toBe(2);
  expect((await staff.ok(LIST)).failedMessages.totalCount).toBe(0);
  // The other municipality's failed message is still there, for its own staff.
  expect(await app.em().count(OutboxMessage, { id: elsewhere, sentAt: null })).toBe(1);
});

test('only staff may see or resend failed messages', async () => {
  const id = await enqueue('leszno', 'Tajna');
  await failEverything();
  const { client: resident } = await app.clientAs(Role.RESIDENT);
  const anonymous = app.client();
  for (const [client, code] of [[resident, 'FORBIDDEN'], [anonymous, 'UNAUTHENTICATED']] as const) {
    expect((await client.fails(LIST)).extensions?.code).toBe(code);
    expect((await client.fails('mutation($id: ID!) { resendMessage(id: $id) { id } }', { id })).extensions?.code).toBe(code);
    expect((await client.fails('mutation { resendAllFailedMessages }')).extensions?.code).toBe(code);
  }
  expect(await app.em().findOneOrFail(OutboxMessage, id)).toMatchObject({ attempts: 5, sentAt: null });
});

test('a failed booking confirmation, queued as its facts, is listed with the subject its template writes', async () => {
  const em = app.em();
  const facts = {
    title: 'Warsztaty ceramiki', startsAt: '2026-12-05T09:00:00.000Z', street: 'ul. Słowiańska 1', postalCode: '64-100', city: 'Leszno',
    placeNotes: null, partySize: 2, code: 'KAD234',
  };
  const message = em.create(OutboxMessage, { municipalityId: await app.municipalityId('leszno'), kind: 'booking.confirmed', recipient: 'ktos@test.example', facts });
  await em.flush();
  await failEverything();
  const { client: staff } = await app.clientAs(Role.STAFF);
  const listed = (await staff.ok(`{ failedMessages(first: 50) { edges { node { id subject } } } }`)).failedMessages.edges.map((e: { node: unknown }) => e.node);
  expect(listed).toContainEqual({ id: message.id, subject: 'Potwierdzenie rezerwacji: Warsztaty ceramiki' });
});

test('a failed message that no template can write is listed by its kind, with the reason, and the list still answers', async () => {
  const em = app.em();
  const orphan = em.create(OutboxMessage, { municipalityId: await app.municipalityId('leszno'), kind: 'test.no-template', recipient: 'ktos@test.example', facts: { code: 'KAD234' } });
  await em.flush();
  await failEverything();
  const { client: staff } = await app.clientAs(Role.STAFF);
  const listed = (await staff.ok(`{ failedMessages(first: 50) { edges { node { id subject } } } }`)).failedMessages.edges.map((e: { node: unknown }) => e.node);
  expect(listed).toContainEqual({ id: orphan.id, subject: 'test.no-template' });
});
