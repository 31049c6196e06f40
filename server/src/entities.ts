import { Session, User } from './modules/accounts/index.js';
import { Municipality } from './modules/municipalities/index.js';
import { Membership, Organization } from './modules/organizations/index.js';

/** Every entity of the app, for the ORM. Modules add theirs here. */
export const entities = [Municipality, User, Session, Organization, Membership];
