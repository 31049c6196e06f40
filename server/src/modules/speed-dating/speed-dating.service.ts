import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, can } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { toCsv } from '../../core/csv.js';
import { describeConstraints } from '../../core/db/constraints.js';
import { lockForUpdate } from '../../core/db/locks.js';
import { conflict, fieldError, type FieldProblem, inputError, notFound } from '../../core/errors.js';
import { User } from '../accounts/index.js';
import { Municipality } from '../municipalities/index.js';
import { organizationInMunicipality } from '../organizations/index.js';
import * as clock from './clock.js';
import { type Person, type Plan, planRounds } from './schedule.js';
import { DatingMode, DatingSide, ParticipantPresence } from './speed-dating.enums.js';
import { SpeedDatingMeeting, SpeedDatingParticipant, SpeedDatingSession } from './speed-dating.entity.js';
import { countChanged } from '../../core/db/changed.js';
import type { RegisterInput, SessionInput, WalkInInput } from './speed-dating.inputs.js';


export const timingOf = (s: SpeedDatingSession): clock.Timing => ({ talkMs: s.roundMinutes * 60_000, changeoverMs: s.changeoverSeconds * 1000, rounds: s.roundCount });
export const storedClock = (s: SpeedDatingSession): clock.StoredClock => ({
  status: s.liveStatus, round: s.liveRound, phase: s.livePhase, phaseStartedAt: s.phaseStartedAt, pausedRemainingMs: s.pausedRemainingMs,
});
export const clockNow = (s: SpeedDatingSession, now = new Date()) => clock.clockAt(storedClock(s), timingOf(s), now);

export async function createSession(em: EntityManager, caller: Caller, input: SessionInput): Promise<SpeedDatingSession> {
  authorize(caller.actor, 'speedDating.manage');
  const problems: FieldProblem[] = [];
  if (input.registrationClosesAt > input.startsAt) problems.push({ field: 'registrationClosesAt', code: 'afterStart', message: 'Registration must close before the session starts.' });
  if (problems.length) throw inputError(problems);
  const session = em.create(SpeedDatingSession, { ...input, title: input.title.trim(), municipality: em.getReference(Municipality, caller.municipality.id) });
  await em.flush();
  return session;
}

export async function findSession(em: EntityManager, caller: Caller, id: string, lock = false): Promise<SpeedDatingSession> {
  const session = await em.findOne(SpeedDatingSession, { id, municipality: caller.municipality.id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!session) throw notFound('Session');
  return session;
}

export function listSessions(em: EntityManager, caller: Caller) {
  return em.find(SpeedDatingSession, { municipality: caller.municipality.id }, { orderBy: { startsAt: 'desc' } });
}

// Registering twice at the same moment: the second is refused by the database, and told so.
describeConstraints({
  speed_dating_participant_session_id_user_id_unique: { reason: 'ALREADY_REGISTERED', message: 'You are already registered for this session.' },
});

/** NGO representatives register for an organisation they belong to; officials for themselves. */
export async function register(em: EntityManager, caller: Caller, input: RegisterInput): Promise<SpeedDatingParticipant> {
  const actor = authorize(caller.actor, input.side === DatingSide.NGO ? 'speedDating.registerForOrganization' : 'speedDating.registerAsOfficial',
    { organizationId: input.organizationId ?? '' });
  const session = await findSession(em, caller, input.sessionId, true);
  if (new Date() > session.registrationClosesAt && !can(caller.actor, 'speedDating.manage')) throw conflict('REGISTRATION_CLOSED', 'Registration has closed.');
  const user = await em.findOneOrFail(User, { id: actor.userId });
  let organization = null;
  if (input.side === DatingSide.NGO) {
    if (!input.organizationId) throw fieldError('organizationId', 'required', 'Choose the organisation you represent.');
    organization = await organizationInMunicipality(em, caller, input.organizationId);
  }
  if ((await em.count(SpeedDatingParticipant, { session, side: input.side })) >= session.capacityPerSide) throw conflict('FULL', 'This side of the table is full.');
  const participant = em.create(SpeedDatingParticipant, {
    session, user, name: user.displayName, side: input.side, organization, department: input.side === DatingSide.OFFICIAL ? user.department : null, shareContacts: input.shareContacts,
  });
  await em.flush();
  return participant;
}

export async function addWalkIn(em: EntityManager, caller: Caller, input: WalkInInput): Promise<SpeedDatingParticipant> {
  authorize(caller.actor, 'speedDating.manage');
  const session = await findSession(em, caller, input.sessionId);
  const organization = input.organizationId ? await organizationInMunicipality(em, caller, input.organizationId) : null;
  const participant = em.create(SpeedDatingParticipant, { session, name: input.name.trim(), side: input.side, organization, department: input.department?.trim() || null });
  await em.flush();
  if (clockNow(session).status !== 'NOT_STARTED' || (await em.count(SpeedDatingMeeting, { session }))) await generatePlan(em, caller, session.id);
  return participant;
}

const groupOf = (p: SpeedDatingParticipant) => (p.organization ? `org:${p.organization.id}` : p.department ? `dept:${p.department}` : `person:${p.id}`);
const person = (p: SpeedDatingParticipant): Person => ({ id: p.id, group: groupOf(p), kind: p.side === DatingSide.NGO ? 'NGO' : 'OFFICIAL', name: p.name });

/**
 * (Re)plans the rounds still to come for the people present, in the session's mode. Before the
 * start that is every round; during the session the rounds after the current one, which never
 * change what was played: no pair that already met meets again, and sit-outs are balanced over the
 * whole session (each present person's sit-outs so far are the played rounds without a meeting;
 * the arrival round is not stored, so a late arrival's missed rounds count too and they get
 * partners first).
 */
export async function generatePlan(em: EntityManager, caller: Caller, sessionId: string): Promise<Plan> {
  authorize(caller.actor, 'speedDating.manage');
  return planSession(em, await findSession(em, caller, sessionId, true));
}

/** generatePlan's work, for a session already locked. */
async function planSession(em: EntityManager, session: SpeedDatingSession): Promise<Plan> {
  const now = clockNow(session);
  if (now.status === 'FINISHED') throw conflict('FINISHED', 'The session has ended.');
  const present = await em.find(SpeedDatingParticipant, { session, presence: ParticipantPresence.REGISTERED }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const stationary = present.filter((p) => p.side !== session.movingSide).map(person);
  const moving = present.filter((p) => p.side === session.movingSide).map(person);
  const keepUpTo = now.status === 'NOT_STARTED' ? 0 : Math.min(now.round, session.roundCount);
  const history = await em.find(SpeedDatingMeeting, { session, round: { $lte: keepUpTo } });
  await em.nativeDelete(SpeedDatingMeeting, { session, round: { $gt: keepUpTo } });
  const roundsMet = new Map<string, number>();
  for (const m of history) for (const id of [m.stationary.id, m.moving.id]) roundsMet.set(id, (roundsMet.get(id) ?? 0) + 1);
  const plan = planRounds({
    mode: session.mode === DatingMode.EVERYONE ? 'EVERYONE' : 'SIDES',
    stationary,
    moving,
    roundCount: session.roundCount - keepUpTo,
    met: history.map((m) => [m.stationary.id, m.moving.id] as const),
    sitOutsSoFar: new Map(present.map((p) => [p.id, keepUpTo - (roundsMet.get(p.id) ?? 0)])),
  });
  plan.rounds.forEach((round, i) => {
    for (const pair of round.pairs) {
      em.create(SpeedDatingMeeting, { session, round: keepUpTo + i + 1, seat: pair.seat, stationary: pair.stationary, moving: pair.moving });
    }
  });
  await em.flush();
  return plan;
}

export async function setPresence(em: EntityManager, caller: Caller, participantId: string, presence: ParticipantPresence) {
  authorize(caller.actor, 'speedDating.manage');
  const participant = await em.findOne(SpeedDatingParticipant, { id: participantId, session: { municipality: caller.municipality.id } }, { populate: ['session'] });
  if (!participant) throw notFound('Participant');
  participant.presence = presence;
  await em.flush();
  if (await em.count(SpeedDatingMeeting, { session: participant.session })) await generatePlan(em, caller, participant.session.id);
  return participant;
}

/**
 * Account deletion: the person withdraws their consent to share contacts in every session, and leaves
 * the sessions not yet over (marked LEFT, as staff would mark them), whose remaining rounds are
 * re-planned without them when a plan exists. Returns the sessions re-planned, for their live clock
 * event. Deciding this is the caller's (personal data); no authorisation here.
 */
export async function withdrawFromSpeedDating(em: EntityManager, caller: Caller, userId: string): Promise<SpeedDatingSession[]> {
  const participations = await em.find(SpeedDatingParticipant, { user: userId, session: { municipality: caller.municipality.id } }, { populate: ['session'] });
  const replanned: SpeedDatingSession[] = [];
  for (const participant of participations) {
    participant.shareContacts = false;
    const session = participant.session;
    if (participant.presence !== ParticipantPresence.REGISTERED) continue;
    // Staff may be driving the clock right now: decide on what is stored, under the session's lock.
    await lockForUpdate(em, session);
    if (clockNow(session).status === 'FINISHED') continue;
    participant.presence = ParticipantPresence.LEFT;
    await em.flush();
    if (await em.count(SpeedDatingMeeting, { session })) {
      await planSession(em, session);
      replanned.push(session);
    }
  }
  await em.flush();
  return replanned;
}

export type LiveAction = 'START' | 'PAUSE' | 'RESUME' | 'SKIP' | 'END';

/** Staff drive the clock; the stored state is the clock, so a restart loses nothing. */
export async function control(em: EntityManager, caller: Caller, sessionId: string, action: LiveAction, now = new Date()): Promise<SpeedDatingSession> {
  authorize(caller.actor, 'speedDating.manage');
  const session = await findSession(em, caller, sessionId, true);
  const timing = timingOf(session);
  const stored = storedClock(session);
  if (action === 'START' && stored.status !== 'NOT_STARTED') throw conflict('ALREADY_STARTED', 'The session has already started.');
  if (action === 'START' && !(await em.count(SpeedDatingMeeting, { session }))) throw conflict('NO_PLAN', 'Generate the plan first.');
  const next = {
    START: () => clock.start(now),
    PAUSE: () => clock.pause(stored, timing, now),
    RESUME: () => clock.resume(stored, timing, now),
    SKIP: () => clock.skip(stored, timing, now),
    END: () => clock.finish(clock.clockAt(stored, timing, now)),
  }[action]();
  Object.assign(session, { liveStatus: next.status, liveRound: next.round, livePhase: next.phase, phaseStartedAt: next.phaseStartedAt, pausedRemainingMs: next.pausedRemainingMs });
  await em.flush();
  return session;
}

export interface Seat {
  round: number;
  seat: number;
  partner: SpeedDatingParticipant;
}

/** A participant's seat and partner in every planned round. */
export async function seatsOf(em: EntityManager, participant: SpeedDatingParticipant): Promise<Seat[]> {
  const meetings = await em.find(SpeedDatingMeeting, { $or: [{ stationary: participant }, { moving: participant }] }, { orderBy: { round: 'asc' }, populate: ['stationary', 'moving'] });
  return meetings.map((m) => ({ round: m.round, seat: m.seat, partner: m.stationary.id === participant.id ? m.moving : m.stationary }));
}

export async function myParticipation(em: EntityManager, caller: Caller, sessionId: string) {
  if (!caller.actor) return null;
  return em.findOne(SpeedDatingParticipant, { session: { id: sessionId, municipality: caller.municipality.id }, user: caller.actor.userId });
}

/** After (or during) the session: the people I have met, with contacts where both agreed to share. */
export async function myMeetings(em: EntityManager, caller: Caller, sessionId: string) {
  const me = await myParticipation(em, caller, sessionId);
  if (!me) return [];
  const session = await findSession(em, caller, sessionId);
  const now = clockNow(session);
  const lastMet = now.status === 'FINISHED' ? session.roundCount : now.status === 'NOT_STARTED' ? 0 : now.round;
  const seats = (await seatsOf(em, me)).filter((s) => s.round <= lastMet);
  const users = new Map((await em.find(User, { id: { $in: seats.map((s) => s.partner.user?.id).filter((id): id is string => Boolean(id)) } })).map((u) => [u.id, u]));
  return seats.map((s) => {
    const user = s.partner.user ? users.get(s.partner.user.id) : undefined;
    const share = me.shareContacts && s.partner.shareContacts && user;
    return { round: s.round, partner: s.partner, email: share ? user.email : null, phone: share ? user.phone : null };
  });
}

export async function planCsv(em: EntityManager, caller: Caller, sessionId: string) {
  authorize(caller.actor, 'speedDating.manage');
  const session = await findSession(em, caller, sessionId);
  const meetings = await em.find(SpeedDatingMeeting, { session }, { orderBy: { round: 'asc', seat: 'asc' }, populate: ['stationary', 'moving'] });
  return toCsv(['round', 'seat', 'stays', 'moves'], meetings.map((m) => [m.round, m.seat, m.stationary.name, m.moving.name]));
}

export async function planOf(em: EntityManager, session: SpeedDatingSession) {
  return em.find(SpeedDatingMeeting, { session }, { orderBy: { round: 'asc', seat: 'asc' }, populate: ['stationary', 'moving'] });
}

/** Personal data: the person's participations stay in the sessions' records without name, department, consent or link. */
export async function anonymiseParticipationsOf(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(SpeedDatingParticipant, { user: userId }, { user: null, name: '', department: null, shareContacts: false });
}

/** Personal data: participations of sessions that started before `cutoff` lose person, name and consent. */
export function forgetSessionsBefore(em: EntityManager, municipalityId: string, cutoff: Date): Promise<number> {
  return countChanged(
    em,
    `update speed_dating_participant set user_id = null, name = '', share_contacts = false
     where (user_id is not null or name <> '') and session_id in (select id from speed_dating_session where municipality_id = ? and starts_at < ?)`,
    [municipalityId, cutoff],
  );
}
