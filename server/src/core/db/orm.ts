import { MikroORM, PostgreSqlDriver, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { migrationsDir } from './paths.js';
import { listenOnPooledConnections } from './notifications.js';
import { scopeConnections } from './tenancy.js';

/** MikroORM's PostgreSQL driver, naming its read replicas: it picks one at random per read, /ready checks each. */
class Driver extends PostgreSqlDriver {
  readReplicas() {
    return [...this.replicas];
  }
}

export type Orm = MikroORM & { driver: Driver };

/** `replicas` for createOrm: streaming replicas of the primary (DATABASE_REPLICA_URLS), named in logs and /ready. */
export const replicaOptions = (urls: string[]): Options['replicas'] => urls.map((clientUrl, i) => ({ name: `replica-${i + 1}`, clientUrl }));

export function ormConfig(clientUrl: string, entities: Options['entities'], extra: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    driver: Driver,
    // A replica lags behind the primary, so MikroORM's default (every read outside a transaction on a
    // replica) would hide what a person just did. Reads use the primary unless a public read path asks
    // for a replica (core/db/replicas.ts).
    preferReadReplicas: false,
    entities,
    extensions: [Migrator],
    // Relations reached from list fields are batched per request instead of one query per row.
    dataloader: true,
    forceUtcTimezone: true,
    // Connections are kept for five minutes, not pg's ten seconds: a new connection's backend starts
    // with empty caches and prepares every statement again, and a burst after a short lull (booking
    // opens) paid for twenty of them at once (the rush of docs/benchmarks.md, 3.9 s instead of 3.0).
    pool: { min: 0, max: 20, idleTimeoutMillis: 300_000 },
    // Each connection carries its request's municipality for the row-level policies (core/db/tenancy.ts)
    // and hears the notifications of the changes it commits (core/db/notifications.ts).
    driverOptions: {
      onPoolCreated: (pool: pg.Pool) => {
        scopeConnections(pool);
        listenOnPooledConnections(pool);
      },
    },
    // Hand-written SQL functions, triggers and row-level policies (see the initial, tenancy and
    // row_level_security migrations) are ours, not the schema generator's to drop; the rate limiter's
    // table belongs to rate-limiter-flexible, not to an entity.
    schemaGenerator: { ignoreRoutines: true, ignoreTriggers: true, ignorePolicies: true, skipTables: ['rate_limit'] },
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

export async function createOrm(clientUrl: string, entities: Options['entities'], extra: Partial<Options> = {}): Promise<Orm> {
  return (await MikroORM.init(ormConfig(clientUrl, entities, extra))) as Orm;
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
