import { afterAll, beforeAll, expect, test } from 'vitest';
import { GLOBAL_TABLES } from '../../src/core/db/tenancy.js';
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
