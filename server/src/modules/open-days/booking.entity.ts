import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { User } from '../accounts/index.js';
import { Attendance, BookingStatus } from './open-days.enums.js';
import { Slot } from './slot.entity.js';

/**
 * A resident's place (for a party of 1..N) in a slot. The slot's times are copied here so the
 * database itself refuses two overlapping confirmed bookings of one person, even when they are
 * made at the same moment on different slots.
 */
@Entity()
@Unique({ name: 'booking_municipality_code_unique', properties: ['municipalityId', 'code'] })
@Index({ properties: ['slot', 'status', 'queueNumber'] })
@Check({
  name: 'booking_no_overlapping_confirmed',
  expression: `exclude using gist (municipality_id with =, user_id with =, tstzrange(starts_at, ends_at) with &&) where (status = 'CONFIRMED')`,
})
@Index({
  name: 'booking_one_active_per_slot',
  expression: `create unique index "booking_one_active_per_slot" on "booking" ("slot_id", "user_id", "municipality_id") where "status" in ('CONFIRMED', 'WAITLISTED')`,
})
@ObjectType({ simpleResolvers: true })
export class Booking {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) municipalityId!: string;
  @ManyToOne({ entity: () => Slot, deleteRule: 'cascade' }) slot!: Slot;
  /** Who booked; null once the retention period after the slot has passed (the booking stays, counted). */
  @ManyToOne({ entity: () => User, index: true, nullable: true }) user!: User | null;
  @Field(() => Int) @Property({ type: 'integer' }) partySize!: number;
  @Field(() => BookingStatus) @Enum({ items: () => BookingStatus }) status!: BookingStatus;
  /** Short check-in code, unique in the municipality. */
  @Field(() => String) @Property({ type: 'string', length: 8 }) code!: string;
  /** Position on the slot's waiting list (arrival order); kept after promotion for the record. */
  @Field(() => Int, { nullable: true }) @Property({ type: 'integer', nullable: true }) queueNumber: number | null = null;
  @Field(() => Attendance, { nullable: true }) @Enum({ items: () => Attendance, nullable: true }) attendance: Attendance | null = null;
  @Property({ type: 'datetime' }) startsAt!: Date;
  @Property({ type: 'datetime' }) endsAt!: Date;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
  @Field(() => Date, { nullable: true }) @Property({ type: 'datetime', nullable: true }) cancelledAt: Date | null = null;
}
