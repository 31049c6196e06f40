import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { isEntity, readOrCompute } from '../../core/db/json-read.js';
import { selectionOf } from '../../core/graphql/selection.js';
import { callerOf, type RequestContext } from '../../core/context.js';
import { ConnectionType } from '../../core/pagination.js';
import { Organization, organizationsById } from '../organizations/index.js';
import { Activity } from './activity.entity.js';
import * as activities from './activity.service.js';
import { OpenDaysEdition } from './edition.entity.js';
import * as editions from './edition.service.js';
import { ActivityStatus, EditionStatus } from './open-days.enums.js';
import { EditionInput, ProgrammeFilter, SlotInput, SubmitActivityInput, UpdateActivityInput } from './open-days.inputs.js';
import { activitiesById, activeBookingByViewerAndSlot, slotsByActivity, waitlistCountBySlot } from './open-days.loaders.js';
import { OpenDaysTotals, OpenDaysTotalsRow } from './open-days.types.js';
import { type ActivityRow, programmeSlots, type SlotRow } from './programme.service.js';
import { activityAttendeesCsv, openDaysTotals } from './report.service.js';
import { Booking } from './booking.entity.js';
import { Slot } from './slot.entity.js';

const SlotConnection = ConnectionType(Slot);

@Resolver(() => OpenDaysEdition)
export class OpenDaysEditionResolver {
  @Query(() => [OpenDaysEdition], { description: 'Open Days editions, newest first (drafts for staff only).' })
  openDaysEditions(@Ctx() ctx: RequestContext) {
    return editions.listEditions(ctx.em, callerOf(ctx));
  }

  @Query(() => OpenDaysEdition)
  openDaysEdition(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return editions.findEdition(ctx.em, callerOf(ctx), id);
  }

  @Mutation(() => OpenDaysEdition, { description: 'Staff: a new edition, in DRAFT.' })
  createOpenDaysEdition(@Arg('input', () => EditionInput) input: EditionInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => editions.createEdition(em, callerOf(ctx), input));
  }

  @Mutation(() => OpenDaysEdition)
  updateOpenDaysEdition(@Arg('id', () => ID) id: string, @Arg('input', () => EditionInput) input: EditionInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => editions.updateEdition(em, callerOf(ctx), id, input));
  }

  @Mutation(() => OpenDaysEdition, { description: 'Staff: OPEN takes submissions, PUBLISHED opens booking, CLOSED ends it.' })
  setOpenDaysEditionStatus(@Arg('id', () => ID) id: string, @Arg('status', () => EditionStatus) status: EditionStatus, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => editions.setEditionStatus(em, callerOf(ctx), id, status));
  }

  @Query(() => SlotConnection, { description: 'The programme: slots of approved activities in time order.' })
  openDaysProgramme(
    @Arg('editionId', () => ID) editionId: string,
    @Arg('filter', () => ProgrammeFilter, { nullable: true }) filter: ProgrammeFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return programmeSlots(ctx.em, callerOf(ctx), editionId, filter ?? {}, first, after, selectionOf(info));
  }

  @Query(() => [Activity], { description: "An edition's activities: an organisation's own (for its members), all (staff), or approved ones." })
  openDaysActivities(
    @Arg('editionId', () => ID) editionId: string,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return activities.listActivities(ctx.em, callerOf(ctx), editionId, organizationId);
  }

  @Query(() => OpenDaysTotals, { description: 'Staff: seats booked and attended per organisation and per day.' })
  async openDaysTotals(@Arg('editionId', () => ID) editionId: string, @Ctx() ctx: RequestContext): Promise<OpenDaysTotals> {
    const totals = await openDaysTotals(ctx.em, callerOf(ctx), editionId);
    const rows = (list: object[]) => list.map((r) => Object.assign(new OpenDaysTotalsRow(), r));
    return { byOrganization: rows(totals.byOrganization), byDay: rows(totals.byDay) };
  }

  @Query(() => String, { description: "Organisers: an activity's attendee lists as CSV." })
  openDaysAttendeesCsv(@Arg('activityId', () => ID) activityId: string, @Ctx() ctx: RequestContext) {
    return activityAttendeesCsv(ctx.em, callerOf(ctx), activityId);
  }

  @Mutation(() => Activity, { description: "Organisation members submit an activity (place defaults to the organisation's address)." })
  submitOpenDaysActivity(@Arg('input', () => SubmitActivityInput) input: SubmitActivityInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => activities.submitActivity(em, callerOf(ctx), input));
  }

  @Mutation(() => Activity)
  updateOpenDaysActivity(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateActivityInput) input: UpdateActivityInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => activities.updateActivity(em, callerOf(ctx), id, input));
  }

  @Mutation(() => Activity, { description: 'Staff: approve (make public) or reject an activity.' })
  reviewOpenDaysActivity(@Arg('id', () => ID) id: string, @Arg('status', () => ActivityStatus) status: ActivityStatus, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => activities.reviewActivity(em, callerOf(ctx), id, status));
  }

  @Mutation(() => Slot)
  addOpenDaysSlot(@Arg('input', () => SlotInput) input: SlotInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => activities.addSlot(em, callerOf(ctx), input));
  }

  @Mutation(() => Boolean)
  removeOpenDaysSlot(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => activities.removeSlot(em, callerOf(ctx), id));
  }
}

@Resolver(() => Activity)
export class ActivityResolver {
  @FieldResolver(() => Organization)
  organization(@Root() activity: Activity | ActivityRow, @Ctx() ctx: RequestContext) {
    // The programme's rows bring their organisation along.
    return isEntity(activity, Activity) ? ctx.loaders.get(organizationsById).load(activity.organization.id) : activity.organization;
  }

  @FieldResolver(() => [Slot])
  slots(@Root() activity: Activity | ActivityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.get(slotsByActivity).load(activity.id);
  }
}

@Resolver(() => Slot)
export class SlotResolver {
  // Programme rows come with these computed in SQL (programme.service.ts); entities compute them here.
  @FieldResolver(() => Activity)
  activity(@Root() slot: Slot | SlotRow, @Ctx() ctx: RequestContext) {
    return readOrCompute(slot, Slot, 'activity', (s) => ctx.loaders.get(activitiesById).load(s.activity.id));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats still free; null for drop-in slots.' })
  seatsLeft(@Root() slot: Slot | SlotRow) {
    return readOrCompute(slot, Slot, 'seatsLeft', (s) => (s.capacity === null ? null : s.capacity - s.seatsTaken));
  }

  @FieldResolver(() => Int, { description: 'Seats taken by confirmed bookings.' })
  confirmedSeats(@Root() slot: Slot | SlotRow) {
    return readOrCompute(slot, Slot, 'confirmedSeats', (s) => s.seatsTaken);
  }

  @FieldResolver(() => Int, { description: 'Entries on the waiting list.' })
  waitlisted(@Root() slot: Slot | SlotRow, @Ctx() ctx: RequestContext) {
    return readOrCompute(slot, Slot, 'waitlisted', (s) => ctx.loaders.get(waitlistCountBySlot).load(s.id));
  }

  @FieldResolver(() => Boolean, { description: 'Bookable now: not drop-in and not started.' })
  bookable(@Root() slot: Slot | SlotRow) {
    return readOrCompute(slot, Slot, 'bookable', (s) => s.capacity !== null && s.startsAt > new Date());
  }

  @FieldResolver(() => Booking, { nullable: true, description: "The signed-in person's active booking here." })
  viewerBooking(@Root() slot: Slot | SlotRow, @Ctx() ctx: RequestContext) {
    if (!ctx.actor) return null;
    const viewer = ctx.actor.userId;
    return readOrCompute(slot, Slot, 'viewerBooking', (s) => ctx.loaders.get(activeBookingByViewerAndSlot).load(`${viewer}:${s.id}`));
  }
}
