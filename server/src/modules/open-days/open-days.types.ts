import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';

/** Live seat count of a slot, pushed to subscribers when bookings change. */
@ObjectType({ simpleResolvers: true })
export class SlotSeats {
  @Field(() => ID) slotId!: string;
  @Field(() => ID) editionId!: string;
  @Field(() => Int, { nullable: true, description: 'Null for drop-in slots.' }) seatsLeft!: number | null;
  @Field(() => Int) waitlisted!: number;
  /** Subscribers only get events of their own municipality. */
  municipalityId!: string;
}

@ObjectType({ simpleResolvers: true })
export class OpenDaysTotalsRow {
  @Field(() => String, { description: 'Organisation id, or the Warsaw date.' }) key!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) slots!: number;
  @Field(() => Int) capacity!: number;
  @Field(() => Int) confirmedSeats!: number;
  @Field(() => Int) waitlistedSeats!: number;
  @Field(() => Int) attendedSeats!: number;
  @Field(() => Int) noShowSeats!: number;
  @Field(() => Float, { nullable: true, description: 'Attended / (attended + no-show) seats; null before any check-in.' })
  get attendanceRate(): number | null {
    const marked = this.attendedSeats + this.noShowSeats;
    return marked ? this.attendedSeats / marked : null;
  }
}

@ObjectType({ simpleResolvers: true })
export class OpenDaysTotals {
  @Field(() => [OpenDaysTotalsRow]) byOrganization!: OpenDaysTotalsRow[];
  @Field(() => [OpenDaysTotalsRow]) byDay!: OpenDaysTotalsRow[];
}

@ObjectType({ simpleResolvers: true })
export class MyPlan {
  @Field(() => String, { nullable: true, description: 'Private iCalendar feed URL path, once enabled.' }) calendarPath!: string | null;
}

export const SLOT_SEATS_TOPIC = 'OPEN_DAYS_SLOT_SEATS';
