import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../core/auth/roles.js';
import type { Caller } from '../core/context.js';
import { warsawDate, warsawTimeToInstant } from '../core/time.js';
import { toActor, User } from '../modules/accounts/index.js';
import { BaubleCampaign, BaubleSignup, Greeting, PickupWindow } from '../modules/baubles/index.js';
import { CampaignStatus, GreetingStatus, SignupKind, SignupStatus } from '../modules/baubles/baubles.enums.js';
import { cancelSignup, recordPickup, recordReturn, signUp } from '../modules/baubles/signup.service.js';
import { runDeadlineChores } from '../modules/baubles/campaign.service.js';
import { Municipality } from '../modules/municipalities/index.js';
import { Membership, Organization } from '../modules/organizations/index.js';

const DAY = 24 * 3600_000;
const at = (now: Date, days: number, time: string) => warsawTimeToInstant(warsawDate(new Date(now.getTime() + days * DAY)), time);

const greetingsText = [
  'Wesołych Świąt i samych dobrych ludzi wokół!',
  'Niech ta choinka przypomina, że razem możemy więcej.',
  'Zdrowia, spokoju i radości – życzą wolontariusze.',
  'Dziękujemy wszystkim, którzy ozdobili bombki z nami!',
  'Spełnienia marzeń w Nowym Roku!',
];

/**
 * The Christmas tree, through the real rules: this year's campaign (300 baubles, open) with
 * sign-ups waiting, reserved, picked up, returned and cancelled; last year's, past its deadline,
 * where baubles came back or are overdue; and greetings on the wall.
 */
export async function seedBaubles(em: EntityManager, municipality: Municipality, staff: User, now = new Date()) {
  const scope = { id: municipality.id, slug: municipality.slug, name: municipality.name };
  const as = (user: User, memberships = new Map()): Caller => ({ municipality: scope, actor: toActor(user, memberships) });
  const staffCaller = as(staff);
  const year = now.getUTCFullYear();

  const campaign = (y: number, offset: number, status: CampaignStatus) => {
    const c = em.create(BaubleCampaign, {
      municipality, year: y, title: `Wspólne ubieranie choinki ${y}`, baublesPrepared: 300, baublesInStock: 300,
      limitOrganization: 20, limitInstitution: 15, limitResident: 5,
      pickupPlace: 'Biuro ds. Współpracy z NGO, ul. Kwiatowa 5, pok. 12',
      returnDeadline: at(now, offset + 12, '16:00'), treeEventAt: at(now, offset + 14, '17:00'), treeEventPlace: 'Rynek, przy ratuszu', status,
    });
    const windows = [0, 3, 7].map((d) => em.create(PickupWindow, { campaign: c, startsAt: at(now, offset + d, '10:00'), endsAt: at(now, offset + d, '15:00') }));
    return { c, windows };
  };
  const current = campaign(year, 2, CampaignStatus.OPEN);
  const previous = campaign(year - 1, -365, CampaignStatus.OPEN);
  await em.flush();

  const organizations = await em.find(Organization, { municipality, status: 'PUBLISHED' as never }, { orderBy: { name: 'asc' }, limit: 20 });
  const passwordHash = (await em.findOneOrFail(User, { id: staff.id })).passwordHash;
  const people = Array.from({ length: organizations.length + 6 }, (_, i) =>
    em.create(User, { municipality, email: `choinka${i + 1}@leszno.example`, passwordHash, displayName: `Uczestnik Choinki ${i + 1}`, role: Role.RESIDENT }),
  );
  organizations.forEach((organization, i) => em.create(Membership, { organization, user: people[i]!, role: 'EDITOR' as never }));
  await em.flush();

  for (const { c, windows } of [current, previous]) {
    // 20 organisations take 290 of the 300 baubles; two schools then wait for 15 each; four
    // residents take 2 each. Stock left: 2, plus what the desk and a cancellation give back below.
    const created: BaubleSignup[] = [];
    for (const [i, organization] of organizations.entries()) {
      const caller = as(people[i]!, new Map([[organization.id, 'EDITOR' as never]]));
      created.push((await signUp(em, caller, { campaignId: c.id, kind: SignupKind.ORGANIZATION, organizationId: organization.id, quantity: 14 + (i % 2), pickupWindowId: windows[i % 3]!.id })).signup);
    }
    for (let i = 0; i < 6; i++) {
      const person = people[organizations.length + i]!;
      const input = i < 2
        ? { campaignId: c.id, kind: SignupKind.INSTITUTION, institutionName: `Szkoła Podstawowa nr ${i + 3}`, quantity: 15, pickupWindowId: windows[i % 3]!.id }
        : { campaignId: c.id, kind: SignupKind.RESIDENT, quantity: 2, pickupWindowId: windows[i % 3]!.id };
      created.push((await signUp(em, as(person), input)).signup);
    }
    // At the desk: some picked up (one took fewer than reserved), some already returned, one cancelled.
    const reserved = created.filter((s) => s.status === SignupStatus.RESERVED);
    for (const [i, s] of reserved.slice(0, 14).entries()) await recordPickup(em, staffCaller, c.id, s.code, i === 0 ? s.quantity - 2 : s.quantity);
    for (const s of reserved.slice(0, c === previous.c ? 10 : 4)) await recordReturn(em, staffCaller, c.id, s.code, s.pickedUpQuantity);
    const cancelled = reserved.at(-1)!;
    await cancelSignup(em, as(people[created.indexOf(cancelled)]!), cancelled.id);
  }
  // Last year's deadline has passed: what was not brought back is overdue.
  await runDeadlineChores(em, now);
  previous.c.status = CampaignStatus.CLOSED;

  for (const [i, text] of greetingsText.entries()) {
    em.create(Greeting, { campaign: current.c, user: people[i]!, signature: organizations[i]!.name, text, status: i < 4 ? GreetingStatus.APPROVED : GreetingStatus.PENDING });
  }
  await em.flush();
}
