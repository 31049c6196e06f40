import { registerEnumType } from 'type-graphql';

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** Who signs up: each kind has its own per-sign-up limit. */
export enum SignupKind {
  ORGANIZATION = 'ORGANIZATION',
  INSTITUTION = 'INSTITUTION',
  RESIDENT = 'RESIDENT',
}

/** WAITLISTED → RESERVED → PICKED_UP → RETURNED; or CANCELLED; PICKED_UP past the deadline → OVERDUE. */
export enum SignupStatus {
  WAITLISTED = 'WAITLISTED',
  RESERVED = 'RESERVED',
  PICKED_UP = 'PICKED_UP',
  RETURNED = 'RETURNED',
  CANCELLED = 'CANCELLED',
  OVERDUE = 'OVERDUE',
}

export enum GreetingStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(CampaignStatus, { name: 'BaubleCampaignStatus' });
registerEnumType(SignupKind, { name: 'BaubleSignupKind' });
registerEnumType(SignupStatus, { name: 'BaubleSignupStatus' });
registerEnumType(GreetingStatus, { name: 'GreetingStatus' });
