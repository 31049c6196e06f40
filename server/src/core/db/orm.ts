import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { migrationsDir } from './paths.js';

export type Orm = MikroORM;

export function ormConfig(clientUrl: string, entities: Options['entities'], extra: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    // Relations reached from list fields are batched per request instead of one query per row.
    dataloader: true,
    forceUtcTimezone: true,
    pool: { min: 0, max: 20 },
    // Hand-written SQL functions and triggers (see the initial and tenancy migrations) are ours, not the
    // schema generator's to drop; the rate limiter's table belongs to rate-limiter-flexible, not to an entity.
    schemaGenerator: { ignoreRoutines: true, ignoreTriggers: true, skipTables: ['rate_limit'] },
    migrations: {
      path: migrationsDir,
      pathTs: migrationsDir,
      glob: '!(*.d).{js,ts}',
      snapshot: false,
      silent: true,
      emit: 'ts',
    },
    ...extra,
  });
}

export function createOrm(clientUrl: string, entities: Options['entities'], extra: Partial<Options> = {}) {
  return MikroORM.init(ormConfig(clientUrl, entities, extra));
}

/** Creates the database on the server when it does not exist yet (fresh embedded cluster, fresh compose volume). */
export async function ensureDatabase(databaseUrl: string, template?: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
      await client.query(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}

export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
