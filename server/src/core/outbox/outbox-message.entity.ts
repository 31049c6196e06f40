import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A message to send (booking confirmations, waiting-list promotions, reminders). Written in the same
 * transaction as the change it tells about, so a message exists exactly when the change committed;
 * the sender delivers it afterwards. It holds its text, or the facts its kind's template writes the
 * text from (`messageContent`).
 */
@Entity()
@Check({ name: 'outbox_message_text_or_facts', expression: '(subject is not null and body is not null) or facts is not null' })
@Index({ name: 'outbox_message_unsent', expression: 'create index "outbox_message_unsent" on "outbox_message" ("created_at") where "sent_at" is null' })
export class OutboxMessage {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) municipalityId!: string;
  /** What the message is about, for reports and tests (e.g. `booking.confirmed`). */
  @Property({ type: 'string' }) kind!: string;
  @Property({ type: 'string' }) recipient!: string;
  @Property({ type: 'string', nullable: true }) subject: string | null = null;
  @Property({ type: 'text', nullable: true }) body: string | null = null;
  /** What a template needs to write the text, when the change that queued it could not (see `registerMessageTemplate`). */
  @Property({ type: 'jsonb', nullable: true }) facts: Opt<object> | null = null;
  @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
  @Property({ type: 'datetime', nullable: true }) sentAt: Date | null = null;
  @Property({ type: 'integer' }) attempts: Opt<number> = 0;
  @Property({ type: 'text', nullable: true }) lastError: string | null = null;
  /** After a failed try: not before this time (the delays grow); null: as soon as possible. */
  @Property({ type: 'datetime', nullable: true }) nextAttemptAt: Date | null = null;
}
