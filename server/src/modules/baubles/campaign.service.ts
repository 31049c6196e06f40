import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, can } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { toCsv } from '../../core/csv.js';
import { describeConstraints } from '../../core/db/constraints.js';
import { findVisible, visibleWhere } from '../../core/db/drafts.js';
import { type FieldProblem, inputError } from '../../core/errors.js';
import { enqueueMessage } from '../../core/outbox/index.js';
import { formatWarsaw } from '../../core/time.js';
import { Municipality } from '../municipalities/index.js';
import { CampaignStatus, SignupKind, SignupStatus, campaignLifecycle } from './baubles.enums.js';
import type { CampaignInput } from './baubles.inputs.js';
import { BaubleCampaign, PickupWindow } from './campaign.entity.js';
import { signupMessage } from './messages.js';
import { BaubleSignup, BaubleSignupEvent } from './signup.entity.js';

function checkCampaign(input: CampaignInput) {
  const problems: FieldProblem[] = [];
  input.pickupWindows.forEach((w, i) => {
    if (w.endsAt <= w.startsAt) problems.push({ field: `pickupWindows.${i}.endsAt`, code: 'beforeStart', message: 'A pickup window must end after it starts.' });
  });
  if (input.pickupWindows.some((w) => w.startsAt >= input.returnDeadline)) {
    problems.push({ field: 'returnDeadline', code: 'beforePickup', message: 'The return deadline must come after every pickup window.' });
  }
  if (problems.length) throw inputError(problems);
}

describeConstraints({
  bauble_campaign_municipality_id_year_unique: { field: 'year', message: 'There is already a campaign for this year.' },
});

export async function createCampaign(em: EntityManager, caller: Caller, input: CampaignInput): Promise<BaubleCampaign> {
  authorize(caller.actor, 'baubles.manage');
  checkCampaign(input);
  const { pickupWindows, ...fields } = input;
  const campaign = em.create(BaubleCampaign, {
    ...fields, title: fields.title.trim(), baublesInStock: fields.baublesPrepared, municipality: em.getReference(Municipality, caller.municipality.id),
  });
  for (const w of pickupWindows) em.create(PickupWindow, { campaign, startsAt: w.startsAt, endsAt: w.endsAt });
  await em.flush();
  return campaign;
}

export async function setCampaignStatus(em: EntityManager, caller: Caller, id: string, status: CampaignStatus): Promise<BaubleCampaign> {
  authorize(caller.actor, 'baubles.manage');
  const campaign = await findCampaign(em, caller, id);
  await campaignLifecycle.move(em, campaign, status);
  await em.flush();
  return campaign;
}

/** A campaign of the caller's municipality; drafts only for staff. */
export async function findCampaign(em: EntityManager, caller: Caller, id: string): Promise<BaubleCampaign> {
  return findVisible(em, BaubleCampaign, caller, id, 'Campaign', can(caller.actor, 'baubles.manage'));
}

export function listCampaigns(em: EntityManager, caller: Caller): Promise<BaubleCampaign[]> {
  return em.find(BaubleCampaign, visibleWhere(caller, can(caller.actor, 'baubles.manage')) as never, { orderBy: { year: 'desc' } });
}

export interface DashboardRow {
  kind: SignupKind;
  status: SignupStatus;
  signups: number;
  baubles: number;
}

/** Staff dashboard: sign-ups and baubles per kind and status (baubles = reserved, taken or returned as fits the status). */
export async function campaignDashboard(em: EntityManager, caller: Caller, id: string): Promise<DashboardRow[]> {
  authorize(caller.actor, 'baubles.manage');
  const campaign = await findCampaign(em, caller, id);
  return em.getConnection().execute<DashboardRow[]>(
    `select kind, status, count(*)::int as signups,
       sum(case when status = 'RETURNED' then returned_quantity when status in ('PICKED_UP', 'OVERDUE') then picked_up_quantity else quantity end)::int as baubles
     from bauble_signup where campaign_id = ? group by kind, status order by kind, status`,
    [campaign.id],
  );
}

export async function campaignCsv(em: EntityManager, caller: Caller, id: string): Promise<string> {
  authorize(caller.actor, 'baubles.manage');
  const campaign = await findCampaign(em, caller, id);
  const signups = await em.find(BaubleSignup, { campaign }, { orderBy: { createdAt: 'asc' }, populate: ['user', 'organization', 'pickupWindow'] });
  return toCsv(
    ['code', 'kind', 'name', 'contact_email', 'status', 'reserved', 'picked_up', 'returned', 'pickup', 'signed_up_at'],
    signups.map((s) => [
      s.code, s.kind, s.organization?.name ?? s.institutionName ?? s.user?.displayName ?? '', s.user?.email ?? '', s.status,
      s.quantity, s.pickedUpQuantity, s.returnedQuantity, formatWarsaw(s.pickupWindow.startsAt), formatWarsaw(s.createdAt),
    ]),
  );
}

const REMINDER_BEFORE_MS = 2 * 24 * 3600_000;

/**
 * Deadline chores, run periodically: two days before the return deadline, remind everyone holding
 * baubles (once); after it, mark what was not returned OVERDUE. Returns how many sign-ups changed.
 */
export async function runDeadlineChores(em: EntityManager, now = new Date()): Promise<{ reminded: number; overdue: number }> {
  return em.transactional(async (tx) => {
    let reminded = 0;
    const due = await tx.find(BaubleCampaign, { reminderQueuedAt: null, returnDeadline: { $lte: new Date(now.getTime() + REMINDER_BEFORE_MS), $gt: now } });
    for (const campaign of due) {
      const holding = await tx.find(BaubleSignup, { campaign, status: SignupStatus.PICKED_UP }, { populate: ['user', 'pickupWindow'] });
      for (const signup of holding) {
        const recipient = signup.user?.email;
        if (recipient) enqueueMessage(tx, { municipalityId: campaign.municipality.id, recipient, ...signupMessage('reminder', signup, campaign, signup.pickupWindow) });
      }
      campaign.reminderQueuedAt = now;
      reminded += holding.length;
    }
    // One conditional update: a sign-up a desk is returning right now is either returned first (and
    // skipped here) or marked overdue first (and then returned): never both, never lost.
    const late = await tx.execute<{ id: string }[]>(
      `update bauble_signup set status = ? where status = ? and campaign_id in (select id from bauble_campaign where return_deadline < ?) returning id`,
      [SignupStatus.OVERDUE, SignupStatus.PICKED_UP, now],
    );
    for (const { id } of late) {
      tx.create(BaubleSignupEvent, { signup: tx.getReference(BaubleSignup, id), fromStatus: SignupStatus.PICKED_UP, toStatus: SignupStatus.OVERDUE, actor: null, note: 'return deadline passed' });
    }
    return { reminded, overdue: late.length };
  });
}

export async function signupHistory(em: EntityManager, caller: Caller, signup: BaubleSignup) {
  if (!can(caller.actor, 'baubles.manage') && caller.actor?.userId !== signup.user?.id) return [];
  return em.find(BaubleSignupEvent, { signup }, { orderBy: { at: 'asc' } });
}
