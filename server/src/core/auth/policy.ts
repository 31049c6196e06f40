import { forbidden, unauthenticated } from '../errors.js';
import { MembershipRole, Role } from './roles.js';

/** Who is calling: resolved once per request from the session cookie. */
export interface Actor {
  userId: string;
  municipalityId: string;
  role: Role;
  /** organisation id -> role in it */
  memberships: ReadonlyMap<string, MembershipRole>;
}

export const isStaff = (actor: Actor) => actor.role === Role.STAFF || actor.role === Role.ADMIN;
const memberOf = (actor: Actor, organizationId: string) => actor.memberships.has(organizationId);
const ownerOf = (actor: Actor, organizationId: string) =>
  actor.memberships.get(organizationId) === MembershipRole.OWNER;
const memberOrStaff = (a: Actor, s: OrganizationSubject) => isStaff(a) || memberOf(a, s.organizationId);

interface OrganizationSubject {
  organizationId: string;
}

/**
 * Every authorisation rule of the product, in one table. Resolvers and services name an action;
 * they never test roles themselves, so the rules can be read and tested here.
 */
const rules = {
  'organization.register': () => true,
  'organization.update': memberOrStaff,
  'organization.viewMembers': memberOrStaff,
  'organization.viewUnpublished': memberOrStaff,
  'organization.manageMembers': (a: Actor, s: OrganizationSubject) => isStaff(a) || ownerOf(a, s.organizationId),
  'organization.moderate': (a: Actor) => isStaff(a),
  'organization.export': (a: Actor) => isStaff(a),
  'account.setRole': (a: Actor) => a.role === Role.ADMIN,
  // Personal data: everyone signed in downloads and deletes their own; staff set how long data is kept
  // and write the privacy notice and the accessibility statement.
  'personalData.exportOwn': () => true,
  'personalData.eraseOwn': () => true,
  'personalData.manageRetention': (a: Actor) => isStaff(a),
  'publicNotices.edit': (a: Actor) => isStaff(a),
  // Open Days: staff run editions and approve activities; an organisation's members submit its
  // activities and slots and run them on the day (attendees, check-in); anyone signed in books.
  'openDays.manageEditions': (a: Actor) => isStaff(a),
  'openDays.seeDraftEditions': (a: Actor) => isStaff(a),
  'openDays.reviewActivities': (a: Actor) => isStaff(a),
  'openDays.bypassSubmissionWindow': (a: Actor) => isStaff(a),
  'openDays.organize': memberOrStaff,
  'openDays.book': () => true,
  'openDays.manageOwnBooking': (a: Actor, s: { bookingUserId: string }) => a.userId === s.bookingUserId,
  'openDays.viewReport': (a: Actor) => isStaff(a),
  // Christmas tree: staff run the campaign and the desk; members sign up their organisation;
  // residents sign up themselves or an institution they act for.
  'baubles.manage': (a: Actor) => isStaff(a),
  // NGO Fair: staff run fairs, layouts, reviews and allocation; members apply for their organisation.
  'fair.manage': (a: Actor) => isStaff(a),
  'fair.apply': memberOrStaff,
  // Speed dating: staff run sessions; members register for their organisation; officials for themselves.
  'speedDating.manage': (a: Actor) => isStaff(a),
  'speedDating.registerForOrganization': memberOrStaff,
  'speedDating.registerAsOfficial': (a: Actor) => a.role === Role.OFFICIAL || isStaff(a),
  'baubles.signUpOrganization': memberOrStaff,
  'baubles.signUp': () => true,
  'baubles.manageOwnSignup': (a: Actor, s: { signupUserId: string }) => a.userId === s.signupUserId,
  // Notification e-mails that failed after every retry: staff see them and send them again.
  'messages.manage': (a: Actor) => isStaff(a),
  'account.viewPrivate': (a: Actor, s: { userId: string }) => isStaff(a) || a.userId === s.userId,
} satisfies Record<string, (actor: Actor, subject: never) => boolean>;

export type Action = keyof typeof rules;
type SubjectOf<A extends Action> = Parameters<(typeof rules)[A]>[1];
type SubjectArgs<A extends Action> = SubjectOf<A> extends undefined ? [] : [subject: SubjectOf<A>];

export function can<A extends Action>(actor: Actor | null, action: A, ...subject: SubjectArgs<A>): boolean {
  if (!actor) return false;
  const rule = rules[action] as (actor: Actor, subject: unknown) => boolean;
  return rule(actor, subject[0]);
}

/** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN when the rule says no; returns the actor. */
export function authorize<A extends Action>(actor: Actor | null, action: A, ...subject: SubjectArgs<A>): Actor {
  if (!actor) throw unauthenticated();
  if (!can(actor, action, ...subject)) throw forbidden();
  return actor;
}
