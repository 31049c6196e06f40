import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';
import { authorize } from '../../core/auth/policy.js';
import type { Caller, MunicipalityScope } from '../../core/context.js';
import type { LiveEvent } from '../../core/live.js';
import { deleteMessagesBefore } from '../../core/outbox/index.js';
import { inactiveAccounts } from '../accounts/index.js';
import { forgetCampaignsBefore } from '../baubles/index.js';
import { forgetFairsBefore } from '../fair/index.js';
import { Municipality } from '../municipalities/index.js';
import { forgetBookingHoldersBefore } from '../open-days/index.js';
import { forgetSessionsBefore } from '../speed-dating/index.js';
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
    // Each module forgets its part through its own service.
    const m = municipality.id;
    outcome.bookings = await forgetBookingHoldersBefore(tx, m, events);
    const baubles = await forgetCampaignsBefore(tx, m, events);
    outcome.baubleSignups = baubles.signups;
    outcome.greetings = baubles.greetings;
    outcome.speedDatingParticipants = await forgetSessionsBefore(tx, m, events);
    outcome.fairApplications = await forgetFairsBefore(tx, m, events);
    outcome.messages = await deleteMessagesBefore(tx, m, monthsBefore(now, periods.messageMonths));
  });

  const inactive = await inactiveAccounts(em, municipality.id, monthsBefore(now, periods.inactiveAccountMonths), now);
  for (const id of inactive) {
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
