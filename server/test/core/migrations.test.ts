import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

test('the checked-in migrations produce exactly the schema the entities describe', async () => {
  const diff = await app.orm.schema.getUpdateSchemaSQL({ wrap: false });
  expect(diff.trim()).toBe('');
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
