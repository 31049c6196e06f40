import { afterAll, beforeAll, expect, test } from 'vitest';
import { queryPrepared } from '../../src/core/db/prepared.js';
import { startTestApp, type TestApp } from '../support/harness.js';

/**
 * A page statement is prepared once per connection; it should also be planned once. PostgreSQL plans
 * a prepared statement anew for its first five runs, then keeps its generic plan only if that plan
 * looks no costlier. A limit passed as a parameter looks like a tenth of the table to the generic
 * plan, so on a city-sized directory it never did, and every page was planned again.
 */

let app: TestApp;
const municipality = 'leszno';

beforeAll(async () => {
  // One connection, so the statements the pages prepared are visible to the check below.
  app = await startTestApp({ poolSize: 1 });
  const municipalityId = await app.municipalityId(municipality);
  await app.em().getConnection().execute(`
    insert into organization (id, municipality_id, slug, name, legal_form, description, activity_areas, address_street,
      address_postal_code, address_city, social_links, premises_accessibility, public_benefit_years, status, created_at, updated_at)
    select gen_random_uuid(), ?, 'organizacja-' || i, 'Organizacja ' || i, 'ASSOCIATION', '', '{}', 'ul. Polna ' || i,
      '64-100', 'Leszno', '{}', '{}', '{}', 'PUBLISHED', now(), now()
    from generate_series(1, 3000) as i`, [municipalityId]);
  await app.em().getConnection().execute('analyze organization');
});
afterAll(async () => app?.close());

const PAGE = `query Page($after: String) { organizations(first: 50, after: $after) { totalCount edges { node { id name } } pageInfo { endCursor } } }`;

test('the directory page settles on one generic plan on a city-sized directory', async () => {
  const client = app.client(municipality);
  let after: string | null = null;
  for (let run = 0; run < 10; run++) {
    const data: any = await client.ok(PAGE, { after });
    expect(data.organizations.edges).toHaveLength(50);
    after = data.organizations.pageInfo.endCursor;
  }
  const statements = await queryPrepared<{ statement: string; generic_plans: string; custom_plans: string }>(app.appOrm.em.fork(),
    `select statement, generic_plans, custom_plans from pg_prepared_statements where statement like '%key_0%'`, []);
  // The first page has no cursor: a statement of its own. The nine after it share one.
  const after50 = statements.find((row) => Number(row.generic_plans) + Number(row.custom_plans) === 9);
  expect(after50, JSON.stringify(statements)).toBeDefined();
  expect(Number(after50!.custom_plans)).toBe(5);
  expect(Number(after50!.generic_plans)).toBe(4);
});
