import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Municipality } from '../municipalities/index.js';

/** How long a municipality keeps personal data (months); the retention job erases what is older. */
export interface RetentionPeriods {
  /** After an event (slot, campaign deadline, speed-dating session, fair): who booked, signed up, took part or applied. */
  eventDataMonths: number;
  /** Since the last sign-in: resident and official accounts are erased like a deletion by their owner. */
  inactiveAccountMonths: number;
  /** After a message was written: copies of e-mails sent (address and text). */
  messageMonths: number;
}

/** What applies until staff change it. */
export const DEFAULT_RETENTION: Readonly<RetentionPeriods> = { eventDataMonths: 24, inactiveAccountMonths: 36, messageMonths: 6 };

/** A municipality's retention periods; no row means the defaults. */
@Entity()
export class RetentionSettings implements RetentionPeriods {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Municipality, unique: true }) municipality!: Municipality;
  @Property({ type: 'integer' }) eventDataMonths!: number;
  @Property({ type: 'integer' }) inactiveAccountMonths!: number;
  @Property({ type: 'integer' }) messageMonths!: number;
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Opt<Date> = new Date();
}
