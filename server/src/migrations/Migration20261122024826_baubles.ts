import { Migration } from '@mikro-orm/migrations';

export class Migration20261122024826_baubles extends Migration {

  override name = 'Migration20261122024826_baubles';

  override up(): void | Promise<void> {
    this.addSql(`create table "bauble_campaign" ("id" uuid not null, "municipality_id" uuid not null, "year" int not null, "title" varchar(255) not null, "baubles_prepared" int not null, "baubles_in_stock" int not null, "limit_organization" int not null, "limit_institution" int not null, "limit_resident" int not null, "pickup_place" varchar(255) not null, "return_deadline" timestamptz not null, "tree_event_at" timestamptz not null, "tree_event_place" varchar(255) not null, "status" text not null default 'DRAFT', "next_queue_number" int not null default 1, "reminder_queued_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "bauble_campaign" add constraint "bauble_campaign_municipality_id_year_unique" unique ("municipality_id", "year");`);

    this.addSql(`create table "bauble_pickup_window" ("id" uuid not null, "campaign_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "bauble_pickup_window_campaign_id_index" on "bauble_pickup_window" ("campaign_id");`);

    this.addSql(`create table "greeting" ("id" uuid not null, "campaign_id" uuid not null, "user_id" uuid not null, "signature" varchar(255) not null, "text" varchar(280) not null, "status" text not null default 'PENDING', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "greeting_campaign_id_status_created_at_index" on "greeting" ("campaign_id", "status", "created_at");`);

    this.addSql(`create table "bauble_signup" ("id" uuid not null, "campaign_id" uuid not null, "kind" text not null, "organization_id" uuid null, "institution_name" varchar(255) null, "user_id" uuid not null, "pickup_window_id" uuid not null, "quantity" int not null, "picked_up_quantity" int not null default 0, "returned_quantity" int not null default 0, "status" text not null, "code" varchar(8) not null, "queue_number" int null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "bauble_signup_user_id_index" on "bauble_signup" ("user_id");`);
    this.addSql(`create index "bauble_signup_campaign_id_status_queue_number_index" on "bauble_signup" ("campaign_id", "status", "queue_number");`);
    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_campaign_code_unique" unique ("campaign_id", "code");`);

    this.addSql(`create table "bauble_signup_event" ("id" uuid not null, "signup_id" uuid not null, "from_status" text null, "to_status" text not null, "actor_id" uuid null, "note" varchar(255) null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "bauble_signup_event_signup_id_index" on "bauble_signup_event" ("signup_id");`);

    this.addSql(`alter table "bauble_campaign" add constraint "bauble_campaign_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id");`);
    this.addSql(`alter table "bauble_campaign" add constraint "bauble_campaign_stock_not_negative" check (baubles_in_stock >= 0 and baubles_in_stock <= baubles_prepared);`);
    this.addSql(`alter table "bauble_campaign" add constraint "bauble_campaign_status_check" check ("status" in ('DRAFT', 'OPEN', 'CLOSED'));`);

    this.addSql(`alter table "bauble_pickup_window" add constraint "bauble_pickup_window_campaign_id_foreign" foreign key ("campaign_id") references "bauble_campaign" ("id") on delete cascade;`);
    this.addSql(`alter table "bauble_pickup_window" add constraint "bauble_pickup_window_order" check (starts_at < ends_at);`);

    this.addSql(`alter table "greeting" add constraint "greeting_campaign_id_foreign" foreign key ("campaign_id") references "bauble_campaign" ("id");`);
    this.addSql(`alter table "greeting" add constraint "greeting_user_id_foreign" foreign key ("user_id") references "user" ("id");`);
    this.addSql(`alter table "greeting" add constraint "greeting_status_check" check ("status" in ('PENDING', 'APPROVED', 'REJECTED'));`);

    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_campaign_id_foreign" foreign key ("campaign_id") references "bauble_campaign" ("id");`);
    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete set null;`);
    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_user_id_foreign" foreign key ("user_id") references "user" ("id");`);
    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_pickup_window_id_foreign" foreign key ("pickup_window_id") references "bauble_pickup_window" ("id");`);
    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_quantities" check (quantity > 0 and picked_up_quantity <= quantity and returned_quantity <= picked_up_quantity);`);
    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_kind_check" check ("kind" in ('ORGANIZATION', 'INSTITUTION', 'RESIDENT'));`);
    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_status_check" check ("status" in ('WAITLISTED', 'RESERVED', 'PICKED_UP', 'RETURNED', 'CANCELLED', 'OVERDUE'));`);

    this.addSql(`alter table "bauble_signup_event" add constraint "bauble_signup_event_signup_id_foreign" foreign key ("signup_id") references "bauble_signup" ("id") on delete cascade;`);
    this.addSql(`alter table "bauble_signup_event" add constraint "bauble_signup_event_actor_id_foreign" foreign key ("actor_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "bauble_signup_event" add constraint "bauble_signup_event_from_status_check" check ("from_status" in ('WAITLISTED', 'RESERVED', 'PICKED_UP', 'RETURNED', 'CANCELLED', 'OVERDUE'));`);
    this.addSql(`alter table "bauble_signup_event" add constraint "bauble_signup_event_to_status_check" check ("to_status" in ('WAITLISTED', 'RESERVED', 'PICKED_UP', 'RETURNED', 'CANCELLED', 'OVERDUE'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "bauble_pickup_window" drop constraint "bauble_pickup_window_campaign_id_foreign";`);
    this.addSql(`alter table "greeting" drop constraint "greeting_campaign_id_foreign";`);
    this.addSql(`alter table "bauble_signup" drop constraint "bauble_signup_campaign_id_foreign";`);
    this.addSql(`alter table "bauble_signup" drop constraint "bauble_signup_pickup_window_id_foreign";`);
    this.addSql(`alter table "bauble_signup_event" drop constraint "bauble_signup_event_signup_id_foreign";`);

    this.addSql(`drop table if exists "bauble_campaign" cascade;`);
    this.addSql(`drop table if exists "bauble_pickup_window" cascade;`);
    this.addSql(`drop table if exists "greeting" cascade;`);
    this.addSql(`drop table if exists "bauble_signup" cascade;`);
    this.addSql(`drop table if exists "bauble_signup_event" cascade;`);
  }

}
