import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/**
 * The tables every municipality shares. Every other table is tenant-owned: it carries
 * `municipality_id`, in a key and in each reference to another tenant table, and row-level
 * security shows the application only its request's municipality (test/core/tenancy.test.ts holds
 * the schema to that; the policies are in the row_level_security migration).
 */
export const GLOBAL_TABLES: readonly string[] = ['municipality', 'mikro_orm_migrations', 'rate_limit'];

/** Who connects: the owner migrates, the application serves requests, the jobs work across municipalities. */
export type DatabaseRole = 'razem_app' | 'razem_jobs';
export const DATABASE_ROLES: readonly DatabaseRole[] = ['razem_app', 'razem_jobs'];

/** The municipality the database work of one request is for, once the request has named one. */
export class TenantScope {
  municipalityId: string | null = null;
}

const scopes = new AsyncLocalStorage<TenantScope>();

/** Runs `work` (and everything it starts) in `scope`: connections it takes carry the scope's municipality. */
export const inTenantScope = <T>(scope: TenantScope, work: () => T): T => scopes.run(scope, work);

export const currentMunicipalityId = (): string | null => scopes.getStore()?.municipalityId ?? null;

/** `iterable` with every step run in `scope`: a subscription's events are pulled from outside its request. */
export function inTenantScopeEach<T>(scope: TenantScope, iterable: AsyncIterable<T>): AsyncIterableIterator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  return {
    next: () => scopes.run(scope, () => iterator.next()),
    return: (value?: unknown) => scopes.run(scope, () => iterator.return?.(value) ?? Promise.resolve({ done: true as const, value: value as T })),
    throw: (error?: unknown) => scopes.run(scope, () => iterator.throw?.(error) ?? Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Makes every connection the pool hands out carry the municipality of the caller's scope in the
 * `razem.municipality` setting that the row-level policies read (none outside a scope: then the
 * policies show nothing). The setting lives on the connection, so it is sent only when the
 * connection last served another municipality: in a city's steady state, never. A connection whose
 * setting could not be made is destroyed rather than handed out with an old one.
 */
export function scopeConnections(pool: pg.Pool): void {
  const applied = new WeakMap<pg.PoolClient, string>();
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  // A connection that finished opening while the pool was closing goes straight back: the driver that
  // asked for it is gone (Kysely's would throw before releasing it, and closing would wait forever).
  const unlessClosing = (client: pg.PoolClient) => {
    if (!pool.ending) return client;
    client.release();
    throw new Error('The database connection pool is closing.');
  };
  const scoped = async () => {
    const client = unlessClosing(await connect());
    const wanted = currentMunicipalityId() ?? '';
    if (applied.get(client) === wanted) return client;
    applied.delete(client);
    try {
      await client.query(`select set_config('razem.municipality', $1, false)`, [wanted]);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    applied.set(client, wanted);
    return unlessClosing(client);
  };
  pool.connect = ((callback?: (error: Error | undefined, client?: pg.PoolClient, done?: () => void) => void) => {
    if (!callback) return scoped();
    scoped().then((client) => callback(undefined, client, () => client.release()), (error: Error) => callback(error));
    return undefined;
  }) as typeof pool.connect;
}

/** The URL `role` connects with: the owner's, under the role's name (and the owner's password, see ensureRoleLogins). */
export function roleUrl(ownerUrl: string, role: DatabaseRole): string {
  const url = new URL(ownerUrl);
  url.username = role;
  return url.toString();
}

/**
 * Lets the application's roles (created by the row_level_security migration) log in, with the
 * owner's password when the owner has one: whoever may configure the owner's URL may use theirs, and
 * no second secret needs handing out. Run as the owner, after the migrations.
 */
export async function ensureRoleLogins(ownerUrl: string): Promise<void> {
  const canLogIn = async (role: DatabaseRole) => {
    const probe = new pg.Client({ connectionString: roleUrl(ownerUrl, role) });
    return probe.connect().then(() => probe.end().then(() => true), () => false);
  };
  // Servers starting together would otherwise alter the same roles at once.
  const missing = (await Promise.all(DATABASE_ROLES.map(async (role) => ((await canLogIn(role)) ? null : role)))).filter((role) => role !== null);
  if (!missing.length) return;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const password = decodeURIComponent(new URL(ownerUrl).password);
    for (const role of missing) {
      await client.query(`alter role ${role} with login${password ? ` password ${client.escapeLiteral(password)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}
