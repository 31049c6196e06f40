import { Migration } from '@mikro-orm/migrations';

export class Migration20261122030111_fair extends Migration {

  override name = 'Migration20261122030111_fair';

  override up(): void | Promise<void> {
    this.addSql(`create table "fair" ("id" uuid not null, "municipality_id" uuid not null, "name" varchar(255) not null, "venue" varchar(255) not null, "opens_at" timestamptz not null, "closes_at" timestamptz not null, "applications_open_at" timestamptz not null, "applications_close_at" timestamptz not null, "plan_width" double precision not null default 60, "plan_height" double precision not null default 40, "status" text not null default 'DRAFT', "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "stand" ("id" uuid not null, "fair_id" uuid not null, "code" varchar(12) not null, "zone" text not null, "x" double precision not null, "y" double precision not null, "width" double precision not null, "height" double precision not null, "has_power" boolean not null default false, "tent_provided" boolean not null default false, "tables" int not null default 1, "step_free" boolean not null default true, "reserved" boolean not null default false, "reserved_for" varchar(255) null, primary key ("id"));`);
    this.addSql(`alter table "stand" add constraint "stand_fair_id_code_unique" unique ("fair_id", "code");`);

    this.addSql(`create table "fair_application" ("id" uuid not null, "fair_id" uuid not null, "organization_id" uuid not null, "submitted_by_id" uuid not null, "needs_power" boolean not null default false, "tables_needed" int not null default 1, "tent" text not null default 'NO_TENT', "needs_step_free" boolean not null default false, "preferred_zones" text[] not null, "wanted_neighbors" text[] not null, "avoided_neighbors" text[] not null, "activity" text not null, "contact_name" varchar(255) not null, "contact_phone" varchar(255) not null, "status" text not null default 'SUBMITTED', "decision_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "fair_application" add constraint "fair_application_fair_id_organization_id_unique" unique ("fair_id", "organization_id");`);

    this.addSql(`create table "stand_assignment" ("id" uuid not null, "fair_id" uuid not null, "stand_id" uuid not null, "application_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "stand_assignment_fair_id_index" on "stand_assignment" ("fair_id");`);
    this.addSql(`alter table "stand_assignment" add constraint "stand_assignment_application_unique" unique ("application_id");`);
    this.addSql(`alter table "stand_assignment" add constraint "stand_assignment_stand_unique" unique ("stand_id");`);

    this.addSql(`alter table "fair" add constraint "fair_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id");`);
    this.addSql(`alter table "fair" add constraint "fair_status_check" check ("status" in ('DRAFT', 'APPLICATIONS_OPEN', 'ALLOCATING', 'PUBLISHED', 'CLOSED'));`);

    this.addSql(`alter table "stand" add constraint "stand_fair_id_foreign" foreign key ("fair_id") references "fair" ("id") on delete cascade;`);
    this.addSql(`alter table "stand" add constraint "stand_zone_check" check ("zone" in ('CHILDREN', 'SPORT', 'HEALTH', 'CULTURE', 'ECOLOGY', 'SOCIAL'));`);

    this.addSql(`alter table "fair_application" add constraint "fair_application_fair_id_foreign" foreign key ("fair_id") references "fair" ("id");`);
    this.addSql(`alter table "fair_application" add constraint "fair_application_organization_id_foreign" foreign key ("organization_id") references "organization" ("id");`);
    this.addSql(`alter table "fair_application" add constraint "fair_application_submitted_by_id_foreign" foreign key ("submitted_by_id") references "user" ("id");`);
    this.addSql(`alter table "fair_application" add constraint "fair_application_tent_check" check ("tent" in ('OWN_TENT', 'TENT_NEEDED', 'NO_TENT'));`);
    this.addSql(`alter table "fair_application" add constraint "fair_application_preferred_zones_check" check ("preferred_zones" <@ array['CHILDREN'::text, 'SPORT'::text, 'HEALTH'::text, 'CULTURE'::text, 'ECOLOGY'::text, 'SOCIAL'::text]);`);
    this.addSql(`alter table "fair_application" add constraint "fair_application_status_check" check ("status" in ('SUBMITTED', 'ACCEPTED', 'WAITLISTED', 'REJECTED'));`);

    this.addSql(`alter table "stand_assignment" add constraint "stand_assignment_fair_id_foreign" foreign key ("fair_id") references "fair" ("id") on delete cascade;`);
    this.addSql(`alter table "stand_assignment" add constraint "stand_assignment_stand_id_foreign" foreign key ("stand_id") references "stand" ("id") on delete cascade;`);
    this.addSql(`alter table "stand_assignment" add constraint "stand_assignment_application_id_foreign" foreign key ("application_id") references "fair_application" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "stand" drop constraint "stand_fair_id_foreign";`);
    this.addSql(`alter table "fair_application" drop constraint "fair_application_fair_id_foreign";`);
    this.addSql(`alter table "stand_assignment" drop constraint "stand_assignment_fair_id_foreign";`);
    this.addSql(`alter table "stand_assignment" drop constraint "stand_assignment_stand_id_foreign";`);
    this.addSql(`alter table "stand_assignment" drop constraint "stand_assignment_application_id_foreign";`);

    this.addSql(`drop table if exists "fair" cascade;`);
    this.addSql(`drop table if exists "stand" cascade;`);
    this.addSql(`drop table if exists "fair_application" cascade;`);
    this.addSql(`drop table if exists "stand_assignment" cascade;`);
  }

}
