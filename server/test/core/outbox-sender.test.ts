import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { silentLogger } from '../../src/core/logger.js';
import { createDelivery, type Delivery, drainOutbox, OutboxMessage } from '../../src/core/outbox/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

// The rule (issue 11): on the busiest day the confirmations keep up with the bookings. A backlog
// goes out in one run of the sender, batch after batch; a mail server that fails is not hammered;
// several instances draining at once send each message exactly once.

let app: TestApp;
let municipalityId: string;
beforeAll(async () => {
  app = await startTestApp();
  municipalityId = await app.municipalityId('leszno');
});
afterAll(() => app.close());
beforeEach(async () => {
  await app.em().nativeDelete(OutboxMessage, {});
});

async function enqueue(count: number): Promise<string[]> {
  const em = app.em();
  const messages = Array.from({ length: count }, (_, i) => em.create(OutboxMessage, {
    municipalityId, kind: 'test.notice', recipient: `osoba${i}@test.example`, subject: `Wiadomość ${i}`, body: 'Treść.',
  }));
  await em.flush();
  return messages.map((m) => m.id);
}

const unsent = () => app.em().count(OutboxMessage, { sentAt: null });
const fork = () => app.em();

test('a backlog larger than a batch goes out in one run, each message once', async () => {
  const ids = await enqueue(47);
  const delivered: string[] = [];
  const working: Delivery = { send: async (m) => { delivered.push(m.id); } };
  expect(await drainOutbox(fork, working, { batchSize: 20 })).toBe(47);
  expect(delivered.sort()).toEqual([...ids].sort());
  expect(await unsent()).toBe(0);
  expect(await app.em().count(OutboxMessage, { attempts: 1, lastError: null })).toBe(47);
});

test('a failing mail server ends the run after one batch: the rest are not tried yet', async () => {
  await enqueue(47);
  let tries = 0;
  const down: Delivery = { send: async () => { tries++; throw new Error('421 try again later'); } };
  expect(await drainOutbox(fork, down, { batchSize: 20 })).toBe(0);
  expect(tries).toBe(20);
  expect(await app.em().count(OutboxMessage, { attempts: 1, lastError: '421 try again later', nextAttemptAt: { $ne: null } })).toBe(20);
  expect(await app.em().count(OutboxMessage, { attempts: 0 })).toBe(27);
});

test('one failure in a batch ends the run too, and only that message waits for its retry', async () => {
  const ids = await enqueue(47);
  const refused = ids[3]!;
  const delivered: string[] = [];
  const picky: Delivery = {
    send: async (m) => {
      if (m.id === refused) throw new Error('550 mailbox unavailable');
      delivered.push(m.id);
    },
  };
  const sent = await drainOutbox(fork, picky, { batchSize: 20 });
  // The batch holding the refused message went out but for it; no batch after it was tried.
  expect(sent).toBe(delivered.length);
  expect(sent % 20).toBe(19);
  expect(await app.em().count(OutboxMessage, { attempts: 0 })).toBe(47 - sent - 1);
  expect(await app.em().findOneOrFail(OutboxMessage, refused)).toMatchObject({ sentAt: null, attempts: 1, lastError: '550 mailbox unavailable' });
});

test('a message queued as facts of a kind nobody renders fails its try with the reason, and the rest go out', async () => {
  const ids = await enqueue(3);
  const em = app.em();
  const orphan = em.create(OutboxMessage, { municipalityId, kind: 'test.no-template', recipient: 'osoba@test.example', facts: { code: 'KAD234' } });
  await em.flush();
  const delivery = createDelivery(undefined, silentLogger, { showContent: true });
  expect(await drainOutbox(fork, delivery, { batchSize: 20 })).toBe(3);
  expect(await app.em().findOneOrFail(OutboxMessage, orphan.id)).toMatchObject({ sentAt: null, attempts: 1, lastError: 'No template for messages of kind test.no-template' });
  expect(await app.em().count(OutboxMessage, { id: { $in: ids }, sentAt: { $ne: null } })).toBe(3);
});

test('the time budget ends a run between batches', async () => {
  await enqueue(47);
  const slow: Delivery = { send: () => new Promise((resolve) => setTimeout(resolve, 5)) };
  expect(await drainOutbox(fork, slow, { batchSize: 20, budgetMs: 1 })).toBe(20);
  expect(await unsent()).toBe(27);
});

test('instances draining at the same time send every message exactly once', async () => {
  for (let run = 0; run < 5; run++) {
    await app.em().nativeDelete(OutboxMessage, {});
    const ids = await enqueue(120);
    const delivered: string[] = [];
    // A short pause per message, so the instances' batches overlap.
    const delivery: Delivery = { send: async (m) => { await new Promise((resolve) => setTimeout(resolve, 1)); delivered.push(m.id); } };
    const sent = await Promise.all(Array.from({ length: 4 }, () => drainOutbox(fork, delivery, { batchSize: 10 })));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(120);
    expect(delivered.length).toBe(120);
    expect(new Set(delivered)).toEqual(new Set(ids));
    expect(await unsent()).toBe(0);
  }
});

test('over SMTP a backlog goes out on a few kept connections, not one per message', async () => {
  let connections = 0;
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onConnect: (_session, callback) => { connections++; callback(); },
    onData: (stream, session, callback) => {
      stream.resume();
      stream.on('end', () => { received.push(session.envelope.rcptTo[0]!.address); callback(); });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  const delivery = createDelivery(`smtp://127.0.0.1:${port}`, silentLogger, { showContent: false });
  try {
    await enqueue(60);
    expect(await drainOutbox(fork, delivery, { batchSize: 20 })).toBe(60);
    expect(received.sort()).toEqual(Array.from({ length: 60 }, (_, i) => `osoba${i}@test.example`).sort());
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(5);
  } finally {
    delivery.close?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
