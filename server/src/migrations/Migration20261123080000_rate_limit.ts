import { Migration } from '@mikro-orm/migrations';

/** Counters of rate-limiter-flexible (its documented table), shared by every server instance. */
export class Migration20261123080000_rate_limit extends Migration {

  override name = 'Migration20261123080000_rate_limit';

  override up(): void | Promise<void> {
    this.addSql(`create unlogged table "rate_limit" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);
    this.addSql(`create index "rate_limit_expire_index" on "rate_limit" ("expire");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limit";`);
  }

}
