import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOrm } from '../../src/core/db/orm.js';
import { GLOBAL_TABLES, inTenantScope, roleUrl, TenantScope } from '../../src/core/db/tenancy.js';
import { entities } from '../../src/entities.js';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp } from '../support/harness.js';

/**
 * Tenancy by construction: every table that is not one of the few global ones carries its
 * municipality, and the database itself refuses a row that points at another municipality's row.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const sql = <T extends object>(query: string, params: unknown[] = []) => app.em().getConnection().execute<T[]>(query, params);

test('every tenant-owned table has the municipality as a column, in a key, and in every reference to another tenant table', async () => {
  const tables = (await sql<{ name: string }>(`select relname as name from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`))
    .map((t) => t.name).filter((name) => !GLOBAL_TABLES.includes(name));
  expect(tables.length).toBeGreaterThanOrEqual(25);
  const problems: string[] = [];
  for (const table of tables) {
    const [column] = await sql<{ notnull: boolean }>(
      `select attnotnull as notnull from pg_attribute where attrelid = ?::regclass and attname = 'municipality_id' and not attisdropped`, [`"${table}"`]);
    if (!column) { problems.push(`${table}: no municipality_id`); continue; }
    if (!column.notnull) problems.push(`${table}: municipality_id may be null`);
    // Keys (primary, unique constraints, unique indexes) by their columns.
    const keys = await sql<{ name: string; columns: string[]; primary: boolean }>(
      `select i.relname as name, x.indisprimary as primary,
              array(select a.attname::text from unnest(x.indkey) k join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k) as columns
         from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = ?::regclass and x.indisunique`, [`"${table}"`]);
    const primary = keys.find((k) => k.primary)?.columns ?? [];
    if (!keys.some((k) => k.columns.includes('municipality_id') && primary.every((c) => k.columns.includes(c)))) problems.push(`${table}: no key (municipality_id, ${primary})`);
    for (const key of keys) {
      // A row's own identity (its primary key: an id or a secret token) is unique on its own; every other rule is per municipality.
      if (!key.primary && !key.columns.includes('municipality_id')) problems.push(`${table}: unique ${key.name} (${key.columns}) lacks municipality_id`);
    }
    const references = await sql<{ name: string; parent: string; columns: string[]; parentColumns: string[] }>(
      `select c.conname as name, c.confrelid::regclass::text as parent,
              array(select a.attname::text from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k) as columns,
              array(select a.attname::text from unnest(c.confkey) k join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k) as "parentColumns"
         from pg_constraint c where c.conrelid = ?::regclass and c.contype = 'f'`, [`"${table}"`]);
    if (!references.some((r) => r.parent === 'municipality' && r.columns.join() === 'municipality_id')) problems.push(`${table}: municipality_id references no municipality`);
    for (const reference of references.filter((r) => r.parent !== 'municipality')) {
      if (!reference.columns.includes('municipality_id') || !reference.parentColumns.includes('municipality_id')) {
        problems.push(`${table}: ${reference.name} → ${reference.parent} (${reference.columns}) does not include municipality_id`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test('the planner knows that a row\'s municipality follows from its parent, for every composite reference', async () => {
  const missing = await sql<{ reference: string }>(
    `select c.conname as reference from pg_constraint c
      join pg_attribute m on m.attrelid = c.conrelid and m.attnum = c.conkey[1] and m.attname = 'municipality_id'
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace and cardinality(c.conkey) = 2
        and not exists (select from pg_statistic_ext s where s.stxrelid = c.conrelid and 'f' = any(s.stxkind)
                          and s.stxkeys::int2[] @> c.conkey::int2[])`);
  const references = await sql<{ n: string }>(`select count(*) as n from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace and cardinality(c.conkey) = 2`);
  expect(Number(references[0]!.n)).toBeGreaterThan(20);
  expect(missing.map((m) => m.reference)).toEqual([]);
});

test('rows written without naming their municipality get it from their parent', async () => {
  const { organizationId, userId } = await app.organizationMember();
  const [membership] = await sql<{ municipality: string; expected: string }>(
    `select m.municipality_id as municipality, o.municipality_id as expected from membership m join organization o on o.id = m.organization_id
      where m.organization_id = ? and m.user_id = ?`, [organizationId, userId]);
  expect(membership!.municipality).toBe(membership!.expected);
});

test('the database refuses a row that points at another municipality', async () => {
  const { organizationId } = await app.organizationMember({ municipality: 'leszno' });
  const { userId: stranger } = await app.clientAs(Role.RESIDENT, { municipality: 'czerwionka-leszczyny' });
  const { organizationId: foreignOrganization } = await app.organizationMember({ municipality: 'czerwionka-leszczyny' });
  const refused = async (query: string, params: unknown[]) => {
    const error = await sql(query, params).then(() => null, (e: { code?: string }) => e);
    return error?.code;
  };
  // A membership made through the parent organisation's municipality, naming a user of another one.
  expect(await refused(`insert into membership (id, organization_id, user_id, role, created_at) values (gen_random_uuid(), ?, ?, 'EDITOR', now())`, [organizationId, stranger]))
    .toBe('23503');
  // Moving an existing row's reference across municipalities is refused too.
  expect(await refused(`update membership set organization_id = ? where organization_id = ?`, [foreignOrganization, organizationId])).toBe('23503');
  // And a row cannot claim another municipality than its parent's.
  const [czerwionka] = await sql<{ id: string }>(`select id from municipality where slug = 'czerwionka-leszczyny'`);
  expect(await refused(`update membership set municipality_id = ? where organization_id = ?`, [czerwionka!.id, organizationId])).toBe('23503');
});

describe('row-level security: the application role sees and writes only its request\'s municipality', () => {
  const tenantTables = async () => (await sql<{ name: string }>(
    `select c.relname as name from pg_class c join pg_attribute a on a.attrelid = c.oid
      where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace and a.attname = 'municipality_id' and not a.attisdropped and c.relname <> 'municipality'`)).map((t) => t.name);
  /** Runs a statement the way the app does: through its own pool, in a request's scope (or none). */
  const asApp = async <T extends object>(municipalityId: string | null, query: string, params: unknown[] = []) => {
    const scope = new TenantScope();
    scope.municipalityId = municipalityId;
    return inTenantScope(scope, () => app.appOrm.em.fork().getConnection().execute<T[]>(query, params));
  };
  let leszno: string;
  let czerwionka: string;
  let foreignOrganization: string;
  beforeAll(async () => {
    leszno = await app.municipalityId('leszno');
    czerwionka = await app.municipalityId('czerwionka-leszczyny');
    // Rows of both municipalities in the tables a forgotten filter would most likely leak.
    await app.organizationMember({ municipality: 'leszno' });
    ({ organizationId: foreignOrganization } = await app.organizationMember({ municipality: 'czerwionka-leszczyny' }));
  });

  test('every tenant-owned table has row-level security on, with the tenant policy for the application role', async () => {
    const tables = await tenantTables();
    const unprotected = await sql<{ name: string }>(
      `select c.relname as name from pg_class c where c.relname = any(string_to_array(?, ',')) and c.relnamespace = 'public'::regnamespace
          and not (c.relrowsecurity and exists (select from pg_policies p where p.tablename = c.relname and p.policyname = 'tenant_isolation' and 'razem_app' = any(p.roles)))`,
      [tables.join(',')]);
    expect(tables.length).toBeGreaterThanOrEqual(25);
    expect(unprotected.map((t) => t.name)).toEqual([]);
    const [role] = await sql<{ superuser: boolean; owns: boolean; bypass: boolean }>(
      `select rolsuper as superuser, rolbypassrls as bypass, exists (select from pg_class where relowner = r.oid) as owns from pg_roles r where rolname = 'razem_app'`);
    expect(role).toEqual({ superuser: false, owns: false, bypass: false });
    const [{ user }] = (await asApp<{ user: string }>(leszno, 'select current_user as "user"')) as [{ user: string }];
    expect(user).toBe('razem_app');
  });

  test('a query that forgets its municipality filter still sees only the request\'s municipality, in every tenant table', async () => {
    const leaks: string[] = [];
    let otherRowsSeenByOwner = 0;
    for (const table of await tenantTables()) {
      const seen = await asApp<{ municipality: string }>(leszno, `select distinct municipality_id as municipality from "${table}"`);
      for (const { municipality } of seen) if (municipality !== leszno) leaks.push(`${table}: ${municipality}`);
      otherRowsSeenByOwner += Number((await sql<{ n: string }>(`select count(*) as n from "${table}" where municipality_id <> ?`, [leszno]))[0]!.n);
    }
    expect(leaks).toEqual([]);
    // The check can fail: there are other municipalities' rows to leak.
    expect(otherRowsSeenByOwner).toBeGreaterThan(0);
    const [{ n }] = (await asApp<{ n: string }>(leszno, 'select count(*) as n from organization')) as [{ n: string }];
    expect(Number(n)).toBeGreaterThan(0);
  });

  test('outside any request\'s municipality the application sees no tenant row at all', async () => {
    for (const table of ['organization', 'user', 'membership', 'session']) {
      expect(await asApp(null, `select 1 from "${table}" limit 1`), table).toEqual([]);
    }
  });

  test('the database itself refuses writes into another municipality', async () => {
    const error = await asApp(leszno,
      `insert into organization (id, municipality_id, slug, name, legal_form, status, description, created_at, updated_at)
       values (gen_random_uuid(), ?, 'podrzutek', 'Podrzutek', 'FOUNDATION', 'PUBLISHED', '', now(), now())`, [czerwionka])
      .then(() => null, (e: { code?: string }) => e);
    expect(error?.code).toBe('42501');
    // Rows of another municipality cannot be changed, moved into this one, or deleted: to this role they do not exist.
    const changed = await asApp<{ id: string }>(leszno, `update organization set name = 'Przejęta' where id = ? returning id`, [foreignOrganization]);
    const moved = await asApp<{ id: string }>(czerwionka, `update organization set municipality_id = ? where id = ? returning id`, [leszno, foreignOrganization])
      .then(() => 'moved', (e: { code?: string }) => e.code);
    const deleted = await asApp<{ id: string }>(leszno, `delete from membership where organization_id = ? returning organization_id as id`, [foreignOrganization]);
    expect({ changed, moved, deleted }).toEqual({ changed: [], moved: '42501', deleted: [] });
    const [organization] = await sql<{ name: string; municipality: string; members: string }>(
      `select name, municipality_id as municipality, (select count(*) from membership where organization_id = o.id) as members from organization o where id = ?`, [foreignOrganization]);
    expect(organization).toMatchObject({ municipality: czerwionka, members: '1' });
    expect(organization!.name).not.toBe('Przejęta');
  });

  test('requests of different municipalities sharing the pool never see each other\'s rows', async () => {
    // Many scoped statements at once over the app's 20 connections, so each connection switches
    // between municipalities in every order.
    const runs = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const municipality = i % 3 === 0 ? czerwionka : leszno;
      const rows = await asApp<{ municipality: string }>(municipality, 'select distinct municipality_id as municipality from organization');
      return rows.every((row) => row.municipality === municipality) && rows.length === 1;
    }));
    expect(runs.filter((ok) => !ok)).toEqual([]);
  });

  test('the background jobs\' role works across municipalities; the application\'s cannot become it', async () => {
    const jobs = await createOrm(roleUrl(app.orm.config.get('clientUrl')!, 'razem_jobs'), entities, { pool: { min: 0, max: 1 } });
    try {
      const seen = await jobs.em.fork().getConnection().execute<{ municipality: string }[]>('select distinct municipality_id as municipality from organization');
      expect(new Set(seen.map((row) => row.municipality))).toEqual(new Set([leszno, czerwionka]));
    } finally {
      await jobs.close();
    }
    const error = await asApp(leszno, 'set role razem_jobs').then(() => null, (e: { code?: string }) => e);
    expect(error?.code).toBe('42501');
  });
});
