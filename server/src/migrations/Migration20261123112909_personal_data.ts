import { Migration } from '@mikro-orm/migrations';

export class Migration20261123112909_personal_data extends Migration {

  override name = 'Migration20261123112909_personal_data';

  override up(): void | Promise<void> {
    this.addSql(`create table "accessibility_statement" ("id" uuid not null, "municipality_id" uuid not null, "body_name_pl" varchar(255) not null, "body_name_en" varchar(255) not null, "site_url" varchar(255) not null, "published_on" date not null, "last_updated_on" date not null, "compliance_status" text not null, "non_accessible_content_pl" text not null, "non_accessible_content_en" text not null, "prepared_on" date not null, "reviewed_on" date not null, "assessment_method" text not null, "contact_name" varchar(255) not null, "contact_email" varchar(255) not null, "contact_phone" varchar(255) not null, "procedure_pl" text not null, "procedure_en" text not null, "architecture_pl" text not null, "architecture_en" text not null, "sign_language_pl" text not null, "sign_language_en" text not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "accessibility_statement" add constraint "accessibility_statement_municipality_id_unique" unique ("municipality_id");`);

    this.addSql(`create table "privacy_notice" ("id" uuid not null, "municipality_id" uuid not null, "controller_pl" text not null, "controller_en" text not null, "data_protection_officer" varchar(255) not null, "body_pl" text not null, "body_en" text not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "privacy_notice" add constraint "privacy_notice_municipality_id_unique" unique ("municipality_id");`);

    this.addSql(`create table "retention_settings" ("id" uuid not null, "municipality_id" uuid not null, "event_data_months" int not null, "inactive_account_months" int not null, "message_months" int not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "retention_settings" add constraint "retention_settings_municipality_id_unique" unique ("municipality_id");`);

    this.addSql(`alter table "fair_application" drop constraint "fair_application_submitted_by_id_foreign";`);

    this.addSql(`alter table "booking" drop constraint "booking_user_id_foreign";`);

    this.addSql(`alter table "bauble_signup" drop constraint "bauble_signup_user_id_foreign";`);

    this.addSql(`alter table "user" add "last_sign_in_at" timestamptz null, add "erased_at" timestamptz null;`);
    // Accounts that exist already count as active from now on: their sign-ins were not recorded, so the
    // retention job must not take them for inactive.
    this.addSql(`update "user" set "last_sign_in_at" = now();`);
    this.addSql(`alter table "user" alter column "email" drop not null;`);
    this.addSql(`alter table "user" alter column "password_hash" drop not null;`);

    this.addSql(`alter table "fair_application" alter column "submitted_by_id" drop not null;`);
    this.addSql(`alter table "fair_application" add constraint "fair_application_submitted_by_id_foreign" foreign key ("submitted_by_id") references "user" ("id") on delete set null;`);

    this.addSql(`alter table "booking" alter column "user_id" drop not null;`);
    this.addSql(`alter table "booking" add constraint "booking_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete set null;`);

    this.addSql(`alter table "bauble_signup" alter column "user_id" drop not null;`);
    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete set null;`);

    this.addSql(`alter table "accessibility_statement" add constraint "accessibility_statement_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id");`);
    this.addSql(`alter table "accessibility_statement" add constraint "accessibility_statement_compliance_status_check" check ("compliance_status" in ('COMPLIANT', 'PARTIALLY_COMPLIANT', 'NON_COMPLIANT'));`);
    this.addSql(`alter table "accessibility_statement" add constraint "accessibility_statement_assessment_method_check" check ("assessment_method" in ('SELF_ASSESSMENT', 'EXTERNAL_AUDIT'));`);

    this.addSql(`alter table "privacy_notice" add constraint "privacy_notice_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id");`);

    this.addSql(`alter table "retention_settings" add constraint "retention_settings_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "accessibility_statement" cascade;`);
    this.addSql(`drop table if exists "privacy_notice" cascade;`);
    this.addSql(`drop table if exists "retention_settings" cascade;`);

    this.addSql(`alter table "bauble_signup" drop constraint "bauble_signup_user_id_foreign";`);

    this.addSql(`alter table "booking" drop constraint "booking_user_id_foreign";`);

    this.addSql(`alter table "fair_application" drop constraint "fair_application_submitted_by_id_foreign";`);

    this.addSql(`alter table "bauble_signup" alter column "user_id" set not null;`);
    this.addSql(`alter table "bauble_signup" add constraint "bauble_signup_user_id_foreign" foreign key ("user_id") references "user" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "booking" alter column "user_id" set not null;`);
    this.addSql(`alter table "booking" add constraint "booking_user_id_foreign" foreign key ("user_id") references "user" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "fair_application" alter column "submitted_by_id" set not null;`);
    this.addSql(`alter table "fair_application" add constraint "fair_application_submitted_by_id_foreign" foreign key ("submitted_by_id") references "user" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "user" drop column "last_sign_in_at", drop column "erased_at";`);
    this.addSql(`alter table "user" alter column "email" set not null;`);
    this.addSql(`alter table "user" alter column "password_hash" set not null;`);
  }

}
