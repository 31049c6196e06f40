import 'reflect-metadata';
import { buildSchema, type PubSub } from 'type-graphql';
import { validateArgument } from './core/validation.js';
import { AccountResolver } from './modules/accounts/index.js';
import { MunicipalityResolver } from './modules/municipalities/index.js';
import { OrganizationResolver } from './modules/organizations/index.js';
import { ActivityResolver, BookingResolver, OpenDaysEditionResolver, SlotResolver } from './modules/open-days/index.js';
import { BaubleCampaignResolver, BaubleSignupEventResolver, BaubleSignupResolver } from './modules/baubles/index.js';
import { FairApplicationResolver, FairResolver } from './modules/fair/index.js';
import { SpeedDatingParticipantResolver, SpeedDatingResolver } from './modules/speed-dating/index.js';
import { PersonalDataResolver } from './modules/personal-data/index.js';
import { PublicNoticesResolver } from './modules/public-notices/index.js';
import { FailedMessageResolver } from './modules/messages/index.js';

/** Every resolver of the API. Modules add theirs here. */
export const resolvers = [
  MunicipalityResolver, AccountResolver, OrganizationResolver,
  OpenDaysEditionResolver, ActivityResolver, SlotResolver, BookingResolver,
  BaubleCampaignResolver, BaubleSignupResolver, BaubleSignupEventResolver,
  FairResolver, FairApplicationResolver,
  SpeedDatingResolver, SpeedDatingParticipantResolver,
  PersonalDataResolver, PublicNoticesResolver,
  FailedMessageResolver,
] as const;

export function buildAppSchema(pubSub: PubSub) {
  return buildSchema({ resolvers, validateFn: validateArgument, pubSub });
}
