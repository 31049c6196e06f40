import { registerEnumType } from 'type-graphql';

export enum DatingMode {
  NGO_TO_OFFICIAL = 'NGO_TO_OFFICIAL',
  EVERYONE = 'EVERYONE',
}

export enum DatingSide {
  NGO = 'NGO',
  OFFICIAL = 'OFFICIAL',
}

export enum ParticipantPresence {
  REGISTERED = 'REGISTERED',
  NO_SHOW = 'NO_SHOW',
  LEFT = 'LEFT',
}

registerEnumType(DatingMode, { name: 'DatingMode' });
registerEnumType(DatingSide, { name: 'DatingSide' });
registerEnumType(ParticipantPresence, { name: 'ParticipantPresence' });
