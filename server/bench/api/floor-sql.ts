/**
 * The floor's SQL: each read page is one statement that authenticates the caller and builds the
 * whole GraphQL-shaped JSON answer in PostgreSQL (json_agg), so Node only passes text through.
 * What is left between this and Razem is the cost of everything above the database.
 */

/** A keyset cursor like Razem's: base64url of the JSON array of the sort key and the id. */
const cursor = (keyExpression: string) =>
  `rtrim(translate(encode(convert_to(json_build_array(${keyExpression})::text, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;

/** ISO instants as JavaScript prints them (`2026-12-07T08:00:00.000Z`), as Razem's DateTime scalar does. */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The signed-in user of the request ($1 municipality slug, $2 session token hash), as Razem finds it. */
const VIEWER = `
  m as (select id from municipality where slug = $1),
  viewer as (
    select u.id, u.role from session s join "user" u on u.id = s.user_id
    where s.token_hash = $2 and s.expires_at > now() and u.municipality_id = (select id from m)
  )`;

/** $3 page size, $4/$5 the cursor's sort name and id (null for the first page). */
export const DIRECTORY_SQL = `
with ${VIEWER},
matching as not materialized (select o.* from organization o where o.municipality_id = (select id from m) and o.status = 'PUBLISHED'),
page as (
  select p.*, row_number() over (order by p.sort_name, p.id) as n
  from (
    select * from matching o where $4::text is null or (o.sort_name, o.id) > ($4::text, $5::uuid)
    order by o.sort_name, o.id limit $3::int + 1
  ) p
)
select json_build_object('data', json_build_object('organizations', json_build_object(
  'totalCount', (select count(*) from matching),
  'pageInfo', json_build_object(
    'hasNextPage', (select count(*) > $3::int from page),
    'endCursor', (select ${cursor('p.sort_name, p.id')} from page p where p.n <= $3::int order by p.n desc limit 1)),
  'edges', coalesce((select json_agg(json_build_object(
    'cursor', ${cursor('p.sort_name, p.id')},
    'node', json_build_object(
      'id', p.id, 'slug', p.slug, 'name', p.name, 'shortName', p.short_name, 'legalForm', p.legal_form,
      'activityAreas', p.activity_areas, 'lookingForVolunteers', p.looking_for_volunteers, 'email', p.email,
      'address', json_build_object('street', p.address_street, 'postalCode', p.address_postal_code, 'city', p.address_city, 'district', p.address_district),
      -- Members are visible to staff and to the organisation's own members, null for others (as in Razem's policy).
      'members', case when exists (select 1 from viewer where role in ('STAFF', 'ADMIN'))
          or exists (select 1 from membership v where v.organization_id = p.id and v.user_id = (select id from viewer))
        then coalesce((select json_agg(json_build_object('role', mb.role, 'user', json_build_object('displayName', u.display_name)) order by mb.created_at)
          from membership mb join "user" u on u.id = mb.user_id where mb.organization_id = p.id), '[]') end
    )) order by p.n) from page p where p.n <= $3::int), '[]')
)))::text as body`;

/** $3 edition id, $4 page size, $5/$6 the cursor's start and id. Residents see published editions only. */
export const PROGRAMME_SQL = `
with ${VIEWER},
edition as (select id from open_days_edition where id = $3::uuid and municipality_id = (select id from m) and status in ('PUBLISHED', 'CLOSED')),
matching as not materialized (
  select s.id, s.starts_at from slot s join activity a on a.id = s.activity_id
  where a.edition_id = (select id from edition) and a.status = 'APPROVED'
),
page as (
  select p.id, row_number() over (order by p.starts_at, p.id) as n
  from (
    select * from matching s where $5::timestamptz is null or (s.starts_at, s.id) > ($5::timestamptz, $6::uuid)
    order by s.starts_at, s.id limit $4::int + 1
  ) p
)
select json_build_object('data', json_build_object('openDaysProgramme', json_build_object(
  'totalCount', (select count(*) from matching),
  'pageInfo', json_build_object(
    'hasNextPage', (select count(*) > $4::int from page),
    'endCursor', (select ${cursor(`${iso('s.starts_at')}, s.id`)} from page p join slot s on s.id = p.id where p.n <= $4::int order by p.n desc limit 1)),
  'edges', coalesce((select json_agg(json_build_object('node', json_build_object(
    'id', s.id, 'startsAt', ${iso('s.starts_at')}, 'endsAt', ${iso('s.ends_at')}, 'capacity', s.capacity,
    'seatsLeft', s.capacity - s.seats_taken,
    'waitlisted', (select count(*) from booking b where b.slot_id = s.id and b.status = 'WAITLISTED'),
    'maxPartySize', s.max_party_size, 'bookable', s.capacity is not null and s.starts_at > now(),
    'viewerBooking', (select json_build_object('id', b.id, 'status', b.status, 'code', b.code, 'partySize', b.party_size, 'queueNumber', b.queue_number)
      from booking b where b.slot_id = s.id and b.user_id = (select id from viewer) and b.status in ('CONFIRMED', 'WAITLISTED')),
    'activity', json_build_object(
      'id', a.id, 'title', a.title, 'type', a.type, 'audience', a.audience, 'description', a.description,
      'placeNotes', a.place_notes, 'accessibilityNotes', a.accessibility_notes,
      'place', json_build_object('street', a.place_street, 'postalCode', a.place_postal_code, 'city', a.place_city, 'district', a.place_district),
      'organization', json_build_object('name', o.name, 'slug', o.slug))
  )) order by p.n)
  from page p join slot s on s.id = p.id join activity a on a.id = s.activity_id join organization o on o.id = a.organization_id
  where p.n <= $4::int), '[]')
)))::text as body`;

/** $3 fair id. The plan's placements are public once the fair is published. */
export const FAIR_SQL = `
with ${VIEWER},
fair as (
  select * from fair where id = $3::uuid and municipality_id = (select id from m)
    and (status <> 'DRAFT' or exists (select 1 from viewer where role in ('STAFF', 'ADMIN')))
)
select json_build_object('data', json_build_object('fair', (select json_build_object(
  'id', f.id, 'name', f.name, 'venue', f.venue, 'status', f.status, 'opensAt', ${iso('f.opens_at')}, 'closesAt', ${iso('f.closes_at')},
  'applicationsOpenAt', ${iso('f.applications_open_at')}, 'applicationsCloseAt', ${iso('f.applications_close_at')},
  'planWidth', f.plan_width, 'planHeight', f.plan_height,
  'stands', coalesce((select json_agg(json_build_object(
      'id', s.id, 'code', s.code, 'zone', s.zone, 'x', s.x, 'y', s.y, 'width', s.width, 'height', s.height, 'reserved', s.reserved, 'reservedFor', s.reserved_for
    ) order by s.code) from stand s where s.fair_id = f.id), '[]'),
  'placements', case when f.status in ('PUBLISHED', 'CLOSED') or exists (select 1 from viewer where role in ('STAFF', 'ADMIN'))
    then coalesce((select json_agg(json_build_object(
      'standId', sa.stand_id, 'applicationId', sa.application_id, 'organization', json_build_object('id', o.id, 'name', o.name, 'slug', o.slug)))
      from stand_assignment sa join fair_application fa on fa.id = sa.application_id join organization o on o.id = fa.organization_id
      where sa.fair_id = f.id), '[]') else '[]' end
) from fair f)))::text as body`;

/**
 * A booking in one statement, so its implicit transaction holds the slot's lock only while the
 * statement runs (no round trips to Node in between). $1 municipality slug, $2 session token hash,
 * $3 slot, $4 party size, $5 join the waiting list when full, $6 check-in code.
 * The slot row is locked first (`for update`: after waiting, PostgreSQL hands this statement the
 * row as the previous holder committed it, so seats and waiting numbers are current), then the
 * person's advisory lock, the same key Razem takes, in the same order. The booking checks below
 * read the statement's snapshot; a same-person race they miss is still refused by the unique index
 * and the exclusion constraint, as in Razem. Returns one row: `outcome` is CONFIRMED or
 * WAITLISTED, or the refusal's code.
 */
export const BOOK_SQL = `
with ${VIEWER},
s as (
  select slot.* from slot join activity a on a.id = slot.activity_id join open_days_edition e on e.id = a.edition_id
  where slot.id = $3::uuid and e.municipality_id = (select id from m) and a.status = 'APPROVED' and e.status = 'PUBLISHED'
  for update of slot
),
me as (select u.id, u.email from viewer v join "user" u on u.id = v.id),
person as (select pg_advisory_xact_lock(hashtextextended('open-days-person:' || me.id, 0)) from s, me),
refusal as (
  select case
    when s.capacity is null then 'DROP_IN'
    when now() >= s.starts_at then 'CLOSED'
    when $4::int > s.max_party_size then 'PARTY_TOO_LARGE'
    when exists (select 1 from booking b where b.slot_id = s.id and b.user_id = me.id and b.status in ('CONFIRMED', 'WAITLISTED')) then 'ALREADY_BOOKED'
    when s.capacity - s.seats_taken >= $4::int and exists (
      select 1 from booking b where b.user_id = me.id and b.status = 'CONFIRMED' and b.starts_at < s.ends_at and b.ends_at > s.starts_at and b.slot_id <> s.id
    ) then 'CLASH'
    when s.capacity - s.seats_taken < $4::int and not $5::boolean then 'FULL'
  end as code,
  s.capacity - s.seats_taken >= $4::int as fits
  from s, me, person
),
inserted as (
  insert into booking (id, municipality_id, slot_id, user_id, party_size, status, code, queue_number, starts_at, ends_at, created_at)
  select gen_random_uuid(), (select id from m), s.id, me.id, $4::int, case when r.fits then 'CONFIRMED' else 'WAITLISTED' end, $6,
    case when r.fits then null else s.next_queue_number end, s.starts_at, s.ends_at, clock_timestamp()
  from s, me, refusal r where r.code is null
  returning id, status, code, queue_number
),
seats as (
  update slot set
    seats_taken = s.seats_taken + case when i.status = 'CONFIRMED' then $4::int else 0 end,
    next_queue_number = s.next_queue_number + case when i.status = 'WAITLISTED' then 1 else 0 end
  from inserted i, s where slot.id = s.id
),
message as (
  insert into outbox_message (id, municipality_id, kind, recipient, subject, body, created_at)
  select gen_random_uuid(), (select id from m), 'booking.' || lower(i.status), me.email,
    case when i.status = 'CONFIRMED' then 'Rezerwacja potwierdzona' else 'Lista rezerwowa' end,
    'Kod rezerwacji: ' || i.code, now()
  from inserted i, me
)
select case
    when not exists (select 1 from viewer) then 'UNAUTHENTICATED'
    when not exists (select 1 from s) then 'NOT_FOUND'
    else coalesce((select status from inserted), (select code from refusal))
  end as outcome,
  (select json_build_object('id', id, 'status', status, 'code', code, 'queueNumber', queue_number) from inserted)::text as booking`;
