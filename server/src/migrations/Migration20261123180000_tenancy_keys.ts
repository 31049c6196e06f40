import { Migration } from '@mikro-orm/migrations';

/**
 * The municipality in every tenant-owned row and key, so isolation no longer rests on every query
 * remembering its filter. Tables that only reached their municipality through a parent get
 * `municipality_id`, filled from that parent on insert by a trigger (the application need not
 * know the column); every foreign key between tenant tables becomes composite, `(municipality_id,
 * x_id) → parent (municipality_id, id)`, so a row can only point at rows of its own municipality,
 * whatever the code asks; unique rules include the municipality. Primary keys stay `id` (globally
 * unique UUIDs, found by id alone) with `unique (municipality_id, id)` beside them as the key the
 * composite foreign keys reference. The list of global tables lives in `core/db/tenancy.ts`.
 */

/** Tables that already carry the municipality. */
const OWNING = ['organization', 'user', 'open_days_edition', 'booking', 'bauble_campaign', 'fair', 'speed_dating_session',
  'outbox_message', 'accessibility_statement', 'privacy_notice', 'retention_settings'];

/** Of those, the ones whose municipality_id did not reference the municipality yet. */
const UNREFERENCED = ['booking', 'outbox_message'];

type Reference = { column: string; parent: string; onDelete?: 'cascade' | 'set null' };
/** Tables that gain the column, parents first: the reference the municipality is inherited through comes first. */
const INHERITING: { table: string; references: Reference[]; key?: string }[] = [
  // The session and the calendar feed are known by their secret, not an id.
  { table: 'session', references: [{ column: 'user_id', parent: 'user', onDelete: 'cascade' }], key: 'token_hash' },
  { table: 'calendar_feed', references: [{ column: 'user_id', parent: 'user', onDelete: 'cascade' }], key: 'token' },
  { table: 'membership', references: [{ column: 'organization_id', parent: 'organization', onDelete: 'cascade' }, { column: 'user_id', parent: 'user', onDelete: 'cascade' }] },
  { table: 'activity', references: [{ column: 'edition_id', parent: 'open_days_edition' }, { column: 'organization_id', parent: 'organization' }] },
  { table: 'slot', references: [{ column: 'activity_id', parent: 'activity', onDelete: 'cascade' }] },
  { table: 'bauble_pickup_window', references: [{ column: 'campaign_id', parent: 'bauble_campaign', onDelete: 'cascade' }] },
  { table: 'greeting', references: [{ column: 'campaign_id', parent: 'bauble_campaign' }, { column: 'user_id', parent: 'user' }] },
  { table: 'bauble_signup', references: [
    { column: 'campaign_id', parent: 'bauble_campaign' }, { column: 'pickup_window_id', parent: 'bauble_pickup_window' },
    { column: 'user_id', parent: 'user', onDelete: 'set null' }, { column: 'organization_id', parent: 'organization', onDelete: 'set null' },
  ] },
  { table: 'bauble_signup_event', references: [{ column: 'signup_id', parent: 'bauble_signup', onDelete: 'cascade' }, { column: 'actor_id', parent: 'user', onDelete: 'set null' }] },
  { table: 'stand', references: [{ column: 'fair_id', parent: 'fair', onDelete: 'cascade' }] },
  { table: 'fair_application', references: [
    { column: 'fair_id', parent: 'fair' }, { column: 'organization_id', parent: 'organization' }, { column: 'submitted_by_id', parent: 'user', onDelete: 'set null' },
  ] },
  { table: 'stand_assignment', references: [
    { column: 'fair_id', parent: 'fair', onDelete: 'cascade' }, { column: 'stand_id', parent: 'stand', onDelete: 'cascade' },
    { column: 'application_id', parent: 'fair_application', onDelete: 'cascade' },
  ] },
  { table: 'speed_dating_participant', references: [
    { column: 'session_id', parent: 'speed_dating_session', onDelete: 'cascade' }, { column: 'user_id', parent: 'user', onDelete: 'set null' },
    { column: 'organization_id', parent: 'organization', onDelete: 'set null' },
  ] },
  { table: 'speed_dating_meeting', references: [
    { column: 'session_id', parent: 'speed_dating_session', onDelete: 'cascade' }, { column: 'stationary_id', parent: 'speed_dating_participant', onDelete: 'cascade' },
    { column: 'moving_id', parent: 'speed_dating_participant', onDelete: 'cascade' },
  ] },
];

/** References of tables that already had the column, to become composite too. */
const OWNING_REFERENCES: { table: string; references: Reference[] }[] = [
  { table: 'booking', references: [{ column: 'slot_id', parent: 'slot', onDelete: 'cascade' }, { column: 'user_id', parent: 'user', onDelete: 'set null' }] },
];

/**
 * Unique rules that now include the municipality; their names stay (errors map them to reasons). It
 * comes last, so each still serves lookups by its leading column (a membership by its organisation).
 */
const UNIQUE: { table: string; name: string; columns: string; where?: string }[] = [
  { table: 'membership', name: 'membership_organization_id_user_id_unique', columns: 'organization_id, user_id' },
  { table: 'bauble_signup', name: 'bauble_signup_campaign_code_unique', columns: 'campaign_id, code' },
  { table: 'booking', name: 'booking_one_active_per_slot', columns: 'slot_id, user_id', where: `status in ('CONFIRMED', 'WAITLISTED')` },
  { table: 'calendar_feed', name: 'calendar_feed_user_id_unique', columns: 'user_id' },
  { table: 'fair_application', name: 'fair_application_fair_id_organization_id_unique', columns: 'fair_id, organization_id' },
  { table: 'speed_dating_meeting', name: 'speed_dating_meeting_session_id_round_seat_unique', columns: 'session_id, round, seat' },
  { table: 'speed_dating_participant', name: 'speed_dating_participant_session_id_user_id_unique', columns: 'session_id, user_id' },
  { table: 'stand', name: 'stand_fair_id_code_unique', columns: 'fair_id, code' },
  { table: 'stand_assignment', name: 'stand_assignment_stand_unique', columns: 'stand_id' },
  { table: 'stand_assignment', name: 'stand_assignment_application_unique', columns: 'application_id' },
];

/** Exclusion rules, per municipality too. Recreated after the unique rules: PostgreSQL checks a new row's
 *  indexes in creation order, and a second booking of the same slot must read as ALREADY_BOOKED, not CLASH. */
const EXCLUSIONS: { table: string; name: string; definition: string; before: string }[] = [
  { table: 'slot', name: 'slot_no_overlap_in_activity', definition: 'exclude using gist (municipality_id with =, activity_id with =, tstzrange(starts_at, ends_at) with &&)',
    before: 'exclude using gist (activity_id with =, tstzrange(starts_at, ends_at) with &&)' },
  { table: 'booking', name: 'booking_no_overlapping_confirmed',
    definition: `exclude using gist (municipality_id with =, user_id with =, tstzrange(starts_at, ends_at) with &&) where (status = 'CONFIRMED')`,
    before: `exclude using gist (user_id with =, tstzrange(starts_at, ends_at) with &&) where (status = 'CONFIRMED')` },
];

const q = (name: string) => `"${name}"`;
const foreignKey = (table: string, column: string) => `${table}_${column}_foreign`;

export class Migration20261123180000_tenancy_keys extends Migration {

  override name = 'Migration20261123180000_tenancy_keys';

  override up(): void | Promise<void> {
    this.addSql(`
create or replace function razem_inherit_municipality() returns trigger language plpgsql as $fn$
begin
  -- TG_ARGV: the parent table and this row's column that points at it.
  if new.municipality_id is null then
    execute format('select municipality_id from %I where id = ($1).%I', tg_argv[0], tg_argv[1]) into new.municipality_id using new;
  end if;
  return new;
end $fn$;`);
    for (const table of UNREFERENCED) this.addSql(`alter table ${table} add constraint ${table}_municipality_id_foreign foreign key (municipality_id) references municipality (id);`);
    for (const table of OWNING) this.addSql(`alter table ${q(table)} add constraint ${table}_municipality_id_id_unique unique (municipality_id, id);`);

    for (const { table, references: [through], key = 'id' } of INHERITING) {
      this.addSql(`alter table ${q(table)} add column municipality_id uuid;`);
      this.addSql(`update ${q(table)} c set municipality_id = p.municipality_id from ${q(through!.parent)} p where p.id = c.${through!.column};`);
      this.addSql(`alter table ${q(table)} alter column municipality_id set not null, add constraint ${table}_municipality_id_foreign foreign key (municipality_id) references municipality (id);`);
      this.addSql(`alter table ${q(table)} add constraint ${table}_municipality_id_${key}_unique unique (municipality_id, ${key});`);
      this.addSql(`create trigger ${table}_inherit_municipality before insert on ${q(table)} for each row execute function razem_inherit_municipality('${through!.parent}', '${through!.column}');`);
    }

    for (const { table, references } of [...INHERITING, ...OWNING_REFERENCES]) {
      for (const { column, parent, onDelete } of references) {
        const rule = onDelete === 'cascade' ? ' on delete cascade' : onDelete === 'set null' ? ` on delete set null (${column})` : '';
        this.addSql(`alter table ${q(table)} drop constraint ${foreignKey(table, column)}, add constraint ${foreignKey(table, column)} foreign key (municipality_id, ${column}) references ${q(parent)} (municipality_id, id)${rule};`);
      }
    }

    for (const { table, name, columns, where } of UNIQUE) {
      this.addSql(`alter table ${q(table)} drop constraint if exists ${name}; drop index if exists ${name};`);
      this.addSql(where
        ? `create unique index ${name} on ${q(table)} (${columns}, municipality_id) where ${where};`
        : `alter table ${q(table)} add constraint ${name} unique (${columns}, municipality_id);`);
    }
    for (const { table, name, definition } of EXCLUSIONS) this.addSql(`alter table ${q(table)} drop constraint ${name}, add constraint ${name} ${definition};`);
    // The programme pages through one municipality's slots in time order.
    this.addSql(`drop index slot_starts_at_id_index; create index slot_municipality_id_starts_at_id_index on slot (municipality_id, starts_at, id);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index slot_municipality_id_starts_at_id_index; create index slot_starts_at_id_index on slot (starts_at, id);`);
    for (const { table, name, before } of EXCLUSIONS) this.addSql(`alter table ${q(table)} drop constraint ${name}, add constraint ${name} ${before};`);
    for (const { table, name, columns, where } of UNIQUE) {
      this.addSql(`alter table ${q(table)} drop constraint if exists ${name}; drop index if exists ${name};`);
      this.addSql(where ? `create unique index ${name} on ${q(table)} (${columns}) where ${where};` : `alter table ${q(table)} add constraint ${name} unique (${columns});`);
    }
    for (const { table, references } of [...INHERITING, ...OWNING_REFERENCES]) {
      for (const { column, parent, onDelete } of references) {
        const rule = onDelete ? ` on delete ${onDelete}` : '';
        this.addSql(`alter table ${q(table)} drop constraint ${foreignKey(table, column)}, add constraint ${foreignKey(table, column)} foreign key (${column}) references ${q(parent)} (id)${rule};`);
      }
    }
    for (const { table } of [...INHERITING].reverse()) {
      this.addSql(`drop trigger ${table}_inherit_municipality on ${q(table)}; alter table ${q(table)} drop column municipality_id;`);
    }
    for (const table of OWNING) this.addSql(`alter table ${q(table)} drop constraint ${table}_municipality_id_id_unique;`);
    for (const table of UNREFERENCED) this.addSql(`alter table ${table} drop constraint ${table}_municipality_id_foreign;`);
    this.addSql(`drop function razem_inherit_municipality();`);
  }
}
