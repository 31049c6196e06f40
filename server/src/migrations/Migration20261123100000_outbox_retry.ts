import { Migration } from '@mikro-orm/migrations';

export class Migration20261123100000_outbox_retry extends Migration {

  override name = 'Migration20261123100000_outbox_retry';

  override up(): void | Promise<void> {
    this.addSql(`alter table "outbox_message" add column "next_attempt_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "outbox_message" drop column "next_attempt_at";`);
  }

}
