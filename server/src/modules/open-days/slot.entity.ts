import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { Activity } from './activity.entity.js';

/**
 * A time at which an activity takes place. Bookable slots have a capacity; drop-in slots have none.
 * `seatsTaken` counts confirmed seats; it only changes under the slot's row lock, and the database
 * refuses a value above the capacity, so overbooking is impossible whatever the concurrency.
 */
@Entity()
@Check({ name: 'slot_seats_within_capacity', expression: 'seats_taken >= 0 and (capacity is null or seats_taken <= capacity)' })
@Check({ name: 'slot_starts_before_end', expression: 'starts_at < ends_at' })
// The programme's page order within a municipality (municipality_id is filled by the database: see the tenancy migration).
@Index({ name: 'slot_municipality_id_starts_at_id_index', expression: 'create index "slot_municipality_id_starts_at_id_index" on "slot" ("municipality_id", "starts_at", "id")' })
// Slots of one activity never overlap, whatever writes run at once.
@Check({ name: 'slot_no_overlap_in_activity', expression: 'exclude using gist (municipality_id with =, activity_id with =, tstzrange(starts_at, ends_at) with &&)' })
@ObjectType({ simpleResolvers: true })
export class Slot {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Activity, deleteRule: 'cascade', index: true }) activity!: Activity;
  @Field(() => Date) @Property({ type: 'datetime' }) startsAt!: Date;
  @Field(() => Date) @Property({ type: 'datetime' }) endsAt!: Date;
  /** Null: drop-in, no booking. */
  @Field(() => Int, { nullable: true }) @Property({ type: 'integer', nullable: true }) capacity: number | null = null;
  @Field(() => Int) @Property({ type: 'integer' }) maxPartySize: Opt<number> = 1;
  @Property({ type: 'integer' }) seatsTaken: Opt<number> = 0;
  /** Next waiting-list number; handed out under the row lock, so it is the true arrival order. */
  @Property({ type: 'integer' }) nextQueueNumber: Opt<number> = 1;
}
