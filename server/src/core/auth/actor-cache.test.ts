import { afterEach, describe, expect, test } from 'vitest';
import { ActorCache, type SessionLookup } from './actor-cache.js';

const inAnHour = () => new Date(Date.now() + 3_600_000);
const caches: { close(): void }[] = [];
afterEach(() => caches.splice(0).forEach((cache) => cache.close()));

/** A cache and a loader that counts its calls and answers from `sessions` (key -> user id) as it stands when called. */
function setUp(options?: { ttlMs?: number }) {
  const cache = new ActorCache<{ userId: string; role: string }>(options);
  caches.push(cache);
  const sessions = new Map<string, { userId: string; role: string; expiresAt: Date }>();
  let loads = 0;
  const load = (key: string) => async (): Promise<SessionLookup<{ userId: string; role: string }> | null> => {
    loads++;
    const session = sessions.get(key);
    return session ? { value: { userId: session.userId, role: session.role }, userId: session.userId, expiresAt: session.expiresAt } : null;
  };
  const lookup = (key: string) => cache.lookup(key, load(key));
  return { cache, sessions, lookup, load, loads: () => loads };
}

describe('ActorCache', () => {
  test('keeps nothing until it is told changes are heard', async () => {
    const { sessions, lookup, loads } = setUp();
    sessions.set('a', { userId: 'u1', role: 'RESIDENT', expiresAt: inAnHour() });
    await lookup('a');
    await lookup('a');
    expect(loads()).toBe(2);
  });

  test('while trusted, answers a session from memory after the first lookup', async () => {
    const { cache, sessions, lookup, loads } = setUp();
    cache.setTrusted(true);
    sessions.set('a', { userId: 'u1', role: 'RESIDENT', expiresAt: inAnHour() });
    expect(await lookup('a')).toEqual({ userId: 'u1', role: 'RESIDENT' });
    expect(await lookup('a')).toEqual({ userId: 'u1', role: 'RESIDENT' });
    expect(loads()).toBe(1);
  });

  test('never keeps a failed lookup: made-up cookies cost a lookup each', async () => {
    const { cache, lookup, loads } = setUp();
    cache.setTrusted(true);
    expect(await lookup('nope')).toBeNull();
    expect(await lookup('nope')).toBeNull();
    expect(loads()).toBe(2);
  });

  test("forgetting a user drops every session of theirs and nobody else's", async () => {
    const { cache, sessions, lookup, loads } = setUp();
    cache.setTrusted(true);
    for (const [key, userId] of [['a', 'u1'], ['b', 'u1'], ['c', 'u2']] as const) sessions.set(key, { userId, role: 'RESIDENT', expiresAt: inAnHour() });
    for (const key of ['a', 'b', 'c']) await lookup(key);
    sessions.set('a', { userId: 'u1', role: 'STAFF', expiresAt: inAnHour() });
    sessions.delete('b');
    cache.forget('u1');
    expect(await lookup('a')).toEqual({ userId: 'u1', role: 'STAFF' });
    expect(await lookup('b')).toBeNull();
    expect(await lookup('c')).toEqual({ userId: 'u2', role: 'RESIDENT' });
    expect(loads()).toBe(5);
  });

  test('a lookup that a change overtook is not kept: it may have read the state before the change', async () => {
    const { cache, sessions, load } = setUp();
    cache.setTrusted(true);
    sessions.set('a', { userId: 'u1', role: 'RESIDENT', expiresAt: inAnHour() });
    // The lookup reads the session, then the session ends and is announced before the answer is back.
    const stale = await cache.lookup('a', async () => {
      const answer = await load('a')();
      sessions.delete('a');
      cache.forget('u1');
      return answer;
    });
    expect(stale).toEqual({ userId: 'u1', role: 'RESIDENT' });
    expect(await cache.lookup('a', load('a'))).toBeNull();
  });

  test('a session is not remembered past its expiry', async () => {
    const { cache, sessions, lookup, loads } = setUp();
    cache.setTrusted(true);
    sessions.set('a', { userId: 'u1', role: 'RESIDENT', expiresAt: new Date(Date.now() + 40) });
    await lookup('a');
    await new Promise((resolve) => setTimeout(resolve, 60));
    sessions.delete('a');
    expect(await lookup('a')).toBeNull();
    expect(loads()).toBe(2);
  });

  test('nothing is remembered longer than the backstop, even unchanged', async () => {
    const { cache, sessions, lookup, loads } = setUp({ ttlMs: 40 });
    cache.setTrusted(true);
    sessions.set('a', { userId: 'u1', role: 'RESIDENT', expiresAt: inAnHour() });
    await lookup('a');
    await new Promise((resolve) => setTimeout(resolve, 60));
    await lookup('a');
    expect(loads()).toBe(2);
  });

  test('losing the way to hear changes drops what was kept, and so does regaining it', async () => {
    const { cache, sessions, lookup, loads } = setUp();
    cache.setTrusted(true);
    sessions.set('a', { userId: 'u1', role: 'RESIDENT', expiresAt: inAnHour() });
    await lookup('a');
    cache.setTrusted(false);
    await lookup('a');
    await lookup('a');
    expect(loads()).toBe(3);
    cache.setTrusted(true);
    await lookup('a');
    await lookup('a');
    expect(loads()).toBe(4);
  });
});
