import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A message to send (booking confirmations, waiting-list promotions, reminders). Written in the same
 * transaction as the change it tells about, so a message exists exactly when the change committed;
 * the sender delivers it afterwards.
 */
@Entity()
@Index({ name: 'outbox_message_unsent', expression: 'create index "outbox_message_unsent" on "outbox_message" ("created_at") where "sent_at" is null' })
export class OutboxMessage {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) municipalityId!: string;
  /** What the message is about, for reports and tests (e.g. `booking.confirmed`). */
  @Property({ type: 'string' }) kind!: string;
  @Property({ type: 'string' }) recipient!: string;
  @Property({ type: 'string' }) subject!: string;
  @Property({ type: 'text' }) body!: string;
  @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
  @Property({ type: 'datetime', nullable: true }) sentAt: Date | null = null;
  @Property({ type: 'integer' }) attempts: Opt<number> = 0;
  @Property({ type: 'text', nullable: true }) lastError: string | null = null;
  /** After a failed try: not before this time (the delays grow); null: as soon as possible. */
  @Property({ type: 'datetime', nullable: true }) nextAttemptAt: Date | null = null;
}
