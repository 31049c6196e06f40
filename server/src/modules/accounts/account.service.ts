import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../../core/auth/policy.js';
import { MembershipRole, Role } from '../../core/auth/roles.js';
import type { MunicipalityScope } from '../../core/context.js';
import { queryPrepared } from '../../core/db/prepared.js';
import { AppError, conflict, fieldError, notFound } from '../../core/errors.js';
import { Municipality } from '../municipalities/index.js';
import type { SetUserRoleInput, SignInInput, SignUpInput } from './account.inputs.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

const SESSION_DAYS = 30;

const normaliseEmail = (email: string) => email.trim().toLowerCase();
export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CreateUserData {
  email: string;
  password: string;
  displayName: string;
  role?: Role;
  phone?: string | null;
  department?: string | null;
}

/** Creates an account; the caller decides the role (sign-up always makes residents). */
export async function createUser(em: EntityManager, municipalityId: string, data: CreateUserData): Promise<User> {
  const email = normaliseEmail(data.email);
  if (await em.count(User, { municipality: municipalityId, email })) {
    throw conflict('DUPLICATE_EMAIL', 'An account with this email already exists.', { field: 'email' });
  }
  const user = em.create(User, {
    municipality: em.getReference(Municipality, municipalityId),
    email,
    passwordHash: await hashPassword(data.password),
    displayName: data.displayName.trim(),
    role: data.role ?? Role.RESIDENT,
    phone: data.phone ?? null,
    department: data.department ?? null,
  });
  await em.flush();
  return user;
}

/** Starts a session and returns the token for the cookie (only its hash is stored). */
export async function startSession(em: EntityManager, user: User): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
  em.create(Session, { tokenHash: hashSessionToken(token), user, expiresAt });
  user.lastSignInAt = new Date();
  await em.flush();
  return { token, expiresAt };
}

export function signUp(em: EntityManager, municipality: MunicipalityScope, input: SignUpInput) {
  return createUser(em, municipality.id, input);
}

export async function signIn(em: EntityManager, municipality: MunicipalityScope, input: SignInInput): Promise<User> {
  const user = await em.findOne(User, { municipality: municipality.id, email: normaliseEmail(input.email) });
  const ok = await verifyPassword(user?.passwordHash ?? dummyPasswordHash, input.password);
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong email or password.');
  return user;
}

export async function endSession(em: EntityManager, token: string | undefined): Promise<void> {
  if (token) await em.nativeDelete(Session, { tokenHash: hashSessionToken(token) });
}

/**
 * Who the session cookie belongs to, when it is valid in this municipality (a session from another
 * municipality counts as anonymous: nothing crosses municipalities): one indexed lookup, no
 * entities. `withUser` adds other modules' facts about the user in the same statement (SQL over the
 * user's id `u.id`, e.g. their memberships), so a request's context costs one round trip at most.
 * The answer says until when the session holds, for whoever remembers it (core/auth/actor-cache.ts).
 */
export async function actorForSession<Extra extends Record<string, unknown> = Record<string, never>>(
  em: EntityManager, tokenHash: string, municipalityId: string, withUser: Record<keyof Extra, string> = {} as Record<keyof Extra, string>,
): Promise<({ userId: string; role: Role; expiresAt: Date } & Extra) | null> {
  const extra = Object.entries(withUser).map(([name, sql]) => `, ${sql} as "${name}"`).join('');
  const [row] = await queryPrepared<{ id: string; role: Role; expires_at: string } & Extra>(
    em,
    `select u.id, u.role, s.expires_at${extra} from session s join "user" u on u.id = s.user_id where s.token_hash = ? and s.expires_at > ? and u.municipality_id = ?`,
    [tokenHash, new Date(), municipalityId],
  );
  if (!row) return null;
  const { id, role, expires_at: expiresAt, ...rest } = row;
  return { userId: id, role, expiresAt: new Date(expiresAt), ...(rest as unknown as Extra) };
}

export function toActor(user: User, memberships: ReadonlyMap<string, MembershipRole>): Actor {
  return { userId: user.id, municipalityId: user.municipality.id, role: user.role, memberships };
}

export async function setUserRole(em: EntityManager, actor: Actor | null, input: SetUserRoleInput): Promise<User> {
  const admin = authorize(actor, 'account.setRole');
  const user = await em.findOne(User, { id: input.userId, municipality: admin.municipalityId });
  if (!user) throw notFound('User');
  user.role = input.role;
  if (input.department !== undefined) user.department = input.department?.trim() || null;
  await em.flush();
  return user;
}

export function findUserByEmail(em: EntityManager, municipalityId: string, email: string) {
  return em.findOne(User, { municipality: municipalityId, email: normaliseEmail(email) });
}

/** Housekeeping: sessions past their expiry are of no use and hold a token hash; remove them. */
export async function removeExpiredSessions(em: EntityManager, now = new Date()): Promise<number> {
  return em.nativeDelete(Session, { expiresAt: { $lte: now } });
}

/**
 * The signed-in person confirms a grave step (deleting their account) with their password. A wrong
 * one is an input error on `password`; callers count it like a failed sign-in.
 */
export async function confirmPassword(em: EntityManager, userId: string, password: string): Promise<User> {
  const user = await em.findOne(User, { id: userId, erasedAt: null });
  const ok = await verifyPassword(user?.passwordHash ?? dummyPasswordHash, password);
  if (!user || !ok) throw fieldError('password', 'wrongPassword', 'The password is not right.');
  return user;
}

/**
 * Turns the account into an anonymous tombstone: no email, name, phone, department or password, and
 * no sessions (every browser is signed out). The row stays, so bookings and sign-ups counted in
 * statistics keep pointing at something; nothing in it tells who it was.
 */
export async function eraseAccountRecord(em: EntityManager, userId: string, now = new Date()): Promise<void> {
  await em.nativeDelete(Session, { user: userId });
  await em.nativeUpdate(User, { id: userId }, {
    email: null, passwordHash: null, displayName: '', phone: null, department: null, role: Role.RESIDENT, erasedAt: now,
  });
}

/**
 * Personal data: resident and official accounts not signed in since `cutoff` and with no live
 * session, for the retention job to erase. Staff accounts are never erased this way.
 */
export async function inactiveAccounts(em: EntityManager, municipalityId: string, cutoff: Date, now: Date): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select u.id from "user" u
     where u.municipality_id = ? and u.erased_at is null and u.role in (?, ?) and coalesce(u.last_sign_in_at, u.created_at) < ?
       and not exists (select 1 from session s where s.user_id = u.id and s.expires_at > ?)
     order by u.id`,
    [municipalityId, Role.RESIDENT, Role.OFFICIAL, cutoff, now],
  );
  return rows.map((row) => row.id);
}
