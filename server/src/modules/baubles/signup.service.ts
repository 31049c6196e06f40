import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, can, type Actor } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { lockForUpdate } from '../../core/db/locks.js';
import { conflict, fieldError, notFound } from '../../core/errors.js';
import { enqueueMessage } from '../../core/outbox/index.js';
import { normaliseShortCode, uniqueShortCode } from '../../core/short-code.js';
import { type LockedStock, serveWaitingList, takeOrQueue } from '../../core/waitlist.js';
import type { LiveEvent } from '../../core/live.js';
import { organizationInMunicipality } from '../organizations/index.js';
import { CampaignStatus, SignupKind, SignupStatus, signupLifecycle } from './baubles.enums.js';
import type { BaubleSignupInput } from './baubles.inputs.js';
import { BaubleCampaign, PickupWindow } from './campaign.entity.js';
import { signupMessage, type SignupEvent } from './messages.js';
import { BaubleSignup, BaubleSignupEvent } from './signup.entity.js';
import { Greeting } from './greeting.entity.js';
import { countChanged } from '../../core/db/changed.js';
import { escapeLike } from '../../core/db/like.js';

/** What changed in the stock, for the live counter (published after commit). */
export interface StockChange {
  campaignId: string;
  municipalityId: string;
  baublesInStock: number;
  waiting: number;
}

export const STOCK_TOPIC = 'BAUBLE_STOCK';

/** The live event for a campaign's new stock (publish after the commit). */
export const stockEvent = (stock: StockChange): LiveEvent => ({ topic: STOCK_TOPIC, id: stock.campaignId, payload: stock });

export interface SignupOutcome {
  signup: BaubleSignup;
  stock: StockChange;
}

const ACTIVE = [SignupStatus.WAITLISTED, SignupStatus.RESERVED, SignupStatus.PICKED_UP, SignupStatus.OVERDUE];

/** A campaign's baubles as a locked stock (call with the campaign locked). */
const baublesOf = (campaign: BaubleCampaign): LockedStock => ({
  get available() {
    return campaign.baublesInStock;
  },
  take: (quantity) => {
    campaign.baublesInStock -= quantity;
  },
  nextQueueNumber: () => campaign.nextQueueNumber++,
});

/** Locks the campaign row: every stock change happens under this lock. */
async function lockCampaign(em: EntityManager, caller: Caller, campaignId: string): Promise<BaubleCampaign> {
  const campaign = await em.findOne(BaubleCampaign, { id: campaignId, municipality: caller.municipality.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

async function stockChange(em: EntityManager, campaign: BaubleCampaign): Promise<StockChange> {
  const waiting = await em.count(BaubleSignup, { campaign, status: SignupStatus.WAITLISTED });
  return { campaignId: campaign.id, municipalityId: campaign.municipality.id, baublesInStock: campaign.baublesInStock, waiting };
}

/** Every status change of a sign-up: checked against its lifecycle and written to its history. */
function transition(em: EntityManager, signup: BaubleSignup, to: SignupStatus, actor: Actor | null, note?: string) {
  signupLifecycle.assertMove(signup.status, to);
  em.create(BaubleSignupEvent, { signup, fromStatus: signup.status, toStatus: to, actor: actor?.userId ?? null, note: note ?? null });
  signup.status = to;
}

async function tell(em: EntityManager, event: SignupEvent, signup: BaubleSignup, campaign: BaubleCampaign) {
  // No query when the caller already loaded them (the waiting list is fetched with both).
  await em.populate(signup, ['user', 'pickupWindow']);
  // An erased account has no address: nobody to tell.
  const recipient = signup.user?.email;
  if (!recipient) return;
  enqueueMessage(em, { municipalityId: campaign.municipality.id, recipient, ...signupMessage(event, signup, campaign, signup.pickupWindow) });
}

/** Confirms waiting sign-ups that the stock can now serve, in arrival order. Call with the campaign locked. */
async function promoteWaitingSignups(em: EntityManager, campaign: BaubleCampaign) {
  const waiting = await em.find(BaubleSignup, { campaign, status: SignupStatus.WAITLISTED }, { orderBy: { queueNumber: 'asc' }, populate: ['user', 'pickupWindow'] });
  for (const signup of serveWaitingList(baublesOf(campaign), waiting, (w) => ({ id: w.id, partySize: w.quantity, clashes: false }))) {
    transition(em, signup, SignupStatus.RESERVED, null, 'waiting list');
    await tell(em, 'promoted', signup, campaign);
  }
}

function limitFor(campaign: BaubleCampaign, kind: SignupKind): number {
  return { [SignupKind.ORGANIZATION]: campaign.limitOrganization, [SignupKind.INSTITUTION]: campaign.limitInstitution, [SignupKind.RESIDENT]: campaign.limitResident }[kind];
}

/** Who the sign-up is for, checked for its kind; also the key that may hold only one active sign-up. */
async function signupHolder(em: EntityManager, caller: Caller, actor: Actor, input: BaubleSignupInput) {
  if (input.kind === SignupKind.ORGANIZATION) {
    if (!input.organizationId) throw fieldError('organizationId', 'required', 'Choose the organisation you sign up for.');
    authorize(actor, 'baubles.signUpOrganization', { organizationId: input.organizationId });
    const organization = await organizationInMunicipality(em, caller, input.organizationId);
    return { organization, institutionName: null, duplicate: { organization } };
  }
  if (input.kind === SignupKind.INSTITUTION) {
    const name = input.institutionName?.trim();
    if (!name) throw fieldError('institutionName', 'required', 'Give the name of the institution.');
    return { organization: null, institutionName: name, duplicate: { user: actor.userId, institutionName: name } };
  }
  return { organization: null, institutionName: null, duplicate: { user: actor.userId, kind: SignupKind.RESIDENT } };
}

/** Reserves baubles from the stock, or queues the sign-up when the stock cannot cover it. */
export async function signUp(em: EntityManager, caller: Caller, input: BaubleSignupInput): Promise<SignupOutcome> {
  const actor = authorize(caller.actor, 'baubles.signUp');
  const campaign = await lockCampaign(em, caller, input.campaignId);
  if (campaign.status !== CampaignStatus.OPEN) throw conflict('NOT_OPEN', 'Sign-ups for this campaign are not open.');
  const limit = limitFor(campaign, input.kind);
  if (input.quantity > limit) throw fieldError('quantity', 'max', `At most ${limit} baubles per sign-up of this kind.`);
  const window = await em.findOne(PickupWindow, { id: input.pickupWindowId, campaign });
  if (!window) throw fieldError('pickupWindowId', 'unknown', 'Choose one of the campaign’s pickup times.');
  const holder = await signupHolder(em, caller, actor, input);
  if (await em.count(BaubleSignup, { campaign, status: { $in: ACTIVE }, ...holder.duplicate })) {
    throw conflict('ALREADY_SIGNED_UP', 'There is already an active sign-up for this campaign.');
  }

  const { fits, queueNumber } = takeOrQueue(baublesOf(campaign), input.quantity);
  const code = await uniqueShortCode(async (candidate) => (await em.count(BaubleSignup, { campaign, code: candidate })) > 0);
  const signup = em.create(BaubleSignup, {
    campaign, kind: input.kind, organization: holder.organization, institutionName: holder.institutionName, user: actor.userId,
    pickupWindow: window, quantity: input.quantity, code,
    status: fits ? SignupStatus.RESERVED : SignupStatus.WAITLISTED,
    queueNumber,
  });
  em.create(BaubleSignupEvent, { signup, fromStatus: null, toStatus: signup.status, actor: actor.userId });
  await tell(em, fits ? 'reserved' : 'waitlisted', signup, campaign);
  await em.flush();
  return { signup, stock: await stockChange(em, campaign) };
}

async function signupInMunicipality(em: EntityManager, caller: Caller, where: { id: string } | { code: string; campaign: string }) {
  const signup = await em.findOne(BaubleSignup, { ...where, campaign: { ...('campaign' in where ? { id: where.campaign } : {}), municipality: caller.municipality.id } });
  if (!signup) throw 'code' in where ? fieldError('code', 'unknownCode', `No sign-up with code ${where.code}.`) : notFound('Sign-up');
  return signup;
}

/** The person who signed up cancels; reserved baubles go back to stock and to the waiting list. */
export async function cancelSignup(em: EntityManager, caller: Caller, id: string): Promise<SignupOutcome> {
  const signup = await signupInMunicipality(em, caller, { id });
  const actor = authorize(caller.actor, 'baubles.manageOwnSignup', { signupUserId: signup.user?.id ?? '' });
  return cancel(em, caller, signup, actor);
}

/** Cancels under the campaign's lock: reserved baubles back to stock, then the waiting list served. */
async function cancel(em: EntityManager, caller: Caller, signup: BaubleSignup, actor: Actor | null, note?: string): Promise<SignupOutcome> {
  const campaign = await lockCampaign(em, caller, signup.campaign.id);
  await em.refresh(signup);
  if (signup.status !== SignupStatus.RESERVED && signup.status !== SignupStatus.WAITLISTED) {
    throw conflict('NOT_CANCELLABLE', 'Only reserved or waiting sign-ups can be cancelled.');
  }
  if (signup.status === SignupStatus.RESERVED) campaign.baublesInStock += signup.quantity;
  transition(em, signup, SignupStatus.CANCELLED, actor, note);
  await promoteWaitingSignups(em, campaign);
  await em.flush();
  return { signup, stock: await stockChange(em, campaign) };
}

/**
 * Account deletion: cancels this person's reserved and waiting sign-ups by the same path as their own
 * cancellation (baubles back to stock, the waiting list served and told), in the caller's
 * transaction. Baubles already picked up stay on record until the desk takes them back. Deciding that
 * the sign-ups go is the caller's (personal data); no authorisation here.
 */
export async function cancelActiveSignupsOf(em: EntityManager, caller: Caller, userId: string): Promise<StockChange[]> {
  const active = await em.find(
    BaubleSignup,
    { user: userId, campaign: { municipality: caller.municipality.id }, status: { $in: [SignupStatus.RESERVED, SignupStatus.WAITLISTED] } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const changes: StockChange[] = [];
  for (const signup of active) changes.push((await cancel(em, caller, signup, null, 'account deleted')).stock);
  return changes;
}

/** The desk hands out baubles: at most the reservation; what is not taken returns to stock. */
export async function recordPickup(em: EntityManager, caller: Caller, campaignId: string, code: string, quantity: number): Promise<SignupOutcome> {
  const actor = authorize(caller.actor, 'baubles.manage');
  const signup = await signupInMunicipality(em, caller, { code: normaliseShortCode(code), campaign: campaignId });
  const campaign = await lockCampaign(em, caller, campaignId);
  await em.refresh(signup);
  if (signup.status !== SignupStatus.RESERVED) throw conflict('NOT_RESERVED', `This sign-up is ${signup.status}, not reserved.`);
  if (quantity < 1 || quantity > signup.quantity) throw fieldError('quantity', 'range', `Between 1 and ${signup.quantity} baubles can be handed out.`);
  campaign.baublesInStock += signup.quantity - quantity;
  signup.pickedUpQuantity = quantity;
  transition(em, signup, SignupStatus.PICKED_UP, actor, `${quantity} of ${signup.quantity}`);
  await promoteWaitingSignups(em, campaign);
  await em.flush();
  return { signup, stock: await stockChange(em, campaign) };
}

/** The desk takes decorated baubles back (also after the deadline). */
export async function recordReturn(em: EntityManager, caller: Caller, campaignId: string, code: string, quantity: number): Promise<BaubleSignup> {
  const actor = authorize(caller.actor, 'baubles.manage');
  const signup = await signupInMunicipality(em, caller, { code: normaliseShortCode(code), campaign: campaignId });
  // Another desk (or the overdue job) may be changing this sign-up right now: decide on what is stored.
  await lockForUpdate(em, signup);
  if (signup.status !== SignupStatus.PICKED_UP && signup.status !== SignupStatus.OVERDUE) {
    throw conflict('NOT_PICKED_UP', `This sign-up is ${signup.status}: nothing was picked up to return.`);
  }
  if (quantity > signup.pickedUpQuantity) throw fieldError('quantity', 'range', `At most ${signup.pickedUpQuantity} baubles were picked up.`);
  signup.returnedQuantity = quantity;
  transition(em, signup, SignupStatus.RETURNED, actor, `${quantity} of ${signup.pickedUpQuantity}`);
  await em.flush();
  return signup;
}

/** Sign-ups of a campaign the desk may be looking for: by code, or by name of person, organisation or institution. */
export async function findForDesk(em: EntityManager, caller: Caller, campaignId: string, search: string): Promise<BaubleSignup[]> {
  authorize(caller.actor, 'baubles.manage');
  const term = search.trim();
  if (!term) return [];
  const code = normaliseShortCode(term);
  const like = `%${escapeLike(term)}%`;
  return em.find(
    BaubleSignup,
    {
      campaign: { id: campaignId, municipality: caller.municipality.id },
      $or: [
        { code },
        { institutionName: { $ilike: like } },
        { organization: { name: { $ilike: like } } },
        { user: { displayName: { $ilike: like } } },
      ],
    },
    { orderBy: { createdAt: 'asc' }, limit: 20 },
  );
}

export function mySignups(em: EntityManager, caller: Caller, campaignId: string): Promise<BaubleSignup[]> {
  if (!caller.actor) return Promise.resolve([]);
  return em.find(BaubleSignup, { campaign: { id: campaignId, municipality: caller.municipality.id }, user: caller.actor.userId }, { orderBy: { createdAt: 'desc' } });
}

export const canManage = (caller: Caller) => can(caller.actor, 'baubles.manage');

/** Personal data: the person's greetings go with their account. */
export async function deleteGreetingsOf(em: EntityManager, userId: string): Promise<void> {
  await em.nativeDelete(Greeting, { user: userId });
}

/**
 * Personal data: sign-ups of campaigns whose return deadline passed before `cutoff` keep being
 * counted, without their person or the names in their history; those campaigns' greetings go.
 */
export async function forgetCampaignsBefore(em: EntityManager, municipalityId: string, cutoff: Date): Promise<{ signups: number; greetings: number }> {
  const past = 'select id from bauble_campaign where municipality_id = ? and return_deadline < ?';
  await em.execute(`update bauble_signup_event set actor_id = null where actor_id is not null and signup_id in (select id from bauble_signup where campaign_id in (${past}))`, [municipalityId, cutoff]);
  return {
    signups: await countChanged(em, `update bauble_signup set user_id = null where user_id is not null and campaign_id in (${past})`, [municipalityId, cutoff]),
    greetings: await countChanged(em, `delete from greeting where campaign_id in (${past})`, [municipalityId, cutoff]),
  };
}
