import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { AppError, notFound } from '../../core/errors.js';
import { User } from '../accounts/index.js';
import { GreetingStatus, SignupStatus } from './baubles.enums.js';
import type { GreetingInput } from './baubles.inputs.js';
import { findCampaign } from './campaign.service.js';
import { Greeting } from './greeting.entity.js';
import { BaubleSignup } from './signup.entity.js';

/** Participants (anyone with a sign-up that was not cancelled) post greetings; staff approve them. */
export async function postGreeting(em: EntityManager, caller: Caller, input: GreetingInput): Promise<Greeting> {
  const actor = authorize(caller.actor, 'baubles.signUp');
  const campaign = await findCampaign(em, caller, input.campaignId);
  const signup = await em.findOne(
    BaubleSignup,
    { campaign, user: actor.userId, status: { $ne: SignupStatus.CANCELLED } },
    { populate: ['organization'], orderBy: { createdAt: 'asc' } },
  );
  if (!signup) throw new AppError('FORBIDDEN', 'Greetings come from people taking part: sign up for baubles first.');
  const user = await em.findOneOrFail(User, { id: actor.userId });
  const greeting = em.create(Greeting, {
    campaign, user, text: input.text.trim(), signature: signup.organization?.name ?? signup.institutionName ?? user.displayName,
  });
  await em.flush();
  return greeting;
}

export async function moderateGreeting(em: EntityManager, caller: Caller, id: string, status: GreetingStatus): Promise<Greeting> {
  authorize(caller.actor, 'baubles.manage');
  const greeting = await em.findOne(Greeting, { id, campaign: { municipality: caller.municipality.id } });
  if (!greeting) throw notFound('Greeting');
  greeting.status = status;
  await em.flush();
  return greeting;
}

/** Approved greetings for everyone (the wall); pending ones for staff to review. */
export async function greetings(em: EntityManager, caller: Caller, campaignId: string, status: GreetingStatus): Promise<Greeting[]> {
  if (status !== GreetingStatus.APPROVED) authorize(caller.actor, 'baubles.manage');
  const campaign = await findCampaign(em, caller, campaignId);
  return em.find(Greeting, { campaign, status }, { orderBy: { createdAt: status === GreetingStatus.APPROVED ? 'desc' : 'asc' } });
}
