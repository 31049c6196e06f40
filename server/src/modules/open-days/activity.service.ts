import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, can } from '../../core/auth/policy.js';
import { toAddress } from '../../core/address.js';
import type { Caller } from '../../core/context.js';
import { violatedConstraint } from '../../core/db/constraints.js';
import { conflict, type FieldProblem, inputError, notFound } from '../../core/errors.js';
import { formatWarsaw, nextDate, warsawTimeToInstant } from '../../core/time.js';
import { organizationInMunicipality, OrganizationStatus } from '../organizations/index.js';
import { Activity } from './activity.entity.js';
import { Booking } from './booking.entity.js';
import { findEdition } from './edition.service.js';
import { ActivityStatus, BookingStatus, EditionStatus } from './open-days.enums.js';
import type { SlotInput, SubmitActivityInput, UpdateActivityInput } from './open-days.inputs.js';
import { Slot } from './slot.entity.js';

/** An activity of the caller's municipality the caller may organise (its organisation's members, staff). */
export async function activityToOrganize(em: EntityManager, caller: Caller, id: string): Promise<Activity> {
  const activity = await em.findOne(Activity, { id, edition: { municipality: caller.municipality.id } }, { populate: ['edition'] });
  if (!activity) throw notFound('Activity');
  authorize(caller.actor, 'openDays.organize', { organizationId: activity.organization.id });
  return activity;
}

export async function submitActivity(em: EntityManager, caller: Caller, input: SubmitActivityInput): Promise<Activity> {
  authorize(caller.actor, 'openDays.organize', { organizationId: input.organizationId });
  const edition = await findEdition(em, caller, input.editionId);
  const organization = await organizationInMunicipality(em, caller, input.organizationId);
  if (organization.status !== OrganizationStatus.PUBLISHED) {
    throw conflict('NOT_PUBLISHED', 'Only organisations published in the directory can take part in Open Days.');
  }
  const now = new Date();
  const windowOpen = edition.status === EditionStatus.OPEN && now >= edition.submissionsOpenAt && now <= edition.submissionsCloseAt;
  if (!windowOpen && !can(caller.actor, 'openDays.bypassSubmissionWindow')) {
    throw conflict('SUBMISSIONS_CLOSED', 'Activities can be submitted only while the edition takes submissions.');
  }
  const activity = em.create(Activity, {
    edition,
    organization,
    title: input.title.trim(),
    type: input.type,
    description: input.description.trim(),
    place: input.place ? toAddress(input.place) : { ...organization.address },
    placeNotes: input.placeNotes?.trim() || null,
    audience: input.audience,
    accessibilityNotes: input.accessibilityNotes?.trim() || null,
  });
  await em.flush();
  return activity;
}

export async function updateActivity(em: EntityManager, caller: Caller, id: string, input: UpdateActivityInput): Promise<Activity> {
  const activity = await activityToOrganize(em, caller, id);
  if (input.title !== undefined) activity.title = input.title.trim();
  if (input.type !== undefined) activity.type = input.type;
  if (input.description !== undefined) activity.description = input.description.trim();
  if (input.place) activity.place = toAddress(input.place);
  if (input.placeNotes !== undefined) activity.placeNotes = input.placeNotes?.trim() || null;
  if (input.audience !== undefined) activity.audience = input.audience;
  if (input.accessibilityNotes !== undefined) activity.accessibilityNotes = input.accessibilityNotes?.trim() || null;
  await em.flush();
  return activity;
}

export async function reviewActivity(em: EntityManager, caller: Caller, id: string, status: ActivityStatus): Promise<Activity> {
  authorize(caller.actor, 'openDays.reviewActivities');
  const activity = await em.findOne(Activity, { id, edition: { municipality: caller.municipality.id } });
  if (!activity) throw notFound('Activity');
  activity.status = status;
  await em.flush();
  return activity;
}

/** Activities of one edition: staff see all (for review), organisers their organisation's, others approved ones. */
export function listActivities(em: EntityManager, caller: Caller, editionId: string, organizationId?: string | null) {
  const mayOrganize = organizationId ? can(caller.actor, 'openDays.organize', { organizationId }) : can(caller.actor, 'openDays.reviewActivities');
  return em.find(
    Activity,
    {
      edition: { id: editionId, municipality: caller.municipality.id },
      ...(organizationId ? { organization: organizationId } : {}),
      ...(mayOrganize ? {} : { status: ActivityStatus.APPROVED }),
    },
    { orderBy: { createdAt: 'asc' } },
  );
}

const SLOT_OVERLAP = 'slot_no_overlap_in_activity';

export async function addSlot(em: EntityManager, caller: Caller, input: SlotInput): Promise<Slot> {
  const activity = await activityToOrganize(em, caller, input.activityId);
  const edition = activity.edition;
  const problems: FieldProblem[] = [];
  if (input.endsAt <= input.startsAt) problems.push({ field: 'endsAt', code: 'beforeStart', message: 'A slot must end after it starts.' });
  const first = warsawTimeToInstant(edition.startsOn);
  const afterLast = warsawTimeToInstant(nextDate(edition.endsOn));
  if (input.startsAt < first || input.endsAt > afterLast) {
    problems.push({ field: 'startsAt', code: 'outsideEdition', message: `Slots must fall between ${edition.startsOn} and ${edition.endsOn}.` });
  }
  if (input.capacity != null && input.maxPartySize > input.capacity) {
    problems.push({ field: 'maxPartySize', code: 'aboveCapacity', message: 'A party cannot be larger than the capacity.' });
  }
  if (problems.length) throw inputError(problems);

  const clash = await em.findOne(Slot, { activity, startsAt: { $lt: input.endsAt }, endsAt: { $gt: input.startsAt } });
  if (clash) throw overlapError(clash);
  const slot = em.create(Slot, {
    activity,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity ?? null,
    maxPartySize: input.capacity == null ? 1 : input.maxPartySize,
  });
  try {
    await em.flush();
  } catch (error) {
    if (violatedConstraint(error) === SLOT_OVERLAP) throw overlapError();
    throw error;
  }
  return slot;
}

function overlapError(existing?: Slot) {
  const when = existing ? ` (${formatWarsaw(existing.startsAt)})` : '';
  return conflict('OVERLAP', `Slots of one activity cannot overlap: another slot${when} covers this time.`, { field: 'startsAt' });
}

/** Removes a slot nobody is booked on (organisers cancel bookings first, which tells the residents). */
export async function removeSlot(em: EntityManager, caller: Caller, slotId: string): Promise<boolean> {
  const slot = await em.findOne(Slot, { id: slotId, activity: { edition: { municipality: caller.municipality.id } } });
  if (!slot) throw notFound('Slot');
  await activityToOrganize(em, caller, slot.activity.id);
  const active = await em.count(Booking, { slot, status: { $in: [BookingStatus.CONFIRMED, BookingStatus.WAITLISTED] } });
  if (active) throw conflict('HAS_BOOKINGS', 'People are booked on this slot; cancel their bookings first so they are told.');
  em.remove(slot);
  await em.flush();
  return true;
}
