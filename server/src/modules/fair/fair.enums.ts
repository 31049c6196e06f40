import { registerEnumType } from 'type-graphql';
import { Lifecycle } from '../../core/lifecycle.js';

export enum FairStatus {
  DRAFT = 'DRAFT',
  APPLICATIONS_OPEN = 'APPLICATIONS_OPEN',
  ALLOCATING = 'ALLOCATING',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}

/**
 * Prepared, taking applications, stands being allocated, plan public, over. Staff may reopen
 * applications while allocating, and unpublish the plan to change it (back to allocating).
 */
export const fairLifecycle = new Lifecycle<FairStatus>('The fair', {
  [FairStatus.DRAFT]: [FairStatus.APPLICATIONS_OPEN],
  [FairStatus.APPLICATIONS_OPEN]: [FairStatus.DRAFT, FairStatus.ALLOCATING],
  [FairStatus.ALLOCATING]: [FairStatus.APPLICATIONS_OPEN, FairStatus.PUBLISHED],
  [FairStatus.PUBLISHED]: [FairStatus.ALLOCATING, FairStatus.CLOSED],
  [FairStatus.CLOSED]: [],
});

export enum StandZone {
  CHILDREN = 'CHILDREN',
  SPORT = 'SPORT',
  HEALTH = 'HEALTH',
  CULTURE = 'CULTURE',
  ECOLOGY = 'ECOLOGY',
  SOCIAL = 'SOCIAL',
}

export enum TentNeed {
  /** The organisation brings its own tent. */
  OWN_TENT = 'OWN_TENT',
  /** The stand must come with a tent. */
  TENT_NEEDED = 'TENT_NEEDED',
  NO_TENT = 'NO_TENT',
}

export enum ApplicationStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  WAITLISTED = 'WAITLISTED',
  REJECTED = 'REJECTED',
}

registerEnumType(FairStatus, { name: 'FairStatus' });
registerEnumType(StandZone, { name: 'StandZone' });
registerEnumType(TentNeed, { name: 'TentNeed' });
registerEnumType(ApplicationStatus, { name: 'FairApplicationStatus' });
