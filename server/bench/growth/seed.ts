/**
 * The growth database: one municipality of Leszno's size seeded by bench:api's seed (the one that is
 * measured, slug `leszno`), plus a Christmas-tree campaign, kept as a template; then grown to 10 and
 * 100 municipalities by copying the template in SQL (`insert … select … cross join generate_series`),
 * every uuid remapped per copy (md5(uuid:k)), so foreign keys stay consistent and nothing goes
 * through the ORM. Every copy also gets one confirmed booking per resident, so the booking table
 * grows with the others; the measured municipality starts every measurement without bookings.
 */
import pg from 'pg';
import { type BenchData, seedBenchDatabase, type SeedSize, waitUntilQuiet } from '../api/seed.js';

/** Leszno: about 200 published organisations, an Open Days week of 3 slots per organisation, a fair of 120 stands. */
export const LESZNO_SIZE: SeedSize = { organizations: 200, residents: 2000, slotsPerActivity: 3, slotCapacity: 20, fairStands: 120 };

const TEMPLATE = 'growth_template';

/** Copied per municipality, parents before children (foreign keys are checked at once). */
const TABLES = [
  'municipality', 'user', 'session', 'organization', 'membership', 'open_days_edition', 'activity', 'slot',
  'fair', 'stand', 'fair_application', 'stand_assignment', 'bauble_campaign', 'bauble_pickup_window', 'bauble_signup', 'greeting',
] as const;

/** Columns that must differ per copy although they are not uuids (globally unique ones). */
const OVERRIDES: Record<string, Record<string, string>> = {
  municipality: { slug: `'gmina-' || k`, name: `'Gmina Przykładowa ' || k` },
  session: { token_hash: `md5(token_hash || ':' || k)` },
};

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A Christmas-tree campaign in the measured municipality: open, four pickup windows, 150 residents signed up, 60 greetings. */
async function seedCampaign(client: pg.ClientBase, municipalityId: string): Promise<void> {
  await client.query(`
    insert into bauble_campaign (id, municipality_id, year, title, baubles_prepared, baubles_in_stock, limit_organization, limit_institution,
      limit_resident, pickup_place, return_deadline, tree_event_at, tree_event_place, status, next_queue_number, created_at)
    values (gen_random_uuid(), $1, extract(year from now())::int, 'Choinka Organizacji', 600, 300, 10, 10, 2,
      'Biuro Współpracy z Organizacjami, pokój 12', now() + interval '60 days', now() + interval '30 days', 'Plac przed ratuszem', 'OPEN', 1, now())`, [municipalityId]);
  await client.query(`
    insert into bauble_pickup_window (id, campaign_id, starts_at, ends_at)
    select gen_random_uuid(), c.id, now() + make_interval(days => 7 + w), now() + make_interval(days => 7 + w, hours => 3)
    from bauble_campaign c cross join generate_series(0, 3) w where c.municipality_id = $1`, [municipalityId]);
  await client.query(`
    with residents as (
      select id, row_number() over (order by email) as n from "user" where municipality_id = $1 and role = 'RESIDENT' order by email limit 150
    ), windows as (
      select w.id, row_number() over (order by w.starts_at) - 1 as n, c.id as campaign_id
      from bauble_pickup_window w join bauble_campaign c on c.id = w.campaign_id where c.municipality_id = $1
    )
    insert into bauble_signup (id, campaign_id, kind, organization_id, institution_name, user_id, pickup_window_id, quantity,
      picked_up_quantity, returned_quantity, status, code, queue_number, created_at)
    select gen_random_uuid(), w.campaign_id, 'RESIDENT', null, null, r.id, w.id, 2, 0, 0, 'RESERVED', 'C' || lpad(r.n::text, 7, '0'), null, now()
    from residents r join windows w on w.n = r.n % 4`, [municipalityId]);
  await client.query(`
    insert into greeting (id, campaign_id, user_id, signature, text, status, created_at)
    select gen_random_uuid(), s.campaign_id, s.user_id, 'Sąsiedzi spod numeru ' || row_number() over (order by s.code),
      'Spokojnych świąt i dobrego roku dla wszystkich, którzy pomagają innym.', 'APPROVED', now()
    from bauble_signup s join bauble_campaign c on c.id = s.campaign_id where c.municipality_id = $1 order by s.code limit 60`, [municipalityId]);
}

/** Seeds the measured municipality into a fresh database and keeps a copy of its rows as the template for the others. */
export async function seedGrowthDatabase(serverUrl: string, databaseName: string): Promise<BenchData> {
  const data = await seedBenchDatabase(serverUrl, databaseName, LESZNO_SIZE);
  const client = new pg.Client({ connectionString: data.databaseUrl });
  await client.connect();
  try {
    await seedCampaign(client, data.municipalityId);
    await client.query(`create schema ${TEMPLATE}`);
    for (const table of TABLES) await client.query(`create table ${TEMPLATE}.${ident(table)} as table public.${ident(table)}`);
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
  return data;
}

/** How many municipalities the database holds now. */
export async function municipalityCount(client: pg.ClientBase): Promise<number> {
  return (await client.query<{ n: number }>('select count(*)::int as n from municipality')).rows[0]!.n;
}

/** Adds copies of the template until the database holds `target` municipalities; returns the seconds it took. */
export async function growTo(client: pg.ClientBase, target: number): Promise<number> {
  const started = Date.now();
  const have = await municipalityCount(client);
  if (have >= target) return 0;
  const first = have; // copy k gets slug gmina-k; the template is copy 0
  const last = target - 1;
  // The live tables' columns, generated ones (search_text, sort_name) left to PostgreSQL.
  const { rows: columns } = await client.query<{ table_name: string; column_name: string; udt_name: string }>(
    `select table_name, column_name, udt_name from information_schema.columns
     where table_schema = 'public' and is_generated = 'NEVER' order by table_name, ordinal_position`,
  );
  await client.query('begin');
  for (const table of TABLES) {
    const own = columns.filter((c) => c.table_name === table);
    const names = own.map((c) => ident(c.column_name)).join(', ');
    const values = own.map(({ column_name: name, udt_name: type }) => {
      const override = OVERRIDES[table]?.[name];
      if (override) return override;
      if (type === 'uuid') return `md5(${ident(name)}::text || ':' || k)::uuid`;
      if (type === '_uuid') return `array(select md5(x::text || ':' || k)::uuid from unnest(${ident(name)}) x)`;
      return ident(name);
    }).join(', ');
    await client.query(`insert into public.${ident(table)} (${names}) select ${values} from ${TEMPLATE}.${ident(table)} cross join generate_series($1::int, $2::int) k`, [first, last]);
  }
  // One confirmed booking per resident of each new municipality, residents spread over its slots.
  await client.query(`
    with new_municipality as (select md5(t.id::text || ':' || k)::uuid as id from ${TEMPLATE}.municipality t cross join generate_series($1::int, $2::int) k),
    residents as (
      select u.id, u.municipality_id, row_number() over (partition by u.municipality_id order by u.id) as n
      from "user" u where u.role = 'RESIDENT' and u.municipality_id in (select id from new_municipality)
    ),
    slots as (
      select s.id, s.starts_at, s.ends_at, e.municipality_id, row_number() over (partition by e.municipality_id order by s.id) - 1 as n,
        count(*) over (partition by e.municipality_id) as total
      from slot s join activity a on a.id = s.activity_id join open_days_edition e on e.id = a.edition_id
      where e.municipality_id in (select id from new_municipality)
    )
    insert into booking (id, municipality_id, slot_id, user_id, party_size, status, code, queue_number, attendance, starts_at, ends_at, created_at, cancelled_at)
    select md5('booking:' || r.id)::uuid, r.municipality_id, s.id, r.id, 1, 'CONFIRMED', 'G' || lpad(r.n::text, 7, '0'), null, null, s.starts_at, s.ends_at, now(), null
    from residents r join slots s on s.municipality_id = r.municipality_id and s.n = r.n % s.total`, [first, last]);
  await client.query(`
    update slot s set seats_taken = b.seats from (
      select slot_id, sum(party_size)::int as seats from booking where status = 'CONFIRMED' group by slot_id
    ) b where b.slot_id = s.id and s.seats_taken <> b.seats`);
  await client.query('commit');
  await client.query('vacuum analyze');
  return (Date.now() - started) / 1000;
}

/** Forgets the measured municipality's bookings and messages only (the others keep theirs), so each booking round starts from empty slots. */
export async function resetMunicipalityBookings(client: pg.ClientBase, municipalityId: string): Promise<void> {
  await waitUntilQuiet(client);
  await client.query('delete from booking where municipality_id = $1', [municipalityId]);
  await client.query('delete from outbox_message where municipality_id = $1', [municipalityId]);
  await client.query(`
    update slot s set seats_taken = 0, next_queue_number = 1 from activity a, open_days_edition e
    where a.id = s.activity_id and e.id = a.edition_id and e.municipality_id = $1 and (s.seats_taken <> 0 or s.next_queue_number <> 1)`, [municipalityId]);
  await client.query('vacuum analyze slot, booking, outbox_message');
}
