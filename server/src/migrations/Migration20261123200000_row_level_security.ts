import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security, the second wall behind the composite keys: a query that forgets its
 * municipality filter still sees and writes only the municipality of its request.
 *
 * Migrations run as the tables' owner, who is not bound by the policies. The application connects
 * as `razem_app` (neither owner nor superuser): on every tenant-owned table (every table with a
 * `municipality_id` except `municipality`) it sees and writes only rows of the municipality named by
 * the `razem.municipality` setting of its connection (core/db/tenancy.ts sets it), and nothing when
 * none is set. The background jobs (sending e-mail, deadlines, the speed-dating clock, retention)
 * are cross-municipality by nature: they connect as `razem_jobs`, whose policy admits every row.
 * Roles belong to the whole PostgreSQL cluster, so they are created only when missing; they get
 * their login and password when the server starts (`ensureRoleLogins`).
 */
const TENANT_TABLES = `select c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid
  where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace and a.attname = 'municipality_id' and not a.attisdropped and c.relname <> 'municipality'`;

export class Migration20261123200000_row_level_security extends Migration {

  override name = 'Migration20261123200000_row_level_security';

  override up(): void | Promise<void> {
    this.addSql(`do $$ begin
  if not exists (select from pg_roles where rolname = 'razem_app') then create role razem_app nologin; end if;
  if not exists (select from pg_roles where rolname = 'razem_jobs') then create role razem_jobs nologin; end if;
end $$;`);
    this.addSql(`grant usage on schema public to razem_app, razem_jobs;`);
    this.addSql(`grant select, insert, update, delete on all tables in schema public to razem_app, razem_jobs;`);
    this.addSql(`grant usage, select on all sequences in schema public to razem_app, razem_jobs;`);
    // Tables of later migrations (run by the same owner) are theirs to use as well.
    this.addSql(`alter default privileges in schema public grant select, insert, update, delete on tables to razem_app, razem_jobs;`);
    this.addSql(`alter default privileges in schema public grant usage, select on sequences to razem_app, razem_jobs;`);
    // An unset or empty setting matches no row: forgetting to name the municipality shows nothing.
    // The setting is read in a sub-select, so PostgreSQL reads and casts it once per statement (an
    // init plan, usable as an index condition), not once per row.
    this.addSql(`do $$ declare t name; begin
  for t in ${TENANT_TABLES} loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to razem_app
      using (municipality_id = (select nullif(current_setting('razem.municipality', true), '')::uuid))
      with check (municipality_id = (select nullif(current_setting('razem.municipality', true), '')::uuid))$p$, t);
    execute format('create policy background_jobs on %I to razem_jobs using (true) with check (true)', t);
  end loop;
end $$;`);
    // A calendar app fetches the feed by its secret token alone, with no municipality in the URL:
    // this one function, running as the owner, tells which municipality the token belongs to.
    this.addSql(`create function razem_calendar_feed_municipality(feed_token text) returns uuid
  language sql stable security definer set search_path = public
  as $$ select municipality_id from calendar_feed where token = feed_token $$;`);
    this.addSql(`revoke execute on function razem_calendar_feed_municipality(text) from public;`);
    this.addSql(`grant execute on function razem_calendar_feed_municipality(text) to razem_app;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop function razem_calendar_feed_municipality(text);`);
    this.addSql(`do $$ declare t name; begin
  for t in ${TENANT_TABLES} loop
    execute format('drop policy tenant_isolation on %I', t);
    execute format('drop policy background_jobs on %I', t);
    execute format('alter table %I disable row level security', t);
  end loop;
end $$;`);
    this.addSql(`alter default privileges in schema public revoke all on tables from razem_app, razem_jobs;`);
    this.addSql(`alter default privileges in schema public revoke all on sequences from razem_app, razem_jobs;`);
    this.addSql(`revoke all on all tables in schema public from razem_app, razem_jobs;`);
    this.addSql(`revoke all on all sequences in schema public from razem_app, razem_jobs;`);
    this.addSql(`revoke usage on schema public from razem_app, razem_jobs;`);
  }

}
