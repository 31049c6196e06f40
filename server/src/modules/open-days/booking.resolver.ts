import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { callerOf, type RequestContext } from '../../core/context.js';
import { RateLimited } from '../../core/graphql/rate-limited.js';
import { commitThenPublish, sameMunicipality } from '../../core/live.js';
import { usersById } from '../accounts/index.js';
import { Booking } from './booking.entity.js';
import * as bookings from './booking.service.js';
import { AttendanceInput, BookSlotInput } from './open-days.inputs.js';
import { slotsById } from './open-days.loaders.js';
import { MyPlan, SLOT_SEATS_TOPIC, SlotSeats } from './open-days.types.js';
import { calendarFeedToken, enableCalendarFeed } from './plan.service.js';
import { slotAttendees } from './report.service.js';
import { Slot } from './slot.entity.js';

const calendarPath = (token: string | null) => (token ? `/calendar/${token}.ics` : null);

@Resolver(() => Booking)
export class BookingResolver {
  /** A booking change, then the slot's new seat count for live subscribers. */
  private async change(ctx: RequestContext, run: (em: RequestContext['em']) => Promise<bookings.BookingOutcome>, options?: { transaction?: 'own' }) {
    const { booking } = await commitThenPublish(ctx, run, ({ seats }) => [bookings.seatsEvent(seats)], options);
    return booking;
  }

  @Mutation(() => Booking, { description: 'Book a slot: CONFIRMED while seats remain, else WAITLISTED (or FULL error when waitlistIfFull is false).' })
  @RateLimited('writesPerAccount')
  bookOpenDaysSlot(@Arg('input', () => BookSlotInput) input: BookSlotInput, @Ctx() ctx: RequestContext) {
    return this.change(ctx, (em) => bookings.bookSlot(em, callerOf(ctx), input), { transaction: 'own' });
  }

  @Mutation(() => Booking, { description: 'Cancel your booking; freed seats go to the waiting list at once.' })
  @RateLimited('writesPerAccount')
  cancelOpenDaysBooking(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.change(ctx, (em) => bookings.cancelBooking(em, callerOf(ctx), id));
  }

  @Mutation(() => Booking, { description: "Organisers: cancel someone's booking (they are told)." })
  cancelOpenDaysBookingAsOrganizer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.change(ctx, (em) => bookings.cancelBookingAsOrganizer(em, callerOf(ctx), id));
  }

  @Mutation(() => Booking, { description: 'Organisers: check someone in by booking code.' })
  checkInOpenDaysBooking(@Arg('code', () => String) code: string, @Arg('slotId', () => ID, { nullable: true }) slotId: string | null, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => bookings.checkInByCode(em, callerOf(ctx), code, slotId));
  }

  @Mutation(() => Booking, { description: 'Organisers: mark ATTENDED or NO_SHOW from the list.' })
  markOpenDaysAttendance(@Arg('input', () => AttendanceInput) input: AttendanceInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => bookings.markAttendance(em, callerOf(ctx), input.bookingId, input.attendance));
  }

  @Query(() => [Booking], { description: 'My plan: my confirmed and waiting bookings in time order.' })
  myOpenDaysBookings(@Ctx() ctx: RequestContext) {
    return bookings.myBookings(ctx.em, callerOf(ctx));
  }

  @Query(() => MyPlan)
  async myOpenDaysPlan(@Ctx() ctx: RequestContext): Promise<MyPlan> {
    return { calendarPath: calendarPath(await calendarFeedToken(ctx.em, callerOf(ctx))) };
  }

  @Mutation(() => MyPlan, { description: 'Creates (once) the private calendar feed of my plan.' })
  async enableOpenDaysCalendar(@Ctx() ctx: RequestContext): Promise<MyPlan> {
    return { calendarPath: calendarPath(await ctx.em.transactional((em) => enableCalendarFeed(em, callerOf(ctx)))) };
  }

  @Query(() => [Booking], { description: 'Organisers: who is booked on a slot (confirmed, then the waiting list).' })
  openDaysSlotAttendees(@Arg('slotId', () => ID) slotId: string, @Ctx() ctx: RequestContext) {
    return slotAttendees(ctx.em, callerOf(ctx), slotId);
  }

  @Subscription(() => SlotSeats, {
    topics: SLOT_SEATS_TOPIC,
    topicId: ({ args }) => args.editionId,
    filter: sameMunicipality,
    description: 'Seats left and waiting-list length of slots of an edition, whenever bookings change.',
  })
  openDaysSeatsChanged(@Root() payload: SlotSeats, @Arg('editionId', () => ID) _editionId: string): SlotSeats {
    return payload;
  }

  @FieldResolver(() => Slot)
  slot(@Root() booking: bookings.BookingRecord, @Ctx() ctx: RequestContext) {
    return ctx.loaders.get(slotsById).load(booking.slot.id);
  }

  @FieldResolver(() => String, { description: 'Name of the person who booked (organisers see it on their lists).' })
  async holderName(@Root() booking: bookings.BookingRecord, @Ctx() ctx: RequestContext) {
    return booking.user ? ((await ctx.loaders.get(usersById).load(booking.user.id))?.displayName ?? '') : '';
  }
}
