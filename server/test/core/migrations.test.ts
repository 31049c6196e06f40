import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

test('the checked-in migrations produce exactly the schema the entities describe, but for the tenancy keys', async () => {
  // Entities cannot describe a reference to (municipality_id, id) that is not the target's primary key,
  // nor a column only the database fills: the keys and columns that carry the municipality are
  // written by the tenancy migration, and test/core/tenancy.test.ts holds every table to them.
  const tenancy = new Set((await app.em().getConnection().execute<{ name: string }[]>(`
    select c.conname as name from pg_constraint c
     where c.connamespace = 'public'::regnamespace and c.conkey @> array[(select attnum from pg_attribute where attrelid = c.conrelid and attname = 'municipality_id')]
       and (c.contype = 'f' or cardinality(c.conkey) > 1)
    union select indexname from pg_indexes where schemaname = 'public' and indexdef like '%(municipality_id, %'`)).map((row) => row.name));
  const entityKeys = new Set(app.orm.getMetadata().getAll() && Object.values(app.orm.getMetadata().getAll())
    .flatMap((meta) => [...meta.uniques, ...meta.indexes].map((key) => key.name).filter((name): name is string => typeof name === 'string')));
  const diff = (await app.orm.schema.getUpdateSchemaSQL({ wrap: false })).split(';').map((statement) => statement.trim()).filter(Boolean);
  const untouched = diff.filter((statement) => ![...tenancy].some((name) => !entityKeys.has(name) && statement.includes(`"${name}"`))
    && !/alter table "(\w+)" drop column "municipality_id"/.test(statement));
  expect(untouched).toEqual([]);
  expect(diff.length, 'the tenancy keys are there to differ').toBeGreaterThan(0);
});

test('search helpers exist: the folding function and the extensions it needs', async () => {
  const [row] = await app.em().getConnection().execute<{ folded: string }[]>(`select razem_fold('Związek Łódź') as folded`);
  expect(row!.folded).toBe('zwiazek lodz');
});

test('the hand-written constraints the entities cannot describe are in place', async () => {
  const rows = await app.em().getConnection().execute<{ name: string }[]>(
    `select conname as name from pg_constraint where contype = 'x' union select indexname from pg_indexes where indexname = 'booking_one_active_per_slot' order by 1`,
  );
  expect(rows.map((r) => r.name)).toEqual(['booking_no_overlapping_confirmed', 'booking_one_active_per_slot', 'slot_no_overlap_in_activity']);
});
