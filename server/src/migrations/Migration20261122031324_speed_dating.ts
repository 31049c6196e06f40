import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031324_speed_dating extends Migration {

  override name = 'Migration20261122031324_speed_dating';

  override up(): void | Promise<void> {
    this.addSql(`create table "speed_dating_session" ("id" uuid not null, "municipality_id" uuid not null, "title" varchar(255) not null, "starts_at" timestamptz not null, "place" varchar(255) not null, "round_minutes" int not null default 4, "changeover_seconds" int not null default 45, "round_count" int not null, "mode" text not null default 'NGO_TO_OFFICIAL', "moving_side" text not null default 'OFFICIAL', "capacity_per_side" int not null default 20, "registration_closes_at" timestamptz not null, "live_status" varchar(255) not null default 'NOT_STARTED', "live_round" int not null default 0, "live_phase" varchar(255) not null default 'TALK', "phase_started_at" timestamptz null, "paused_remaining_ms" int null, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "speed_dating_participant" ("id" uuid not null, "session_id" uuid not null, "user_id" uuid null, "name" varchar(255) not null, "side" text not null, "organization_id" uuid null, "department" varchar(255) null, "share_contacts" boolean not null default false, "presence" text not null default 'REGISTERED', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "speed_dating_participant" add constraint "speed_dating_participant_session_id_user_id_unique" unique ("session_id", "user_id");`);

    this.addSql(`create table "speed_dating_meeting" ("id" uuid not null, "session_id" uuid not null, "round" int not null, "seat" int not null, "stationary_id" uuid not null, "moving_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "speed_dating_meeting_session_id_index" on "speed_dating_meeting" ("session_id");`);
    this.addSql(`alter table "speed_dating_meeting" add constraint "speed_dating_meeting_session_id_round_seat_unique" unique ("session_id", "round", "seat");`);

    this.addSql(`alter table "speed_dating_session" add constraint "speed_dating_session_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id");`);
    this.addSql(`alter table "speed_dating_session" add constraint "speed_dating_session_mode_check" check ("mode" in ('NGO_TO_OFFICIAL', 'EVERYONE'));`);
    this.addSql(`alter table "speed_dating_session" add constraint "speed_dating_session_moving_side_check" check ("moving_side" in ('NGO', 'OFFICIAL'));`);

    this.addSql(`alter table "speed_dating_participant" add constraint "speed_dating_participant_session_id_foreign" foreign key ("session_id") references "speed_dating_session" ("id") on delete cascade;`);
    this.addSql(`alter table "speed_dating_participant" add constraint "speed_dating_participant_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "speed_dating_participant" add constraint "speed_dating_participant_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete set null;`);
    this.addSql(`alter table "speed_dating_participant" add constraint "speed_dating_participant_side_check" check ("side" in ('NGO', 'OFFICIAL'));`);
    this.addSql(`alter table "speed_dating_participant" add constraint "speed_dating_participant_presence_check" check ("presence" in ('REGISTERED', 'NO_SHOW', 'LEFT'));`);

    this.addSql(`alter table "speed_dating_meeting" add constraint "speed_dating_meeting_session_id_foreign" foreign key ("session_id") references "speed_dating_session" ("id") on delete cascade;`);
    this.addSql(`alter table "speed_dating_meeting" add constraint "speed_dating_meeting_stationary_id_foreign" foreign key ("stationary_id") references "speed_dating_participant" ("id") on delete cascade;`);
    this.addSql(`alter table "speed_dating_meeting" add constraint "speed_dating_meeting_moving_id_foreign" foreign key ("moving_id") references "speed_dating_participant" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "speed_dating_participant" drop constraint "speed_dating_participant_session_id_foreign";`);
    this.addSql(`alter table "speed_dating_meeting" drop constraint "speed_dating_meeting_session_id_foreign";`);
    this.addSql(`alter table "speed_dating_meeting" drop constraint "speed_dating_meeting_stationary_id_foreign";`);
    this.addSql(`alter table "speed_dating_meeting" drop constraint "speed_dating_meeting_moving_id_foreign";`);

    this.addSql(`drop table if exists "speed_dating_session" cascade;`);
    this.addSql(`drop table if exists "speed_dating_participant" cascade;`);
    this.addSql(`drop table if exists "speed_dating_meeting" cascade;`);
  }

}
