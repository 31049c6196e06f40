import { Migration } from '@mikro-orm/migrations';

export class Migration20261122022127_open_days extends Migration {

  override name = 'Migration20261122022127_open_days';

  override up(): void | Promise<void> {
    // Exclusion constraints on (id, time range) need GiST support for plain equality.
    this.addSql(`create extension if not exists btree_gist;`);

    this.addSql(`create table "open_days_edition" ("id" uuid not null, "municipality_id" uuid not null, "name" varchar(255) not null, "starts_on" date not null, "ends_on" date not null, "submissions_open_at" timestamptz not null, "submissions_close_at" timestamptz not null, "status" text not null default 'DRAFT', "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "activity" ("id" uuid not null, "edition_id" uuid not null, "organization_id" uuid not null, "title" varchar(255) not null, "type" text not null, "description" text not null, "place_street" varchar(255) not null, "place_postal_code" varchar(6) not null, "place_city" varchar(255) not null, "place_district" varchar(255) null, "place_latitude" double precision null, "place_longitude" double precision null, "place_notes" varchar(255) null, "audience" text not null default 'EVERYONE', "accessibility_notes" text null, "status" text not null default 'SUBMITTED', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "activity_organization_id_index" on "activity" ("organization_id");`);
    this.addSql(`create index "activity_edition_id_status_index" on "activity" ("edition_id", "status");`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "municipality_id" uuid not null, "kind" varchar(255) not null, "recipient" varchar(255) not null, "subject" varchar(255) not null, "body" text not null, "created_at" timestamptz not null, "sent_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_message_unsent" on "outbox_message" ("created_at") where "sent_at" is null;`);

    this.addSql(`create table "slot" ("id" uuid not null, "activity_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "capacity" int null, "max_party_size" int not null default 1, "seats_taken" int not null default 0, "next_queue_number" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "slot_activity_id_index" on "slot" ("activity_id");`);
    this.addSql(`create index "slot_starts_at_id_index" on "slot" ("starts_at", "id");`);

    this.addSql(`create table "calendar_feed" ("token" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("token"));`);
    this.addSql(`alter table "calendar_feed" add constraint "calendar_feed_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "booking" ("id" uuid not null, "municipality_id" uuid not null, "slot_id" uuid not null, "user_id" uuid not null, "party_size" int not null, "status" text not null, "code" varchar(8) not null, "queue_number" int null, "attendance" text null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "created_at" timestamptz not null, "cancelled_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "booking_user_id_index" on "booking" ("user_id");`);
    this.addSql(`create unique index "booking_one_active_per_slot" on "booking" ("slot_id", "user_id") where "status" in ('CONFIRMED', 'WAITLISTED');`);
    this.addSql(`create index "booking_slot_id_status_queue_number_index" on "booking" ("slot_id", "status", "queue_number");`);
    this.addSql(`alter table "booking" add constraint "booking_municipality_code_unique" unique ("municipality_id", "code");`);

    this.addSql(`alter table "open_days_edition" add constraint "open_days_edition_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id");`);
    this.addSql(`alter table "open_days_edition" add constraint "open_days_edition_status_check" check ("status" in ('DRAFT', 'OPEN', 'PUBLISHED', 'CLOSED'));`);

    this.addSql(`alter table "activity" add constraint "activity_edition_id_foreign" foreign key ("edition_id") references "open_days_edition" ("id");`);
    this.addSql(`alter table "activity" add constraint "activity_organization_id_foreign" foreign key ("organization_id") references "organization" ("id");`);
    this.addSql(`alter table "activity" add constraint "activity_type_check" check ("type" in ('WORKSHOP', 'SHOW', 'CONSULTATION', 'CONTEST', 'OPEN_OFFICE', 'OTHER'));`);
    this.addSql(`alter table "activity" add constraint "activity_audience_check" check ("audience" in ('EVERYONE', 'CHILDREN', 'YOUTH', 'SENIORS', 'FAMILIES'));`);
    this.addSql(`alter table "activity" add constraint "activity_status_check" check ("status" in ('SUBMITTED', 'APPROVED', 'REJECTED'));`);

    this.addSql(`alter table "slot" add constraint "slot_activity_id_foreign" foreign key ("activity_id") references "activity" ("id") on delete cascade;`);
    this.addSql(`alter table "slot" add constraint "slot_no_overlap_in_activity" exclude using gist (activity_id with =, tstzrange(starts_at, ends_at) with &&);`);
    this.addSql(`alter table "slot" add constraint "slot_starts_before_end" check (starts_at < ends_at);`);
    this.addSql(`alter table "slot" add constraint "slot_seats_within_capacity" check (seats_taken >= 0 and (capacity is null or seats_taken <= capacity));`);

    this.addSql(`alter table "calendar_feed" add constraint "calendar_feed_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);

    this.addSql(`alter table "booking" add constraint "booking_slot_id_foreign" foreign key ("slot_id") references "slot" ("id") on delete cascade;`);
    this.addSql(`alter table "booking" add constraint "booking_user_id_foreign" foreign key ("user_id") references "user" ("id");`);
    this.addSql(`alter table "booking" add constraint "booking_no_overlapping_confirmed" exclude using gist (user_id with =, tstzrange(starts_at, ends_at) with &&) where (status = 'CONFIRMED');`);
    this.addSql(`alter table "booking" add constraint "booking_status_check" check ("status" in ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'CANCELLED_BY_ORGANIZER'));`);
    this.addSql(`alter table "booking" add constraint "booking_attendance_check" check ("attendance" in ('ATTENDED', 'NO_SHOW'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "activity" drop constraint "activity_edition_id_foreign";`);
    this.addSql(`alter table "slot" drop constraint "slot_activity_id_foreign";`);
    this.addSql(`alter table "booking" drop constraint "booking_slot_id_foreign";`);

    this.addSql(`drop table if exists "open_days_edition" cascade;`);
    this.addSql(`drop table if exists "activity" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "slot" cascade;`);
    this.addSql(`drop table if exists "calendar_feed" cascade;`);
    this.addSql(`drop table if exists "booking" cascade;`);
  }

}
