import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';
import { authorize } from '../../core/auth/policy.js';
import { Role } from '../../core/auth/roles.js';
import type { Caller, MunicipalityScope } from '../../core/context.js';
import type { LiveEvent } from '../../core/live.js';
import { Municipality } from '../municipalities/index.js';
import { eraseAccount } from './erase.service.js';
import type { RetentionSettingsInput, RetentionSettingsView } from './personal-data.types.js';
import { DEFAULT_RETENTION, type RetentionPeriods, RetentionSettings } from './retention-settings.entity.js';

/** The periods in force for a municipality: its own, or the defaults. */
export async function retentionPeriodsOf(em: EntityManager, municipalityId: string): Promise<RetentionPeriods & { updatedAt: Date | null }> {
  const stored = await em.findOne(RetentionSettings, { municipality: municipalityId });
  return stored
    ? { eventDataMonths: stored.eventDataMonths, inactiveAccountMonths: stored.inactiveAccountMonths, messageMonths: stored.messageMonths, updatedAt: stored.updatedAt }
    : { ...DEFAULT_RETENTION, updatedAt: null };
}

/** Public: the privacy notice tells everyone how long their data is kept. */
export function retentionSettings(em: EntityManager, caller: Caller): Promise<RetentionSettingsView> {
  return retentionPeriodsOf(em, caller.municipality.id);
}

/** Staff set the municipality's retention periods; the next run of the job applies them. */
export async function updateRetentionSettings(em: EntityManager, caller: Caller, input: RetentionSettingsInput): Promise<RetentionSettingsView> {
  authorize(caller.actor, 'personalData.manageRetention');
  const periods = { eventDataMonths: input.eventDataMonths, inactiveAccountMonths: input.inactiveAccountMonths, messageMonths: input.messageMonths };
  const stored = await em.findOne(RetentionSettings, { municipality: caller.municipality.id });
  if (stored) Object.assign(stored, periods);
  else em.create(RetentionSettings, { ...periods, municipality: em.getReference(Municipality, caller.municipality.id) });
  await em.flush();
  return retentionPeriodsOf(em, caller.municipality.id);
}

/** The same day of the month `months` earlier (UTC; a day the earlier month lacks rolls into the next). */
export function monthsBefore(now: Date, months: number): Date {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
}

/** What one run erased. */
export interface RetentionOutcome {
  bookings: number;
  baubleSignups: number;
  greetings: number;
  speedDatingParticipants: number;
  fairApplications: number;
  messages: number;
  accounts: number;
}

const emptyOutcome = (): RetentionOutcome => ({ bookings: 0, baubleSignups: 0, greetings: 0, speedDatingParticipants: 0, fairApplications: 0, messages: 0, accounts: 0 });

/** Runs a data-changing statement and counts the rows it changed. */
async function changed(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const rows = await em.execute<{ n: number }[]>(`with changed as (${sql} returning 1) select count(*)::int as n from changed`, params);
  return rows[0]?.n ?? 0;
}

/**
 * Erases one municipality's personal data older than its retention periods. Records stay for the
 * statistics staff need; what goes is who they were about:
 * - bookings of slots that ended before the cut-off lose their person;
 * - bauble sign-ups of campaigns whose return deadline passed before it lose their person and the
 *   names in their history, and the campaign's greetings are deleted;
 * - speed-dating participations of sessions that started before it lose person, name and consent;
 * - fair applications of fairs that closed before it lose the submitter and the contact person;
 * - copies of messages written before the messages' cut-off are deleted;
 * - resident and official accounts not signed in since the accounts' cut-off (and with no live
 *   session) are erased as their owner's deletion would, each in its own transaction.
 */
export async function applyRetention(
  em: EntityManager, municipality: MunicipalityScope, now = new Date(), publish: (events: LiveEvent[]) => void = () => {},
): Promise<RetentionOutcome> {
  const periods = await retentionPeriodsOf(em, municipality.id);
  const events = monthsBefore(now, periods.eventDataMonths);
  const outcome = emptyOutcome();
  await em.transactional(async (tx) => {
    const m = municipality.id;
    outcome.bookings = await changed(tx, `update booking set user_id = null where municipality_id = ? and ends_at < ? and user_id is not null`, [m, events]);
    const pastCampaigns = `select id from bauble_campaign where municipality_id = ? and return_deadline < ?`;
    await tx.execute(`update bauble_signup_event set actor_id = null where actor_id is not null and signup_id in (select id from bauble_signup where campaign_id in (${pastCampaigns}))`, [m, events]);
    outcome.baubleSignups = await changed(tx, `update bauble_signup set user_id = null where user_id is not null and campaign_id in (${pastCampaigns})`, [m, events]);
    outcome.greetings = await changed(tx, `delete from greeting where campaign_id in (${pastCampaigns})`, [m, events]);
    outcome.speedDatingParticipants = await changed(
      tx,
      `update speed_dating_participant set user_id = null, name = '', share_contacts = false
       where (user_id is not null or name <> '') and session_id in (select id from speed_dating_session where municipality_id = ? and starts_at < ?)`,
      [m, events],
    );
    outcome.fairApplications = await changed(
      tx,
      `update fair_application set submitted_by_id = null, contact_name = '', contact_phone = ''
       where (submitted_by_id is not null or contact_name <> '' or contact_phone <> '') and fair_id in (select id from fair where municipality_id = ? and closes_at < ?)`,
      [m, events],
    );
    outcome.messages = await changed(tx, `delete from outbox_message where municipality_id = ? and created_at < ?`, [m, monthsBefore(now, periods.messageMonths)]);
  });

  const inactive = await em.execute<{ id: string }[]>(
    `select u.id from "user" u
     where u.municipality_id = ? and u.erased_at is null and u.role in (?, ?) and coalesce(u.last_sign_in_at, u.created_at) < ?
       and not exists (select 1 from session s where s.user_id = u.id and s.expires_at > ?)
     order by u.id`,
    [municipality.id, Role.RESIDENT, Role.OFFICIAL, monthsBefore(now, periods.inactiveAccountMonths), now],
  );
  for (const { id } of inactive) {
    publish(await em.fork().transactional((tx) => eraseAccount(tx, { municipality, actor: null }, id, now)));
    outcome.accounts++;
  }
  return outcome;
}

/**
 * The retention job: every municipality's personal data older than its periods is erased. Live
 * events of cancellations (seats, stock) go out after each commit when `pubSub` is given.
 */
export async function runRetention(em: EntityManager, now = new Date(), pubSub?: PubSub): Promise<RetentionOutcome> {
  const total = emptyOutcome();
  for (const municipality of await em.find(Municipality, {}, { orderBy: { slug: 'asc' } })) {
    const scope = { id: municipality.id, slug: municipality.slug, name: municipality.name };
    const publish = (events: LiveEvent[]) => {
      for (const { topic, id, payload } of events) pubSub?.publish(topic, id, { ...payload, municipalityId: scope.id });
    };
    const outcome = await applyRetention(em, scope, now, publish);
    for (const key of Object.keys(total) as (keyof RetentionOutcome)[]) total[key] += outcome[key];
  }
  return total;
}
