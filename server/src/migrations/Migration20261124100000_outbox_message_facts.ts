import { Migration } from '@mikro-orm/migrations';

/**
 * A message may be queued as the facts its text is written from, rendered when it is sent or shown:
 * a booking made in one statement reads the activity and queues its confirmation under that same
 * statement, where Node cannot write the text (outbox.ts, `registerMessageTemplate`).
 */
export class Migration20261124100000_outbox_message_facts extends Migration {

  override name = 'Migration20261124100000_outbox_message_facts';

  override up(): void | Promise<void> {
    this.addSql('alter table outbox_message add column facts jsonb null;');
    this.addSql('alter table outbox_message alter column subject drop not null, alter column body drop not null;');
    this.addSql(`alter table outbox_message add constraint outbox_message_text_or_facts check ((subject is not null and body is not null) or facts is not null);`);
  }

  override down(): void | Promise<void> {
    // The code before this cannot write a message from its facts: a rollback waits until they are sent.
    this.addSql(`do $$ begin
      if exists (select from outbox_message where facts is not null and subject is null and sent_at is null) then
        raise exception 'outbox_message holds unsent messages queued as facts; send them before rolling back';
      end if;
    end $$;`);
    this.addSql('delete from outbox_message where subject is null;');
    this.addSql('alter table outbox_message drop constraint outbox_message_text_or_facts;');
    this.addSql('alter table outbox_message alter column subject set not null, alter column body set not null;');
    this.addSql('alter table outbox_message drop column facts;');
  }

}
