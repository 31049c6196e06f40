import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createOrm, migrate } from '../../src/core/db/orm.js';
import { entities } from '../../src/entities.js';
import { DEMO_PASSWORD, seedDemoData } from '../../src/seed/demo.js';
import { dropDatabase, recreateDatabase } from '../support/databases.js';
import { TestClient } from '../support/harness.js';
import { ensureProductionBuild, startProductionServer } from '../support/production-server.js';

/**
 * The restore drill of docs/operations.md: pg_dump of a live database, pg_restore into an empty
 * one, and the production server runs on the copy. pg_dump cannot dump a newer server than itself:
 * TEST_BACKUP_DATABASE_SERVER_URL names a server that matches the machine's pg_dump (`.ci/run` sets
 * it to the machine's PostgreSQL); without one that matches, the drill is skipped and says why.
 */
const serverUrl = process.env.TEST_BACKUP_DATABASE_SERVER_URL ?? inject('postgresServerUrl');
const majorOf = (version: string) => Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1]);

async function serverMajor(): Promise<number> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return Math.floor(Number((await client.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]!.v) / 10_000);
  } finally {
    await client.end();
  }
}

function pgDumpMajor(): number | null {
  try {
    return majorOf(execFileSync('pg_dump', ['--version']).toString());
  } catch {
    return null;
  }
}

const [dumpVersion, databaseVersion] = [pgDumpMajor(), await serverMajor()];
const usable = dumpVersion !== null && dumpVersion >= databaseVersion;
if (!usable) console.warn(`Backup drill skipped: pg_dump ${dumpVersion ?? 'not installed'}, server PostgreSQL ${databaseVersion}; set TEST_BACKUP_DATABASE_SERVER_URL to a server pg_dump can read.`);

const suffix = Math.random().toString(36).slice(2, 10);
const [live, restored] = [`razem_test_backup_${suffix}`, `razem_test_restored_${suffix}`];
const folder = mkdtempSync(path.join(tmpdir(), 'razem-backup-'));
beforeAll(ensureProductionBuild, 120_000);
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await dropDatabase(serverUrl, live);
  await dropDatabase(serverUrl, restored);
});

test.skipIf(!usable)('a pg_dump of the demo database restores into an empty one, and the production server runs on it with all its data', async () => {
  const liveUrl = await recreateDatabase(serverUrl, live);
  const orm = await createOrm(liveUrl, entities);
  await migrate(orm);
  await seedDemoData(orm.em.fork());
  const counts = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ organizations: number; bookings: number; users: number }>(
        'select (select count(*)::int from organization) as organizations, (select count(*)::int from booking) as bookings, (select count(*)::int from "user") as users',
      );
      return rows[0]!;
    } finally {
      await client.end();
    }
  };
  const before = await counts(liveUrl);
  await orm.close();
  expect(before.organizations).toBeGreaterThan(10);

  // The commands of docs/operations.md, with the connection given as a URL.
  const dump = path.join(folder, 'razem.dump');
  execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, `--dbname=${liveUrl}`]);
  const restoredUrl = await recreateDatabase(serverUrl, restored);
  execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump]);
  expect(await counts(restoredUrl)).toEqual(before);

  const server = await startProductionServer(restoredUrl);
  try {
    // Nothing to migrate (the migration history came with the dump); accounts and data work.
    expect(server.output()).not.toContain('applied migrations');
    expect((await fetch(`http://127.0.0.1:${server.port}/ready`)).status).toBe(200);
    const client = await new TestClient(`http://127.0.0.1:${server.port}/graphql`, 'leszno').signIn('admin@leszno.example', DEMO_PASSWORD);
    const { me, organizations } = await client.ok('{ me { displayName } organizations(first: 1) { totalCount } }');
    expect(me.displayName).toBe('Administrator Demo');
    expect(organizations.totalCount).toBeGreaterThan(0);
  } finally {
    server.kill('SIGTERM');
    await server.exited;
  }
}, 120_000);
