import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import 'reflect-metadata';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { createOrm, ensureDatabase, migrate } from '../../src/core/db/orm.js';
import { ensureRoleLogins } from '../../src/core/db/tenancy.js';
import { entities } from '../../src/entities.js';
import { openDaysWorld, type OpenDaysWorld } from '../open-days/world.js';
import { freePort } from '../support/free-port.js';
import { startTestApp, type TestApp } from '../support/harness.js';

/**
 * DATABASE_REPLICA_URLS against a real streaming replica: a PostgreSQL 15 primary and a hot standby
 * made by pg_basebackup, both started here. With the standby's replay paused, whatever the replica
 * answers is visibly stale, and any write sent to it fails (a standby is read-only).
 */
const BIN = '/usr/lib/postgresql/15/bin';
const available = existsSync(path.join(BIN, 'pg_basebackup'));
if (!available) console.warn(`replicas.test.ts skipped: no PostgreSQL 15 binaries in ${BIN} (initdb, pg_ctl, pg_basebackup)`);

const run = promisify(execFile);
// PostgreSQL refuses to run as root: then its commands run as the `postgres` system user.
const asRoot = process.getuid?.() === 0;
const pgCommand = (tool: string, args: string[]) =>
  asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(BIN, tool), ...args]) : run(path.join(BIN, tool), args);

let dir: string;
let primaryPort: number;
let standbyPort: number;
let app: TestApp;
let world: OpenDaysWorld;
const standbyDir = () => path.join(dir, 'standby');

async function onServer<T>(port: number, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Waits until the standby has replayed everything the primary has written so far. */
async function caughtUp() {
  const [{ lsn }] = await onServer<{ lsn: string }>(primaryPort, 'select pg_current_wal_lsn()::text as lsn');
  for (let i = 0; i < 200; i++) {
    const [{ behind }] = await onServer<{ behind: boolean }>(standbyPort, `select pg_last_wal_replay_lsn() < '${lsn}'::pg_lsn as behind`);
    if (!behind) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the standby did not catch up');
}

async function pauseReplay() {
  await onServer(standbyPort, 'select pg_wal_replay_pause()');
  for (let i = 0; i < 200; i++) {
    const [{ state }] = await onServer<{ state: string }>(standbyPort, 'select pg_get_wal_replay_pause_state() as state');
    if (state === 'paused') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('replay did not pause');
}

const resumeReplay = () => onServer(standbyPort, 'select pg_wal_replay_resume()');

describe.skipIf(!available)('read replicas (DATABASE_REPLICA_URLS)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'razem-replicas-'));
    if (asRoot) await run('chown', ['postgres:postgres', dir]);
    [primaryPort, standbyPort] = [await freePort(), await freePort()];
    const primaryDir = path.join(dir, 'primary');
    await pgCommand('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    // initdb's pg_hba.conf already lets local replication connections in (trust).
    await appendFile(path.join(primaryDir, 'postgresql.conf'), [
      "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`, 'wal_level = replica', 'max_wal_senders = 4',
      'fsync = off', 'synchronous_commit = off', 'full_page_writes = off', '',
    ].join('\n'));
    await pgCommand('pg_ctl', ['-D', primaryDir, '-l', path.join(dir, 'primary.log'), '-o', `-p ${primaryPort}`, '-w', 'start']);
    // -R writes standby.signal and the primary's address: the copy starts as a streaming hot standby.
    await pgCommand('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyDir(), '-R', '-X', 'stream']);
    await pgCommand('pg_ctl', ['-D', standbyDir(), '-l', path.join(dir, 'standby.log'), '-o', `-p ${standbyPort}`, '-w', 'start']);

    const primaryUrl = `postgresql://postgres@127.0.0.1:${primaryPort}/razem`;
    await ensureDatabase(primaryUrl);
    const orm = await createOrm(primaryUrl, entities);
    await migrate(orm);
    await orm.close();
    await ensureRoleLogins(primaryUrl);
    app = await startTestApp({ database: { url: primaryUrl, replicaUrls: [`postgresql://postgres@127.0.0.1:${standbyPort}/razem`] } });
    world = await openDaysWorld(app);
    await caughtUp();
  }, 60_000);

  afterAll(async () => {
    await resumeReplay().catch(() => {});
    await app?.close();
    for (const name of ['standby', 'primary']) await pgCommand('pg_ctl', ['-D', path.join(dir, name), '-m', 'immediate', 'stop']).catch(() => {});
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const DIRECTORY = `query($search: String!) { organizations(filter: { search: $search }, first: 5) { totalCount edges { node { id name } } } }`;
  const PROGRAMME = `query($editionId: ID!) { openDaysProgramme(editionId: $editionId, first: 50) { totalCount edges { node { id viewerBooking { id } } } } }`;
  const MY_PLAN = `query { myOpenDaysBookings { id status slot { id } } }`;
  const BOOK = `mutation($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status } }`;
  const directoryNames = async (client: ReturnType<TestApp['client']>, search: string) =>
    (await client.ok(DIRECTORY, { search })).organizations.edges.map((e: { node: { name: string } }) => e.node.name);

  test('while replay is paused, mutations succeed on the primary, anonymous public reads answer from the replica, own data from the primary', async () => {
    const { client: staff } = await app.clientAs(Role.STAFF);
    const { client: founder } = await app.clientAs(Role.RESIDENT);
    const { client: resident } = await app.clientAs(Role.RESIDENT);
    const visitor = app.client();
    await caughtUp();
    await pauseReplay();
    try {
      // A standby refuses every write: these succeed only because mutations go to the primary.
      const name = 'Stowarzyszenie Replikowanych Miłośników';
      const { registerOrganization: org } = await founder.ok(
        `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`,
        { input: {
          name, legalForm: 'ASSOCIATION', description: 'Sprawdzamy, czy czytanie z repliki nie gubi nowych wpisów.', activityAreas: ['ECOLOGY_AND_ANIMALS'],
          address: { street: 'ul. Parkowa 1', postalCode: '64-100', city: 'Leszno', district: 'Zatorze' },
        } },
      );
      await staff.ok(`mutation($id: ID!) { publishOrganization(id: $id) { status } }`, { id: org.id });
      const slotId = await world.slot();
      const { bookOpenDaysSlot: booking } = await resident.ok(BOOK, { input: { slotId, partySize: 1, waitlistIfFull: true } });
      expect(booking.status).toBe('CONFIRMED');

      // The replica has not seen any of it: anonymous visitors read from it.
      expect(await directoryNames(visitor, 'Replikowanych')).toEqual([]);
      const anonymousProgramme = (await visitor.ok(PROGRAMME, { editionId: world.editionId })).openDaysProgramme;
      expect(anonymousProgramme.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(slotId);

      // Signed in, one's own booking shows at once, in My plan and in the programme; staff see the new organisation.
      expect((await resident.ok(MY_PLAN)).myOpenDaysBookings).toEqual([{ id: booking.id, status: 'CONFIRMED', slot: { id: slotId } }]);
      const ownProgramme = (await resident.ok(PROGRAMME, { editionId: world.editionId })).openDaysProgramme;
      expect(ownProgramme.edges).toContainEqual({ node: { id: slotId, viewerBooking: { id: booking.id } } });
      expect(await directoryNames(staff, 'Replikowanych')).toEqual([name]);
    } finally {
      await resumeReplay();
    }
    // Replay resumed: the replica catches up and visitors see the new organisation.
    await caughtUp();
    expect(await directoryNames(visitor, 'Replikowanych')).toEqual(['Stowarzyszenie Replikowanych Miłośników']);
  });

  test('/ready checks the replica too', async () => {
    const ready = () => fetch(app.url.replace('/graphql', '/ready')).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(await ready()).toEqual({ status: 200, body: { ready: true, problems: [] } });
    await pgCommand('pg_ctl', ['-D', standbyDir(), '-m', 'fast', 'stop']);
    expect(await ready()).toEqual({ status: 503, body: { ready: false, problems: ['replica-1 unreachable'] } });
  });
});
