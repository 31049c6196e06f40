import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { LISTENER_APPLICATION_NAME } from '../../src/core/db/notifications.js';
import { startTestApp, type TestApp } from '../support/harness.js';

/**
 * The server remembers who a session cookie belongs to (core/auth/actor-cache.ts). What a person
 * may do must still follow every change at once: sign-outs, roles, memberships, whoever makes them.
 */
let app: TestApp;
/** A connection of its own, outside this process's pools: changes through it are what another server or an operator makes. */
let elsewhere: pg.Client;
beforeAll(async () => {
  app = await startTestApp();
  elsewhere = new pg.Client({ connectionString: app.orm.config.get('clientUrl') });
  await elsewhere.connect();
});
afterAll(async () => {
  await elsewhere.end();
  await app.close();
});

const ME = `{ me { id role } }`;
const sessionLookups = async (run: () => Promise<unknown>) =>
  (await app.recordQueries(run)).filter((sql) => /\bfrom session\b/.test(sql)).length;

/** Asks until `check` holds; fails after 2 s. */
const eventually = (check: () => Promise<boolean>) =>
  vi.waitFor(async () => {
    if (!(await check())) throw new Error('not within 2 s');
  }, { timeout: 2000, interval: 20 });

describe('remembered sessions', () => {
  test('a signed-in person is looked up once, not on every request', async () => {
    const { client, userId } = await app.clientAs(Role.RESIDENT);
    await app.sessionRemembered(client);
    expect(await sessionLookups(async () => {
      for (let i = 0; i < 10; i++) expect((await client.ok(ME)).me).toEqual({ id: userId, role: 'RESIDENT' });
    })).toBe(0);
  });

  test('signing out ends the session at once, though it was remembered', async () => {
    const { client } = await app.clientAs(Role.RESIDENT);
    await app.sessionRemembered(client);
    const stolenCookie = client.cookie;
    await client.ok(`mutation { signOut }`);
    client.cookie = stolenCookie;
    expect((await client.ok(ME)).me).toBeNull();
  });

  test("a role an admin gives or takes applies from the person's next request", async () => {
    const { client: admin } = await app.clientAs(Role.ADMIN);
    const { client, userId } = await app.clientAs(Role.STAFF);
    await app.sessionRemembered(client);
    const setRole = (role: string) => admin.ok(`mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { role } }`, { input: { userId, role } });
    await setRole('RESIDENT');
    expect((await client.ok(ME)).me.role).toBe('RESIDENT');
    expect((await client.fails(`{ failedMessages { totalCount } }`)).extensions?.code).toBe('FORBIDDEN');
    await app.sessionRemembered(client);
    await setRole('STAFF');
    expect((await client.ok(ME)).me.role).toBe('STAFF');
  });

  test("a membership added or removed applies from the member's next request", async () => {
    const { client: owner, organizationId } = await app.organizationMember();
    const { client: member, userId, email } = await app.clientAs(Role.RESIDENT);
    const mine = async () => (await member.ok(`{ myOrganizations { id viewerRole } }`)).myOrganizations;
    await app.sessionRemembered(member);
    expect(await mine()).toEqual([]);
    await owner.ok(`mutation($input: AddMemberInput!) { addOrganizationMember(input: $input) { role } }`, { input: { organizationId, email, role: 'EDITOR' } });
    expect(await mine()).toEqual([{ id: organizationId, viewerRole: 'EDITOR' }]);
    await app.sessionRemembered(member);
    await owner.ok(`mutation($o: ID!, $u: ID!) { removeOrganizationMember(organizationId: $o, userId: $u) }`, { o: organizationId, u: userId });
    expect(await mine()).toEqual([]);
  });

  test('a change made outside this server (another server, an operator) is heard within moments', async () => {
    const { client, userId } = await app.clientAs(Role.STAFF);
    await app.sessionRemembered(client);
    await elsewhere.query(`update "user" set role = 'RESIDENT' where id = $1`, [userId]);
    await eventually(async () => (await client.ok(ME)).me.role === 'RESIDENT');
    await app.sessionRemembered(client);
    await elsewhere.query(`delete from session where user_id = $1`, [userId]);
    await eventually(async () => (await client.ok(ME)).me === null);
  });

  test('while the server cannot hear changes it remembers nobody, and it starts again once it can', async () => {
    const { client } = await app.clientAs(Role.RESIDENT);
    await app.sessionRemembered(client);
    const [listener] = (await elsewhere.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()`, [LISTENER_APPLICATION_NAME],
    )).rows;
    expect(listener).toBeDefined();
    // Once the server has noticed, every request looks the session up, until it listens again (after 1 s).
    await eventually(async () => (await sessionLookups(() => client.ok(ME))) === 1);
    expect(await sessionLookups(async () => {
      for (let i = 0; i < 3; i++) await client.ok(ME);
    })).toBe(3);
    await app.sessionRemembered(client);
  });

  test('requests racing a sign-out never bring the ended session back', async () => {
    const people = await app.clientsAs(Role.RESIDENT, 12);
    for (const [i, { client }] of people.entries()) {
      // Half remembered before the race, half looked up during it.
      if (i % 2) await app.sessionRemembered(client);
      const stolenCookie = client.cookie;
      const copies = Array.from({ length: 6 }, () => {
        const copy = app.client();
        copy.cookie = stolenCookie;
        return copy;
      });
      await Promise.all([client.ok(`mutation { signOut }`), ...copies.map((copy) => copy.ok(ME))]);
      for (const copy of copies) expect((await copy.ok(ME)).me).toBeNull();
    }
  });
});
