import { Session, User } from './modules/accounts/index.js';
import { Municipality } from './modules/municipalities/index.js';
import { Membership, Organization } from './modules/organizations/index.js';
import { Activity, Booking, CalendarFeed, OpenDaysEdition, Slot } from './modules/open-days/index.js';
import { OutboxMessage } from './core/outbox/index.js';
import { BaubleCampaign, BaubleSignup, BaubleSignupEvent, Greeting, PickupWindow } from './modules/baubles/index.js';
import { Fair, FairApplication, Stand, StandAssignment } from './modules/fair/index.js';
import { SpeedDatingMeeting, SpeedDatingParticipant, SpeedDatingSession } from './modules/speed-dating/index.js';
import { RetentionSettings } from './modules/personal-data/index.js';
import { AccessibilityStatement, PrivacyNotice } from './modules/public-notices/index.js';

/** Every entity of the app, for the ORM. Modules add theirs here. */
export const entities = [
  Municipality, User, Session, OutboxMessage, Organization, Membership,
  OpenDaysEdition, Activity, Slot, Booking, CalendarFeed,
  BaubleCampaign, PickupWindow, BaubleSignup, BaubleSignupEvent, Greeting,
  Fair, Stand, FairApplication, StandAssignment,
  SpeedDatingSession, SpeedDatingParticipant, SpeedDatingMeeting,
  RetentionSettings, PrivacyNotice, AccessibilityStatement,
];
