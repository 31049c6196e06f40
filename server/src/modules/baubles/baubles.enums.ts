import { registerEnumType } from 'type-graphql';
import { Lifecycle } from '../../core/lifecycle.js';

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** Sign-ups open once; closing them can be undone (e.g. when baubles come back early), a draft cannot return. */
export const campaignLifecycle = new Lifecycle<CampaignStatus>('The campaign', {
  [CampaignStatus.DRAFT]: [CampaignStatus.OPEN],
  [CampaignStatus.OPEN]: [CampaignStatus.CLOSED],
  [CampaignStatus.CLOSED]: [CampaignStatus.OPEN],
});

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

/** A bauble's way: reserved (or waiting), handed out at the desk, brought back (late: overdue first). */
export const signupLifecycle = new Lifecycle<SignupStatus>('The sign-up', {
  [SignupStatus.WAITLISTED]: [SignupStatus.RESERVED, SignupStatus.CANCELLED],
  [SignupStatus.RESERVED]: [SignupStatus.PICKED_UP, SignupStatus.CANCELLED],
  [SignupStatus.PICKED_UP]: [SignupStatus.RETURNED, SignupStatus.OVERDUE],
  [SignupStatus.OVERDUE]: [SignupStatus.RETURNED],
  [SignupStatus.RETURNED]: [],
  [SignupStatus.CANCELLED]: [],
});

export enum GreetingStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(CampaignStatus, { name: 'BaubleCampaignStatus' });
registerEnumType(SignupKind, { name: 'BaubleSignupKind' });
registerEnumType(SignupStatus, { name: 'BaubleSignupStatus' });
registerEnumType(GreetingStatus, { name: 'GreetingStatus' });
