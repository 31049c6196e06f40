/**
 * Two API servers on one database: a server may remember whose a session cookie is, but rights must
 * follow every change. The server that made a change reflects it on the very next request; another
 * server within 1 s; a change an operator makes directly in the database, everywhere within 1 s.
 * The first server is the harness's in-process app; the second is the compiled build in its own
 * process (`node dist/main.js`), on the same database.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { MembershipRole, Role } from '../../src/core/auth/roles.js';
import { type GraphQLResponse, startTestApp, type TestApp, TestClient } from '../support/harness.js';
import { ensureProductionBuild, type ProductionServer, startProductionServer } from '../support/production-server.js';

interface Server {
  name: string;
  url: string;
}

let app: TestApp;
let separateProcess: ProductionServer | undefined;
let inProcess: Server;
let separate: Server;
let ownerUrl: string;

beforeAll(async () => {
  ensureProductionBuild();
  app = await startTestApp();
  ownerUrl = app.orm.config.get('clientUrl') as string;
  separateProcess = await startProductionServer(ownerUrl, { SEED_DEMO_DATA: 'false', SERVE_WEB: 'false' });
  inProcess = { name: 'the in-process server', url: app.url };
  separate = { name: 'the separate server process', url: `http://127.0.0.1:${separateProcess.port}/graphql` };
}, 180_000);

afterAll(async () => {
  if (separateProcess) {
    separateProcess.kill('SIGTERM');
    // It stops in well under a second; never leave it running if it hangs.
    const killer = setTimeout(() => separateProcess!.kill('SIGKILL'), 10_000);
    await separateProcess.exited;
    clearTimeout(killer);
  }
  await app?.close();
});

const ME = `{ me { id role } }`;
const STAFF_ONLY = `{ failedMessages { totalCount } }`;
const MEMBERSHIP = `query($slug: String!) { myOrganizations { id viewerRole } organization(slug: $slug) { id viewerRole members { role } } }`;
const SIGN_OUT = `mutation { signOut }`;
const SET_ROLE = `mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { id role } }`;
const ADD_MEMBER = `mutation($input: AddMemberInput!) { addOrganizationMember(input: $input) { role } }`;
const REMOVE_MEMBER = `mutation($organizationId: ID!, $userId: ID!) { removeOrganizationMember(organizationId: $organizationId, userId: $userId) }`;

const otherThan = (server: Server) => (server === inProcess ? separate : inProcess);

/**
 * One request to `server` with exactly this cookie. A fresh client each time: a server clearing the
 * cookie in its answer must not make the next request anonymous on our side.
 */
function ask<T = Record<string, any>>(server: Server, cookie: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const client = new TestClient(server.url, 'leszno');
  client.cookie = cookie;
  return client.request<T>(query, variables);
}

async function askOk<T = Record<string, any>>(server: Server, cookie: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await ask<T>(server, cookie, query, variables);
  if (result.errors?.length) throw new Error(`${server.name}: unexpected errors ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** Whom each server takes the cookie for, as `me` answers. */
const signedInAs = async (server: Server, cookie: string) => (await askOk<{ me: { id: string } | null }>(server, cookie, ME)).me?.id ?? null;

/** The account's role and whether a staff-only query lets it in (or its error code). */
async function roleSeen(server: Server, cookie: string) {
  const me = (await askOk<{ me: { role: string } | null }>(server, cookie, ME)).me;
  const staffOnly = await ask(server, cookie, STAFF_ONLY);
  return { role: me?.role ?? null, staffOnly: staffOnly.errors?.length ? staffOnly.errors[0]!.extensions?.code : 'allowed' };
}

/** The account's role in the organisation as its list, the organisation's viewerRole and the members list show it. */
async function membershipSeen(server: Server, cookie: string, organization: { id: string; slug: string }) {
  const data = await askOk<{ myOrganizations: { id: string; viewerRole: string | null }[]; organization: { viewerRole: string | null; members: unknown[] | null } }>(
    server, cookie, MEMBERSHIP, { slug: organization.slug },
  );
  return {
    listed: data.myOrganizations.find((o) => o.id === organization.id)?.viewerRole ?? null,
    viewerRole: data.organization.viewerRole,
    seesMembers: data.organization.members !== null,
  };
}

/**
 * Uses the cookie many times on both servers, so either could have remembered it (the in-process one
 * is checked to answer it from memory: otherwise nothing below would test remembering).
 */
async function useEverywhere(cookie: string, userId: string) {
  for (const server of [inProcess, separate]) {
    for (let i = 0; i < 10; i++) expect(await signedInAs(server, cookie)).toBe(userId);
  }
  const client = new TestClient(inProcess.url, 'leszno');
  client.cookie = cookie;
  await app.sessionRemembered(client);
}

/** Polls every 20 ms until `observe` answers `expected`; fails after `ms` with what it last saw. */
async function seenWithin<T>(ms: number, server: Server, what: string, observe: () => Promise<T>, expected: T) {
  await vi.waitFor(async () => expect(await observe(), `${server.name}: ${what} not reflected within ${ms} ms`).toEqual(expected), { timeout: ms, interval: 20 });
}

/**
 * The rule for a change made through the API on `changedOn`: that server reflects it on the very
 * next request (a), the other server within 1 s (b).
 */
async function expectReflected<T>(changedOn: Server, what: string, observe: (server: Server) => Promise<T>, expected: T) {
  expect(await observe(changedOn), `${changedOn.name}, which made the change: ${what} on the next request`).toEqual(expected);
  const other = otherThan(changedOn);
  await seenWithin(1000, other, what, () => observe(other), expected);
}

/** The rule for a change made directly in the database: both servers within 1 s (c). */
async function expectReflectedByBoth<T>(what: string, observe: (server: Server) => Promise<T>, expected: T) {
  await Promise.all([inProcess, separate].map((server) => seenWithin(1000, server, what, () => observe(server), expected)));
}

/** What an operator does in psql: one plain connection as the tables' owner, one statement. */
async function operatorRuns(sql: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

async function newOrganization() {
  const owner = await app.organizationMember();
  const { myOrganizations } = await owner.client.ok<{ myOrganizations: { id: string; slug: string }[] }>(`{ myOrganizations { id slug } }`);
  return { ownerCookie: owner.client.cookie!, organization: myOrganizations.find((o) => o.id === owner.organizationId)! };
}

test('the second server is its own process on the same database', async () => {
  const { client, userId } = await app.clientAs(Role.RESIDENT);
  expect(separate.url).not.toBe(inProcess.url);
  expect(await signedInAs(separate, client.cookie!)).toBe(userId);
});

// Every change is made once through each server: "the same server" and "another server" swap places.
describe.each([
  { changedOnName: 'the in-process server', pick: () => inProcess },
  { changedOnName: 'the separate process', pick: () => separate },
])('changes made through $changedOnName', ({ pick }) => {
  test('sign-out: a copy of the cookie is signed out there at once and on the other server within 1 s', async () => {
    const changedOn = pick();
    const { client, userId } = await app.clientAs(Role.RESIDENT);
    const cookie = client.cookie!;
    await useEverywhere(cookie, userId);

    expect(await askOk(changedOn, cookie, SIGN_OUT)).toEqual({ signOut: true });
    await expectReflected(changedOn, 'sign-out', (server) => signedInAs(server, cookie), null);
  });

  test('an admin promotes a resident to staff and demotes them again: the role and staff-only access follow', async () => {
    const changedOn = pick();
    const { client: admin } = await app.clientAs(Role.ADMIN);
    const { client, userId } = await app.clientAs(Role.RESIDENT);
    const cookie = client.cookie!;
    await useEverywhere(cookie, userId);
    for (const server of [inProcess, separate]) expect(await roleSeen(server, cookie)).toEqual({ role: 'RESIDENT', staffOnly: 'FORBIDDEN' });

    await askOk(changedOn, admin.cookie!, SET_ROLE, { input: { userId, role: Role.STAFF } });
    await expectReflected(changedOn, 'promotion to STAFF', (server) => roleSeen(server, cookie), { role: 'STAFF', staffOnly: 'allowed' });

    await useEverywhere(cookie, userId);
    await askOk(changedOn, admin.cookie!, SET_ROLE, { input: { userId, role: Role.RESIDENT } });
    await expectReflected(changedOn, 'demotion to RESIDENT', (server) => roleSeen(server, cookie), { role: 'RESIDENT', staffOnly: 'FORBIDDEN' });
  });

  test('an owner adds a member, makes them an owner, then removes them: the member’s rights follow', async () => {
    const changedOn = pick();
    const { ownerCookie, organization } = await newOrganization();
    const { client, userId, email } = await app.clientAs(Role.RESIDENT);
    const cookie = client.cookie!;
    const seen = (server: Server) => membershipSeen(server, cookie, organization);
    await useEverywhere(cookie, userId);
    for (const server of [inProcess, separate]) expect(await seen(server)).toEqual({ listed: null, viewerRole: null, seesMembers: false });

    await askOk(changedOn, ownerCookie, ADD_MEMBER, { input: { organizationId: organization.id, email, role: MembershipRole.EDITOR } });
    await expectReflected(changedOn, 'membership added', seen, { listed: 'EDITOR', viewerRole: 'EDITOR', seesMembers: true });

    await useEverywhere(cookie, userId);
    await askOk(changedOn, ownerCookie, ADD_MEMBER, { input: { organizationId: organization.id, email, role: MembershipRole.OWNER } });
    await expectReflected(changedOn, 'membership role changed to OWNER', seen, { listed: 'OWNER', viewerRole: 'OWNER', seesMembers: true });

    await useEverywhere(cookie, userId);
    expect(await askOk(changedOn, ownerCookie, REMOVE_MEMBER, { organizationId: organization.id, userId })).toEqual({ removeOrganizationMember: true });
    await expectReflected(changedOn, 'membership removed', seen, { listed: null, viewerRole: null, seesMembers: false });
  });
});

describe('an operator changes the database directly (psql): every server follows within 1 s', () => {
  test('demoting staff to resident and promoting them back', async () => {
    const { client, userId } = await app.clientAs(Role.STAFF);
    const cookie = client.cookie!;
    await useEverywhere(cookie, userId);
    for (const server of [inProcess, separate]) expect(await roleSeen(server, cookie)).toEqual({ role: 'STAFF', staffOnly: 'allowed' });

    await operatorRuns(`update "user" set role = 'RESIDENT' where id = $1`, [userId]);
    await expectReflectedByBoth('role set to RESIDENT in the database', (server) => roleSeen(server, cookie), { role: 'RESIDENT', staffOnly: 'FORBIDDEN' });

    await useEverywhere(cookie, userId);
    await operatorRuns(`update "user" set role = 'STAFF' where id = $1`, [userId]);
    await expectReflectedByBoth('role set to STAFF in the database', (server) => roleSeen(server, cookie), { role: 'STAFF', staffOnly: 'allowed' });
  });

  test('deleting a user’s sessions signs them out', async () => {
    const { client, userId } = await app.clientAs(Role.RESIDENT);
    const cookie = client.cookie!;
    await useEverywhere(cookie, userId);

    await operatorRuns(`delete from session where user_id = $1`, [userId]);
    await expectReflectedByBoth('sessions deleted in the database', (server) => signedInAs(server, cookie), null);
  });

  test('inserting and deleting a membership row', async () => {
    const { organization } = await newOrganization();
    const { client, userId } = await app.clientAs(Role.RESIDENT);
    const cookie = client.cookie!;
    const seen = (server: Server) => membershipSeen(server, cookie, organization);
    await useEverywhere(cookie, userId);
    for (const server of [inProcess, separate]) expect(await seen(server)).toEqual({ listed: null, viewerRole: null, seesMembers: false });

    await operatorRuns(
      `insert into membership (id, organization_id, user_id, role, created_at) values (gen_random_uuid(), $1, $2, 'EDITOR', now())`,
      [organization.id, userId],
    );
    await expectReflectedByBoth('membership inserted in the database', seen, { listed: 'EDITOR', viewerRole: 'EDITOR', seesMembers: true });

    await useEverywhere(cookie, userId);
    await operatorRuns(`delete from membership where organization_id = $1 and user_id = $2`, [organization.id, userId]);
    await expectReflectedByBoth('membership deleted in the database', seen, { listed: null, viewerRole: null, seesMembers: false });
  });
});

test('sign-out racing requests with copies of the same cookie on both servers leaves every copy signed out', async () => {
  const { client, userId, email } = await app.clientAs(Role.RESIDENT);
  for (let round = 0; round < 10; round++) {
    // A new session each round, for the same account.
    const session = new TestClient(inProcess.url, 'leszno');
    await session.signIn(email);
    const cookie = session.cookie!;
    // Half the rounds start with the cookie remembered; in the others the racing requests are the
    // ones that could remember it, while the sign-out is under way.
    if (round % 2 === 0) await useEverywhere(cookie, userId);
    const changedOn = round % 4 < 2 ? inProcess : separate;

    const copies = [inProcess, separate, inProcess, separate, inProcess, separate];
    const [signOut] = await Promise.all([
      askOk(changedOn, cookie, SIGN_OUT),
      ...copies.map((server) => ask(server, cookie, ME)),
    ]);
    expect(signOut, `round ${round}`).toEqual({ signOut: true });

    // After everything settled: the server that signed out, at once; the other within 1 s.
    for (const server of copies.filter((s) => s === changedOn)) {
      expect(await signedInAs(server, cookie), `round ${round}, ${server.name} (made the sign-out)`).toBeNull();
    }
    const other = otherThan(changedOn);
    await seenWithin(1000, other, `round ${round}: sign-out`, () => signedInAs(other, cookie), null);
    for (const server of copies) expect(await signedInAs(server, cookie), `round ${round}, ${server.name}`).toBeNull();
  }
  // The account itself is untouched: its first session still works.
  expect(await signedInAs(inProcess, client.cookie!)).toBe(userId);
});
