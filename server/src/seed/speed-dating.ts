import type { EntityManager } from '@mikro-orm/postgresql';
import { MembershipRole, Role } from '../core/auth/roles.js';
import type { Caller } from '../core/context.js';
import { toActor, User } from '../modules/accounts/index.js';
import { Municipality } from '../modules/municipalities/index.js';
import { Membership, Organization, OrganizationStatus } from '../modules/organizations/index.js';
import { SpeedDatingParticipant, SpeedDatingSession } from '../modules/speed-dating/index.js';
import { DatingSide } from '../modules/speed-dating/speed-dating.enums.js';
import { generatePlan, register } from '../modules/speed-dating/speed-dating.service.js';

const DAY = 24 * 3600_000;
const departments = ['Wydział Spraw Społecznych', 'Wydział Kultury i Sportu', 'Wydział Edukacji', 'Biuro Rady Miejskiej', 'Wydział Gospodarki Komunalnej', 'Straż Miejska', 'Wydział Inwestycji', 'Biuro Promocji'];

/**
 * Speed dating: last month's session, played to the end, and the next one in three days with
 * 12 NGO representatives (the demo organisation member among them) and 8 officials (the demo
 * official among them) registered and a plan ready.
 */
export async function seedSpeedDating(em: EntityManager, municipality: Municipality, staff: User, now = new Date()) {
  const scope = { id: municipality.id, slug: municipality.slug, name: municipality.name };
  const staffCaller: Caller = { municipality: scope, actor: toActor(staff, new Map()) };
  const passwordHash = staff.passwordHash;
  const organizations = await em.find(Organization, { municipality, status: OrganizationStatus.PUBLISHED }, { orderBy: { name: 'desc' }, limit: 11 });
  const representatives = organizations.map((organization, i) => {
    const user = em.create(User, { municipality, email: `ngo${i + 1}@leszno.example`, passwordHash, displayName: `Przedstawiciel NGO Demo ${i + 1}`, role: Role.RESIDENT, phone: `+48 601 000 ${String(100 + i)}` });
    em.create(Membership, { organization, user, role: MembershipRole.EDITOR });
    return { user, organization };
  });
  const officials = departments.slice(1).map((department, i) =>
    em.create(User, { municipality, email: `urzednik${i + 2}@leszno.example`, passwordHash, displayName: `Urzędnik Demo ${i + 2}`, role: Role.OFFICIAL, department, phone: `+48 602 000 ${String(100 + i)}` }),
  );
  await em.flush();
  // The demo accounts take part too, so they can try the phone view.
  const demoMember = await em.findOneOrFail(User, { municipality, email: 'organizacja@leszno.example' });
  const demoOrganization = (await em.findOneOrFail(Membership, { user: demoMember, role: MembershipRole.OWNER }, { populate: ['organization'] })).organization;
  const demoOfficial = await em.findOneOrFail(User, { municipality, email: 'urzednik@leszno.example' });

  const createSession = (title: string, startsAt: Date, roundCount: number) =>
    em.create(SpeedDatingSession, { municipality, title, startsAt, place: 'Ratusz, sala sesyjna', roundCount, registrationClosesAt: new Date(startsAt.getTime() - DAY) });
  const past = createSession('Randki obywatelskie – jesień', new Date(now.getTime() - 30 * DAY), 6);
  const next = createSession('Randki obywatelskie – zima', new Date(now.getTime() + 3 * DAY), 12);
  await em.flush();

  const as = (user: User, organizationId?: string): Caller => ({
    municipality: scope, actor: toActor(user, new Map(organizationId ? [[organizationId, MembershipRole.EDITOR]] : [])),
  });
  // Last month's registrations are history (its registration closed long ago).
  for (const [i, { user, organization }] of representatives.slice(0, 6).entries()) {
    em.create(SpeedDatingParticipant, { session: past, user, name: user.displayName, side: DatingSide.NGO, organization, shareContacts: i % 3 !== 2 });
  }
  for (const [i, user] of officials.slice(0, 5).entries()) {
    em.create(SpeedDatingParticipant, { session: past, user, name: user.displayName, side: DatingSide.OFFICIAL, department: user.department, shareContacts: i % 2 === 0 });
  }
  for (const [i, { user, organization }] of representatives.entries()) {
    await register(em, as(user, organization.id), { sessionId: next.id, side: DatingSide.NGO, organizationId: organization.id, shareContacts: i % 3 !== 2 });
  }
  for (const [i, user] of officials.entries()) {
    await register(em, as(user), { sessionId: next.id, side: DatingSide.OFFICIAL, shareContacts: i % 2 === 0 });
  }
  await register(em, { municipality: scope, actor: toActor(demoMember, new Map([[demoOrganization.id, MembershipRole.OWNER]])) },
    { sessionId: next.id, side: DatingSide.NGO, organizationId: demoOrganization.id, shareContacts: true });
  await register(em, as(demoOfficial), { sessionId: next.id, side: DatingSide.OFFICIAL, shareContacts: true });

  await generatePlan(em, staffCaller, past.id);
  await generatePlan(em, staffCaller, next.id);
  // Last month's session was played to the end.
  Object.assign(past, { liveStatus: 'FINISHED', liveRound: past.roundCount, livePhase: 'TALK', phaseStartedAt: past.startsAt });
  await em.flush();
}
