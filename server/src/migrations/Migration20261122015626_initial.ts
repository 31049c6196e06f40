import { Migration } from '@mikro-orm/migrations';

export class Migration20261122015626_initial extends Migration {

  override name = 'Migration20261122015626_initial';

  override up(): void | Promise<void> {
    // Search folds case and Polish diacritics ("zwiazek" finds "Związek") and tolerates typos (trigrams).
    // unaccent() is only STABLE; the wrapper pins its dictionary so it may be IMMUTABLE and feed a generated column.
    this.addSql(`create extension if not exists unaccent;`);
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create or replace function razem_fold(text) returns text language sql immutable strict parallel safe as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;`);

    this.addSql(`create table "municipality" ("id" uuid not null, "slug" varchar(255) not null, "name" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "municipality" add constraint "municipality_slug_unique" unique ("slug");`);

    this.addSql(`create table "organization" ("id" uuid not null, "municipality_id" uuid not null, "slug" varchar(255) not null, "name" varchar(255) not null, "short_name" varchar(255) null, "legal_form" text not null, "krs" varchar(10) null, "nip" varchar(10) null, "regon" varchar(14) null, "description" text not null default '', "activity_areas" text[] not null, "address_street" varchar(255) not null, "address_postal_code" varchar(6) not null, "address_city" varchar(255) not null, "address_district" varchar(255) null, "address_latitude" double precision null, "address_longitude" double precision null, "email" varchar(255) null, "phone" varchar(255) null, "website" varchar(255) null, "social_links" text[] not null, "logo_url" varchar(255) null, "premises_accessibility" text[] not null, "accessibility_notes" text null, "looking_for_volunteers" boolean not null default false, "public_benefit_years" int[] not null, "status" text not null default 'PENDING', "search_text" text generated always as (razem_fold(name || ' ' || coalesce(short_name, '') || ' ' || description)) stored not null, "sort_name" text generated always as (razem_fold(name)) stored not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "organization_municipality_id_sort_name_id_index" on "organization" ("municipality_id", "sort_name", "id");`);
    this.addSql(`create index "organization_search_text_trgm" on "organization" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`alter table "organization" add constraint "organization_municipality_krs_unique" unique ("municipality_id", "krs");`);
    this.addSql(`alter table "organization" add constraint "organization_municipality_id_slug_unique" unique ("municipality_id", "slug");`);

    this.addSql(`create table "user" ("id" uuid not null, "municipality_id" uuid not null, "email" varchar(255) not null, "password_hash" varchar(255) not null, "display_name" varchar(255) not null, "role" text not null default 'RESIDENT', "phone" varchar(255) null, "department" varchar(255) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "user" add constraint "user_municipality_id_email_unique" unique ("municipality_id", "email");`);

    this.addSql(`create table "session" ("token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("token_hash"));`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(`create table "membership" ("id" uuid not null, "organization_id" uuid not null, "user_id" uuid not null, "role" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "membership_user_id_index" on "membership" ("user_id");`);
    this.addSql(`alter table "membership" add constraint "membership_organization_id_user_id_unique" unique ("organization_id", "user_id");`);

    this.addSql(`alter table "organization" add constraint "organization_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id");`);
    this.addSql(`alter table "organization" add constraint "organization_legal_form_check" check ("legal_form" in ('FOUNDATION', 'ASSOCIATION', 'ORDINARY_ASSOCIATION', 'SPORTS_CLUB', 'VOLUNTEER_FIRE_BRIGADE', 'SOCIAL_COOPERATIVE', 'INFORMAL_GROUP', 'EDUCATIONAL_INSTITUTION', 'CULTURAL_INSTITUTION', 'HOUSING_COOPERATIVE_CLUB'));`);
    this.addSql(`alter table "organization" add constraint "organization_activity_areas_check" check ("activity_areas" <@ array['DISABILITY'::text, 'HEALTH'::text, 'CHILDREN_AND_YOUTH'::text, 'SENIORS'::text, 'FAMILY_AND_VIOLENCE_PREVENTION'::text, 'SOCIAL_ASSISTANCE'::text, 'EDUCATION'::text, 'CULTURE_AND_HERITAGE'::text, 'SPORT_AND_TOURISM'::text, 'ECOLOGY_AND_ANIMALS'::text, 'CIVIC_ACTIVITY'::text, 'VOLUNTEERING'::text, 'SAFETY_AND_RESCUE'::text]);`);
    this.addSql(`alter table "organization" add constraint "organization_premises_accessibility_check" check ("premises_accessibility" <@ array['STEP_FREE_ENTRANCE'::text, 'LIFT'::text, 'ACCESSIBLE_TOILET'::text, 'INDUCTION_LOOP'::text, 'ACCESSIBLE_PARKING'::text, 'SIGN_LANGUAGE'::text]);`);
    this.addSql(`alter table "organization" add constraint "organization_status_check" check ("status" in ('PENDING', 'PUBLISHED', 'ARCHIVED'));`);

    this.addSql(`alter table "user" add constraint "user_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id");`);
    this.addSql(`alter table "user" add constraint "user_role_check" check ("role" in ('RESIDENT', 'OFFICIAL', 'STAFF', 'ADMIN'));`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);

    this.addSql(`alter table "membership" add constraint "membership_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_role_check" check ("role" in ('OWNER', 'EDITOR'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "organization" drop constraint "organization_municipality_id_foreign";`);
    this.addSql(`alter table "user" drop constraint "user_municipality_id_foreign";`);
    this.addSql(`alter table "membership" drop constraint "membership_organization_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);
    this.addSql(`alter table "membership" drop constraint "membership_user_id_foreign";`);

    this.addSql(`drop table if exists "municipality" cascade;`);
    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "user" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "membership" cascade;`);
    this.addSql(`drop function if exists razem_fold(text);`);
  }

}
