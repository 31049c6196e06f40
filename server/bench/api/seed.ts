/**
 * The city-scale database: a fresh `razem_bench` migrated by the project's own migrations, then
 * filled with bulk inserts (the services would take minutes for this much). Every row follows the
 * entities' columns; names and texts are invented (see names.ts).
 */
import 'reflect-metadata';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createOrm, migrate } from '../../src/core/db/orm.js';
import { warsawDate, warsawTimeToInstant } from '../../src/core/time.js';
import { slugify } from '../../src/core/slug.js';
import { entities } from '../../src/entities.js';
import { hashPassword } from '../../src/modules/accounts/password.js';
import { completeNip, completeRegon } from '../../src/modules/organizations/identifiers.js';
import { lesznoPlaces, streets } from '../../src/seed/organizations.data.js';
import { seededRandom, type Random } from '../../src/seed/random.js';
import { ACTIVITY_IDEAS, organizationDescription, organizationName, personName, pickAreas, pickLegalForm } from './names.js';

export interface SeedSize {
  organizations: number;
  residents: number;
  slotsPerActivity: number;
  slotCapacity: number;
  fairStands: number;
}

export const CITY_SIZE: SeedSize = { organizations: 2439, residents: 8000, slotsPerActivity: 3, slotCapacity: 20, fairStands: 120 };

/** What the workloads need to know about the seeded data. */
export interface BenchData {
  databaseUrl: string;
  municipalitySlug: string;
  municipalityId: string;
  editionId: string;
  fairId: string;
  staffToken: string;
  /** Resident i's session token (cookie value); i in [0, residents). */
  residentTokens: string[];
  residentIds: string[];
  /** Bookable slots, slot s in time window `s % windows`. */
  slotIds: string[];
  /** One-hour windows of the week; slots in different windows never overlap. */
  windows: number;
  size: SeedSize;
}

const DAYS = 5;
const HOURS = 9; // 9:00–18:00
const WINDOWS = DAYS * HOURS;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Drops and creates the database, so every run starts from the same state. */
async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${ident(name)} with (force)`);
    await admin.query(`create database ${ident(name)}`);
  } finally {
    await admin.end();
  }
  return `${serverUrl}/${name}`;
}

/** Inserts plain objects whose keys are column names; PostgreSQL maps the JSON onto the table's row type. */
async function insertRows(client: pg.ClientBase, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!).map(ident).join(', ');
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = JSON.stringify(rows.slice(i, i + 2000));
    await client.query(`insert into ${ident(table)} (${columns}) select ${columns} from jsonb_populate_recordset(null::${ident(table)}, $1::jsonb)`, [chunk]);
  }
}

function organizationRow(random: Random, municipalityId: string, index: number, used: { names: Set<string>; slugs: Set<string> }, now: string) {
  const legalForm = pickLegalForm(random);
  const name = organizationName(random, legalForm, used.names);
  let slug = slugify(name);
  for (let n = 2; used.slugs.has(slug); n++) slug = `${slugify(name)}-${n}`;
  used.slugs.add(slug);
  const registered = !['INFORMAL_GROUP', 'EDUCATIONAL_INSTITUTION', 'CULTURAL_INSTITUTION', 'HOUSING_COOPERATIVE_CLUB', 'ORDINARY_ASSOCIATION'].includes(legalForm);
  const oppFrom = random.int(2015, 2024);
  return {
    id: randomUUID(), municipality_id: municipalityId, slug, name, short_name: null, legal_form: legalForm,
    // KRS numbers are unique per municipality: derive them from the index.
    krs: registered ? String(100000 + index).padStart(10, '0') : null,
    nip: registered ? completeNip(`${random.int(1, 9)}${random.digits(8)}`) : null,
    regon: registered ? completeRegon(`${random.int(30, 99)}${random.digits(6)}`) : null,
    description: organizationDescription(random),
    activity_areas: pickAreas(random),
    address_street: `ul. ${random.pick(streets)} ${random.int(1, 140)}`,
    address_postal_code: lesznoPlaces.postalCode, address_city: lesznoPlaces.city, address_district: random.pick(lesznoPlaces.districts),
    address_latitude: lesznoPlaces.center[0] + (random.next() - 0.5) * 0.04,
    address_longitude: lesznoPlaces.center[1] + (random.next() - 0.5) * 0.06,
    email: `kontakt@${slug.slice(0, 40)}.example.org`, phone: `+48 65 ${random.int(500, 599)} ${random.int(10, 99)} ${random.int(10, 99)}`,
    website: random.chance(0.6) ? `https://${slug.slice(0, 40)}.example.org` : null,
    social_links: random.chance(0.4) ? [`https://facebook.example.com/${slug.slice(0, 40)}`] : [],
    logo_url: null,
    premises_accessibility: random.chance(0.5) ? ['STEP_FREE_ENTRANCE'] : [],
    accessibility_notes: null,
    looking_for_volunteers: random.chance(0.3),
    public_benefit_years: registered && random.chance(0.4) ? Array.from({ length: 2026 - oppFrom + 1 }, (_, i) => oppFrom + i) : [],
    status: 'PUBLISHED', created_at: now, updated_at: now,
  };
}

type OrganizationRow = ReturnType<typeof organizationRow>;

/** The Monday at least two weeks ahead, as Warsaw dates of the five weekdays. */
function openDaysWeek(now: Date): string[] {
  const monday = new Date(now.getTime() + 14 * 24 * 3600_000);
  while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
  return Array.from({ length: 7 }, (_, i) => warsawDate(new Date(monday.getTime() + i * 24 * 3600_000)));
}

/** Window w of the week: day w / HOURS, hour 9 + w % HOURS, one hour long. */
function windowTimes(days: string[], window: number): { startsAt: Date; endsAt: Date } {
  const hour = 9 + (window % HOURS);
  const startsAt = warsawTimeToInstant(days[Math.floor(window / HOURS)]!, `${String(hour).padStart(2, '0')}:00`);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) };
}

async function seedPeople(client: pg.ClientBase, municipalityId: string, size: SeedSize, secret: string, now: string) {
  const passwordHash = await hashPassword(`bench-${secret}`);
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
  const staffId = randomUUID();
  const residentIds = Array.from({ length: size.residents }, () => randomUUID());
  const residentTokens = residentIds.map((_, i) => `bench-${secret}-r${i}`);
  const staffToken = `bench-${secret}-staff`;
  await insertRows(client, 'user', [
    { id: staffId, municipality_id: municipalityId, email: 'biuro@leszno.example', password_hash: passwordHash, display_name: 'Pracownik Biura', role: 'STAFF', phone: null, department: null, created_at: now },
    ...residentIds.map((id, i) => ({
      id, municipality_id: municipalityId, email: `mieszkaniec${i + 1}@bench.leszno.example`, password_hash: passwordHash,
      display_name: personName(i), role: 'RESIDENT', phone: null, department: null, created_at: now,
    })),
  ]);
  await insertRows(client, 'session', [
    { token_hash: sha256(staffToken), user_id: staffId, created_at: now, expires_at: expiresAt },
    ...residentIds.map((id, i) => ({ token_hash: sha256(residentTokens[i]!), user_id: id, created_at: now, expires_at: expiresAt })),
  ]);
  return { staffId, staffToken, residentIds, residentTokens };
}

async function seedOpenDays(client: pg.ClientBase, municipalityId: string, organizations: OrganizationRow[], size: SeedSize, random: Random, now: Date) {
  const days = openDaysWeek(now);
  const editionId = randomUUID();
  const iso = now.toISOString();
  await insertRows(client, 'open_days_edition', [{
    id: editionId, municipality_id: municipalityId, name: 'Drzwi Otwarte – Tydzień Obywatelski', starts_on: days[0], ends_on: days[6],
    submissions_open_at: new Date(now.getTime() - 30 * 24 * 3600_000).toISOString(), submissions_close_at: new Date(now.getTime() - 24 * 3600_000).toISOString(),
    status: 'PUBLISHED', created_at: iso,
  }]);
  const activities = organizations.map((o) => {
    const idea = random.pick(ACTIVITY_IDEAS);
    return {
      id: randomUUID(), edition_id: editionId, organization_id: o.id, title: idea.title, type: idea.type, description: idea.description,
      place_street: o.address_street, place_postal_code: o.address_postal_code, place_city: o.address_city, place_district: o.address_district,
      place_latitude: o.address_latitude, place_longitude: o.address_longitude, place_notes: random.chance(0.3) ? 'sala na parterze' : null,
      audience: idea.audience, accessibility_notes: o.premises_accessibility.length ? 'Wejście bez schodów.' : null, status: 'APPROVED', created_at: iso,
    };
  });
  await insertRows(client, 'activity', activities);
  // Slot s lies in window s % WINDOWS: an activity's slots fall in consecutive windows, so never overlap.
  const slots = activities.flatMap((a, i) => Array.from({ length: size.slotsPerActivity }, (_, k) => {
    const { startsAt, endsAt } = windowTimes(days, (i * size.slotsPerActivity + k) % WINDOWS);
    return {
      id: randomUUID(), activity_id: a.id, starts_at: startsAt.toISOString(), ends_at: endsAt.toISOString(),
      capacity: size.slotCapacity, max_party_size: 2, seats_taken: 0, next_queue_number: 1,
    };
  }));
  await insertRows(client, 'slot', slots);
  return { editionId, slotIds: slots.map((s) => s.id) };
}

const ZONES = ['CHILDREN', 'SPORT', 'HEALTH', 'CULTURE', 'ECOLOGY', 'SOCIAL'];

/** A published fair: rows of twelve 4×3 m stands, the first two kept for the city, then one accepted application per placed stand. */
async function seedFair(client: pg.ClientBase, municipalityId: string, staffId: string, organizations: OrganizationRow[], size: SeedSize, now: Date) {
  const fairId = randomUUID();
  const iso = now.toISOString();
  const opensAt = warsawTimeToInstant(warsawDate(new Date(now.getTime() + 30 * 24 * 3600_000)), '10:00');
  const rows = Math.ceil(size.fairStands / 12);
  await insertRows(client, 'fair', [{
    id: fairId, municipality_id: municipalityId, name: 'Targi Organizacji Pozarządowych – Aktywne Obywatelskie Leszno', venue: 'Rynek Starego Miasta',
    opens_at: opensAt.toISOString(), closes_at: new Date(opensAt.getTime() + 6 * 3600_000).toISOString(),
    applications_open_at: new Date(now.getTime() - 40 * 24 * 3600_000).toISOString(), applications_close_at: new Date(now.getTime() - 10 * 24 * 3600_000).toISOString(),
    plan_width: 64, plan_height: 4 + rows * 4, status: 'PUBLISHED', created_at: iso,
  }]);
  const stands = Array.from({ length: size.fairStands }, (_, i) => ({
    id: randomUUID(), fair_id: fairId, code: `${String.fromCharCode(65 + Math.floor(i / 12))}${(i % 12) + 1}`, zone: ZONES[Math.floor(i / 20) % ZONES.length],
    x: 8 + (i % 12) * 4, y: 2 + Math.floor(i / 12) * 4, width: 4, height: 3, has_power: i % 3 === 0, tent_provided: i % 2 === 0, tables: 1 + (i % 2),
    step_free: true, reserved: i < 2, reserved_for: i < 2 ? 'Urząd Miasta – punkt informacyjny' : null,
  }));
  await insertRows(client, 'stand', stands);
  const placed = stands.filter((s) => !s.reserved);
  const applications = placed.map((stand, i) => ({
    id: randomUUID(), fair_id: fairId, organization_id: organizations[i]!.id, submitted_by_id: staffId, needs_power: stand.has_power, tables_needed: stand.tables,
    tent: 'NO_TENT', needs_step_free: false, preferred_zones: [stand.zone], wanted_neighbors: [], avoided_neighbors: [],
    activity: 'Porady, materiały informacyjne i rozmowy o wolontariacie.', contact_name: personName(i + 7), contact_phone: `+48 600 ${String(100 + (i % 900)).padStart(3, '0')} 000`,
    status: 'ACCEPTED', decision_reason: null, created_at: iso, updated_at: iso,
  }));
  await insertRows(client, 'fair_application', applications);
  await insertRows(client, 'stand_assignment', applications.map((a, i) => ({ id: randomUUID(), fair_id: fairId, stand_id: placed[i]!.id, application_id: a.id })));
  return fairId;
}

/** Creates, migrates and fills the benchmark database; returns what the workloads need. */
export async function seedBenchDatabase(serverUrl: string, databaseName: string, size: SeedSize = CITY_SIZE): Promise<BenchData> {
  const databaseUrl = await recreateDatabase(serverUrl, databaseName);
  const orm = await createOrm(databaseUrl, entities);
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const now = new Date();
    const iso = now.toISOString();
    const random = seededRandom(2439);
    const secret = randomBytes(9).toString('base64url');
    const municipalityId = randomUUID();
    await client.query('begin');
    await insertRows(client, 'municipality', [{ id: municipalityId, slug: 'leszno', name: 'Leszno', created_at: iso }]);
    const people = await seedPeople(client, municipalityId, size, secret, iso);
    const used = { names: new Set<string>(), slugs: new Set<string>() };
    const organizations = Array.from({ length: size.organizations }, (_, i) => organizationRow(random, municipalityId, i, used, iso));
    await insertRows(client, 'organization', organizations);
    // Two members each (owner and editor), residents in turn.
    await insertRows(client, 'membership', organizations.flatMap((o, i) => [0, 1].map((k) => ({
      // The owner joined first: both Razem and the peers list members in joining order.
      id: randomUUID(), organization_id: o.id, user_id: people.residentIds[(2 * i + k) % size.residents], role: k ? 'EDITOR' : 'OWNER',
      created_at: new Date(now.getTime() + k).toISOString(),
    }))));
    const openDays = await seedOpenDays(client, municipalityId, organizations, size, random, now);
    const fairId = await seedFair(client, municipalityId, people.staffId, organizations, size, now);
    await client.query('commit');
    await client.query('vacuum analyze');
    return {
      databaseUrl, municipalitySlug: 'leszno', municipalityId, editionId: openDays.editionId, fairId, staffToken: people.staffToken,
      residentTokens: people.residentTokens, residentIds: people.residentIds, slotIds: openDays.slotIds, windows: WINDOWS, size,
    };
  } finally {
    await client.end();
  }
}

/**
 * Waits until no other connection works on the database: requests still in flight when a load
 * stops go on committing for a while, and must not land after the next reset.
 */
export async function waitUntilQuiet(client: pg.ClientBase): Promise<void> {
  let quietPolls = 0;
  for (let polls = 0; quietPolls < 3 && polls < 600; polls++) {
    const { rows } = await client.query<{ busy: number }>(
      `select count(*)::int as busy from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
    );
    quietPolls = rows[0]!.busy ? 0 : quietPolls + 1;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Forgets every booking (and the messages about them), so each booking round starts from empty slots. */
export async function resetBookings(client: pg.ClientBase): Promise<void> {
  await waitUntilQuiet(client);
  await client.query('truncate booking, outbox_message');
  await client.query('update slot set seats_taken = 0, next_queue_number = 1 where seats_taken <> 0 or next_queue_number <> 1');
  // Not the emptied tables: analysed empty, they tell the planner "no rows", and the plans each
  // connection caches in its first requests scan the whole table for every later booking until
  // autovacuum analyses them again, a minute or so into the round (rounds then sped up as they
  // went, by chance). Truncated and never analysed is how a city starts before its first bookings.
  await client.query('vacuum analyze slot');
}
