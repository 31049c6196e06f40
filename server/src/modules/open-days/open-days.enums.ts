import { registerEnumType } from 'type-graphql';
import { Lifecycle } from '../../core/lifecycle.js';

/** DRAFT: staff prepare; OPEN: organisations submit activities; PUBLISHED: residents book; CLOSED: over. */
export enum EditionStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}

/** Prepared, taking activities, programme public and bookable, over. Before publishing it can go back to a draft. */
export const editionLifecycle = new Lifecycle<EditionStatus>('The edition', {
  [EditionStatus.DRAFT]: [EditionStatus.OPEN],
  [EditionStatus.OPEN]: [EditionStatus.DRAFT, EditionStatus.PUBLISHED],
  [EditionStatus.PUBLISHED]: [EditionStatus.CLOSED],
  [EditionStatus.CLOSED]: [],
});

export enum ActivityType {
  WORKSHOP = 'WORKSHOP',
  SHOW = 'SHOW',
  CONSULTATION = 'CONSULTATION',
  CONTEST = 'CONTEST',
  OPEN_OFFICE = 'OPEN_OFFICE',
  OTHER = 'OTHER',
}

export enum Audience {
  EVERYONE = 'EVERYONE',
  CHILDREN = 'CHILDREN',
  YOUTH = 'YOUTH',
  SENIORS = 'SENIORS',
  FAMILIES = 'FAMILIES',
}

/** Staff approve activities before they are public. */
export enum ActivityStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum BookingStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  CANCELLED_BY_ORGANIZER = 'CANCELLED_BY_ORGANIZER',
}

export enum Attendance {
  ATTENDED = 'ATTENDED',
  NO_SHOW = 'NO_SHOW',
}

registerEnumType(EditionStatus, { name: 'EditionStatus' });
registerEnumType(ActivityType, { name: 'ActivityType' });
registerEnumType(Audience, { name: 'Audience' });
registerEnumType(ActivityStatus, { name: 'ActivityStatus' });
registerEnumType(BookingStatus, { name: 'BookingStatus' });
registerEnumType(Attendance, { name: 'Attendance' });
