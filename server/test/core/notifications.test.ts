import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DATABASE_CHANNELS, onNotification } from '../../src/core/db/notifications.js';
import { startTestApp, type TestApp } from '../support/harness.js';

/**
 * Read-your-writes of remembered answers (core/auth/actor-cache.ts) rests on this: a pooled
 * connection hears the notification of a change it commits before the statement that committed it
 * returns, so the code that made the change goes on only once it has been heard.
 */
let app: TestApp;
const heard: string[] = [];
let stop: () => void;
beforeAll(async () => {
  app = await startTestApp();
  stop = onNotification(DATABASE_CHANNELS.actorChanged, (payload) => heard.push(payload));
});
afterAll(async () => {
  stop();
  await app.close();
});

const notify = (em: EntityManager, payload: string) => em.execute(`select pg_notify('${DATABASE_CHANNELS.actorChanged}', '${payload}')`);

test('a statement that commits by itself returns after its notification is heard, every time', async () => {
  // Concurrently, so that many pooled connections (new and reused) each show it.
  await Promise.all(Array.from({ length: 40 }, async (_, i) => {
    await notify(app.em(), `own-${i}`);
    expect(heard).toContain(`own-${i}`);
  }));
});

test('a transaction is heard when it commits, not before, and before the commit returns, every time', async () => {
  await Promise.all(Array.from({ length: 20 }, async (_, i) => {
    await app.em().transactional(async (tx) => {
      await notify(tx, `transaction-${i}`);
      expect(heard).not.toContain(`transaction-${i}`);
    });
    expect(heard).toContain(`transaction-${i}`);
  }));
});

test('a rolled-back change is never announced', async () => {
  await expect(app.em().transactional(async (tx) => {
    await notify(tx, 'rolled-back');
    throw new Error('changed my mind');
  })).rejects.toThrow('changed my mind');
  await notify(app.em(), 'after-rollback');
  expect(heard).toContain('after-rollback');
  expect(heard).not.toContain('rolled-back');
});
