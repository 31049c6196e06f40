import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { removeExpiredSessions } from '../../src/modules/accounts/index.js';
import { startTestApp, TEST_PASSWORD, type TestApp, TestClient } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { id displayName role email } }`;
const ME = `{ me { id displayName role email } }`;
const userCount = async () => (await app.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from "user"'))[0]!.n;

describe('sign up, sign in, sign out', () => {
  test('signing up creates a resident and signs them in with an http-only cookie', async () => {
    const client = app.client();
    const { signUp } = await client.ok(SIGN_UP, { input: { email: 'Ala@Example.org', password: TEST_PASSWORD, displayName: 'Ala Testowa' } });
    expect(signUp).toMatchObject({ displayName: 'Ala Testowa', role: 'RESIDENT', email: 'ala@example.org' });
    expect(client.cookie).toMatch(/^razem_session=/);
    expect((await client.ok(ME)).me).toMatchObject({ id: signUp.id });
  });

  test('the session cookie is http-only and same-site', async () => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-municipality': 'leszno' },
      body: JSON.stringify({ query: SIGN_UP, variables: { input: { email: 'cookie@example.org', password: TEST_PASSWORD, displayName: 'Cookie' } } }),
    });
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
  });

  test('sign in with the right password works; a wrong one or unknown email is UNAUTHENTICATED', async () => {
    await app.client().ok(SIGN_UP, { input: { email: 'bob@example.org', password: TEST_PASSWORD, displayName: 'Bob' } });
    const client = app.client();
    expect((await client.fails(`mutation { signIn(input: { email: "bob@example.org", password: "wrong-password" }) { id } }`)).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await client.fails(`mutation { signIn(input: { email: "nobody@example.org", password: "wrong-password" }) { id } }`)).extensions?.code).toBe('UNAUTHENTICATED');
    await client.signIn('BOB@example.org');
    expect((await client.ok(ME)).me.displayName).toBe('Bob');
  });

  test('sign out ends the session on the server, not only in the browser', async () => {
    const { client } = await app.clientAs(Role.RESIDENT);
    const stolenCookie = client.cookie;
    await client.ok(`mutation { signOut }`);
    expect(client.cookie).toBeUndefined();
    expect((await client.ok(ME)).me).toBeNull();
    client.cookie = stolenCookie;
    expect((await client.ok(ME)).me).toBeNull();
  });

  test('expired sessions are removed by housekeeping; live ones stay and keep working', async () => {
    const { client: live, userId } = await app.clientAs(Role.RESIDENT);
    const { client: stale } = await app.clientAs(Role.RESIDENT);
    const sessions = () => app.em().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from session`).then((r) => r[0]!.n);
    // One session ends: as if its expiry had passed.
    await app.em().getConnection().execute(`update session set expires_at = now() - interval '1 minute' where user_id <> ?`, [userId]);
    const before = await sessions();
    const removed = await removeExpiredSessions(app.em());
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await sessions()).toBe(before - removed);
    expect((await live.ok(`{ me { id } }`)).me.id).toBe(userId);
    expect((await stale.ok(`{ me { id } }`)).me).toBeNull();
  });

  test('passwords are stored as argon2id hashes', async () => {
    const [row] = await app.em().getConnection().execute<{ password_hash: string }[]>(`select password_hash from "user" where email = 'ala@example.org'`);
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('sign-up validation stores nothing', () => {
  test.each([
    ['email', { email: 'not-an-email', password: TEST_PASSWORD, displayName: 'X Y' }, 'isEmail'],
    ['password', { email: 'short@example.org', password: 'short', displayName: 'X Y' }, 'minLength'],
    ['displayName', { email: 'name@example.org', password: TEST_PASSWORD, displayName: 'X' }, 'isLength'],
    // Long enough, but on every list of common passwords or a keyboard pattern or a repeat.
    ['password', { email: 'digits@example.org', password: '1234567890', displayName: 'X Y' }, 'weakPassword'],
    ['password', { email: 'repeat@example.org', password: 'aaaaaaaaaa', displayName: 'X Y' }, 'weakPassword'],
    ['password', { email: 'keyboard@example.org', password: 'qwertyuiop', displayName: 'X Y' }, 'weakPassword'],
    ['password', { email: 'own-email@example.org', password: 'own-email@example.org', displayName: 'X Y' }, 'weakPassword'],
  ])('bad %s is BAD_USER_INPUT naming the field', async (field, input, code) => {
    const before = await userCount();
    const error = await app.client().fails(SIGN_UP, { input });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toContainEqual(expect.objectContaining({ field, code }));
    expect(await userCount()).toBe(before);
  });

  test('a taken email is a CONFLICT on the email field', async () => {
    await app.client().ok(SIGN_UP, { input: { email: 'twice@example.org', password: TEST_PASSWORD, displayName: 'Once' } });
    const before = await userCount();
    const error = await app.client().fails(SIGN_UP, { input: { email: 'TWICE@example.org', password: TEST_PASSWORD, displayName: 'Twice' } });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', fields: [expect.objectContaining({ field: 'email' })] });
    expect(await userCount()).toBe(before);
  });

  test('a request without a municipality is refused as input, and stores nothing', async () => {
    const before = await userCount();
    const error = await new TestClient(app.url, undefined).fails(SIGN_UP, { input: { email: 'x@example.org', password: TEST_PASSWORD, displayName: 'X Y' } });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'X-Municipality', code: 'required' }] });
    expect(await userCount()).toBe(before);
  });
});

describe('municipalities are separate', () => {
  test('the same email may have an account in each municipality', async () => {
    const input = { email: 'both@example.org', password: TEST_PASSWORD, displayName: 'Both' };
    await app.client('leszno').ok(SIGN_UP, { input });
    await app.client('czerwionka-leszczyny').ok(SIGN_UP, { input });
  });

  test('a session from one municipality is anonymous in another', async () => {
    const { client } = await app.clientAs(Role.STAFF, { municipality: 'leszno' });
    client.municipality = 'czerwionka-leszczyny';
    expect((await client.ok(ME)).me).toBeNull();
  });

  test('a municipality that does not exist is NOT_FOUND (UNKNOWN_MUNICIPALITY), wherever the request looks, with HTTP 200', async () => {
    const before = await userCount();
    const ask = async (query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-municipality': 'warszawa' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as { data: unknown; errors?: { extensions?: unknown }[] } };
    };
    const unknown = { code: 'NOT_FOUND', reason: 'UNKNOWN_MUNICIPALITY' };
    // GraphQL answers errors raised while resolving with 200; the web app reads the code and shows its 404 page.
    for (const query of [`{ organizations { totalCount } }`, ME, `{ currentMunicipality { slug } }`]) {
      const { status, body } = await ask(query);
      expect({ query, status, extensions: body.errors?.[0]?.extensions }).toEqual({ query, status: 200, extensions: unknown });
    }
    const signUp = await ask(SIGN_UP, { input: { email: 'w@example.org', password: TEST_PASSWORD, displayName: 'W W' } });
    expect(signUp.body.errors?.[0]?.extensions).toEqual(unknown);
    expect(await userCount()).toBe(before);
    // The list to choose from still answers, and without a header nothing is "unknown".
    expect((await ask(`{ municipalities { slug } }`)).body.data).toEqual({ municipalities: [{ slug: 'czerwionka-leszczyny' }, { slug: 'leszno' }] });
    expect(await new TestClient(app.url, undefined).ok(`{ me { id } currentMunicipality { slug } }`)).toEqual({ me: null, currentMunicipality: null });
    // With a known one, it is the one in the database, without a query of its own.
    const [leszno] = await app.em().getConnection().execute<{ id: string }[]>(`select id from municipality where slug = 'leszno'`);
    let current: unknown;
    await app.client().ok(`{ __typename }`); // the municipality's scope, looked up once and cached
    const statements = await app.countQueries(async () => (current = await app.client().ok(`{ currentMunicipality { id slug name } }`)));
    expect(current).toEqual({ currentMunicipality: { id: leszno!.id, slug: 'leszno', name: 'Leszno' } });
    expect(statements).toBe(0);
  });

  test('the municipalities query lists both without a header', async () => {
    const { municipalities } = await new TestClient(app.url, undefined).ok(`{ municipalities { slug name } }`);
    expect(municipalities.map((m: { slug: string }) => m.slug)).toEqual(['czerwionka-leszczyny', 'leszno']);
  });
});

describe('roles', () => {
  const SET_ROLE = `mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { role department } }`;

  test('an admin makes a user an official of a department', async () => {
    const { client: admin } = await app.clientAs(Role.ADMIN);
    const { userId } = await app.clientAs(Role.RESIDENT);
    const { setUserRole } = await admin.ok(SET_ROLE, { input: { userId, role: 'OFFICIAL', department: 'Wydział Edukacji' } });
    expect(setUserRole).toEqual({ role: 'OFFICIAL', department: 'Wydział Edukacji' });
  });

  test('staff, residents and anonymous users may not assign roles', async () => {
    const { userId } = await app.clientAs(Role.RESIDENT);
    const { client: staff } = await app.clientAs(Role.STAFF);
    const { client: resident } = await app.clientAs(Role.RESIDENT);
    const input = { userId, role: 'ADMIN' };
    expect((await staff.fails(SET_ROLE, { input })).extensions?.code).toBe('FORBIDDEN');
    expect((await resident.fails(SET_ROLE, { input })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(SET_ROLE, { input })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('an admin cannot reach a user of another municipality', async () => {
    const { client: admin } = await app.clientAs(Role.ADMIN, { municipality: 'czerwionka-leszczyny' });
    const { userId } = await app.clientAs(Role.RESIDENT, { municipality: 'leszno' });
    expect((await admin.fails(SET_ROLE, { input: { userId, role: 'STAFF' } })).extensions?.code).toBe('NOT_FOUND');
  });

  test('users see their own email', async () => {
    const { client: resident, email } = await app.clientAs(Role.RESIDENT);
    expect((await resident.ok(ME)).me.email).toBe(email);
  });
});
