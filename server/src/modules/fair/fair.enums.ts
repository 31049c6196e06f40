import { registerEnumType } from 'type-graphql';

export enum FairStatus {
  DRAFT = 'DRAFT',
  APPLICATIONS_OPEN = 'APPLICATIONS_OPEN',
  ALLOCATING = 'ALLOCATING',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}

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
