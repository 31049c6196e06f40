import { registerEnumType } from 'type-graphql';

/** Account roles. STAFF are the NGO cooperation office; ADMIN also manages accounts. */
export enum Role {
  RESIDENT = 'RESIDENT',
  OFFICIAL = 'OFFICIAL',
  STAFF = 'STAFF',
  ADMIN = 'ADMIN',
}

/** A user's role inside one organisation. */
export enum MembershipRole {
  OWNER = 'OWNER',
  EDITOR = 'EDITOR',
}

registerEnumType(Role, { name: 'Role' });
registerEnumType(MembershipRole, { name: 'MembershipRole' });
