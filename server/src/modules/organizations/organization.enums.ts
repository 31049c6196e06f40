import { registerEnumType } from 'type-graphql';
import { Lifecycle } from '../../core/lifecycle.js';

export enum LegalForm {
  FOUNDATION = 'FOUNDATION',
  ASSOCIATION = 'ASSOCIATION',
  ORDINARY_ASSOCIATION = 'ORDINARY_ASSOCIATION',
  SPORTS_CLUB = 'SPORTS_CLUB',
  VOLUNTEER_FIRE_BRIGADE = 'VOLUNTEER_FIRE_BRIGADE',
  SOCIAL_COOPERATIVE = 'SOCIAL_COOPERATIVE',
  INFORMAL_GROUP = 'INFORMAL_GROUP',
  EDUCATIONAL_INSTITUTION = 'EDUCATIONAL_INSTITUTION',
  CULTURAL_INSTITUTION = 'CULTURAL_INSTITUTION',
  HOUSING_COOPERATIVE_CLUB = 'HOUSING_COOPERATIVE_CLUB',
}

/** Public-benefit spheres (sfery pożytku publicznego), grouped as the office's guide groups them. */
export enum ActivityArea {
  DISABILITY = 'DISABILITY',
  HEALTH = 'HEALTH',
  CHILDREN_AND_YOUTH = 'CHILDREN_AND_YOUTH',
  SENIORS = 'SENIORS',
  FAMILY_AND_VIOLENCE_PREVENTION = 'FAMILY_AND_VIOLENCE_PREVENTION',
  SOCIAL_ASSISTANCE = 'SOCIAL_ASSISTANCE',
  EDUCATION = 'EDUCATION',
  CULTURE_AND_HERITAGE = 'CULTURE_AND_HERITAGE',
  SPORT_AND_TOURISM = 'SPORT_AND_TOURISM',
  ECOLOGY_AND_ANIMALS = 'ECOLOGY_AND_ANIMALS',
  CIVIC_ACTIVITY = 'CIVIC_ACTIVITY',
  VOLUNTEERING = 'VOLUNTEERING',
  SAFETY_AND_RESCUE = 'SAFETY_AND_RESCUE',
}

export enum AccessibilityFeature {
  STEP_FREE_ENTRANCE = 'STEP_FREE_ENTRANCE',
  LIFT = 'LIFT',
  ACCESSIBLE_TOILET = 'ACCESSIBLE_TOILET',
  INDUCTION_LOOP = 'INDUCTION_LOOP',
  ACCESSIBLE_PARKING = 'ACCESSIBLE_PARKING',
  SIGN_LANGUAGE = 'SIGN_LANGUAGE',
}

/** Registered organisations wait (PENDING) until staff verify and publish them. */
export enum OrganizationStatus {
  PENDING = 'PENDING',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

/** Registered, verified and published, archived when it no longer operates (and restorable). */
export const organizationLifecycle = new Lifecycle<OrganizationStatus>('The organisation', {
  [OrganizationStatus.PENDING]: [OrganizationStatus.PUBLISHED, OrganizationStatus.ARCHIVED],
  [OrganizationStatus.PUBLISHED]: [OrganizationStatus.ARCHIVED],
  [OrganizationStatus.ARCHIVED]: [OrganizationStatus.PUBLISHED],
});

registerEnumType(LegalForm, { name: 'LegalForm' });
registerEnumType(ActivityArea, { name: 'ActivityArea' });
registerEnumType(AccessibilityFeature, { name: 'AccessibilityFeature' });
registerEnumType(OrganizationStatus, { name: 'OrganizationStatus' });
