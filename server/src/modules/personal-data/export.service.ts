import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { OutboxMessage, readableContent } from '../../core/outbox/index.js';
import { Session, User } from '../accounts/index.js';
import { BaubleSignup, BaubleSignupEvent, Greeting } from '../baubles/index.js';
import { FairApplication } from '../fair/index.js';
import { Booking, CalendarFeed } from '../open-days/index.js';
import { Membership } from '../organizations/index.js';
import { SpeedDatingParticipant } from '../speed-dating/index.js';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/**
 * Everything stored about the signed-in person (GDPR art. 15 and 20), as one JSON document: their
 * account, sessions, memberships, bookings, bauble sign-ups with their history, greetings,
 * speed-dating participations, fair applications they submitted and the messages sent to them. Never
 * a password hash or a session or calendar token, and nothing about other people (whom they met
 * in speed dating is left out: those are the other people's data).
 */
export async function exportPersonalData(em: EntityManager, caller: Caller, now = new Date()) {
  const actor = authorize(caller.actor, 'personalData.exportOwn');
  const userId = actor.userId;
  const user = await em.findOneOrFail(User, { id: userId, municipality: caller.municipality.id });
  // One after another: one EntityManager runs one query at a time.
  const sessions = await em.find(Session, { user: userId }, { orderBy: { createdAt: 'asc' } });
  const feed = await em.findOne(CalendarFeed, { user: userId });
  const memberships = await em.find(Membership, { user: userId }, { populate: ['organization'], orderBy: { createdAt: 'asc' } });
  const bookings = await em.find(Booking, { user: userId }, { populate: ['slot.activity.organization'], orderBy: { startsAt: 'asc', id: 'asc' } });
  const signups = await em.find(BaubleSignup, { user: userId }, { populate: ['campaign', 'organization', 'pickupWindow'], orderBy: { createdAt: 'asc' } });
  const greetings = await em.find(Greeting, { user: userId }, { populate: ['campaign'], orderBy: { createdAt: 'asc' } });
  const participations = await em.find(SpeedDatingParticipant, { user: userId }, { populate: ['session', 'organization'], orderBy: { createdAt: 'asc' } });
  const applications = await em.find(FairApplication, { submittedBy: userId }, { populate: ['fair', 'organization'], orderBy: { createdAt: 'asc' } });
  const history = await em.find(BaubleSignupEvent, { signup: { $in: signups.map((s) => s.id) } }, { orderBy: { at: 'asc' } });
  const messages = user.email
    ? await em.find(OutboxMessage, { municipalityId: caller.municipality.id, recipient: user.email }, { orderBy: { createdAt: 'asc' } })
    : [];

  return {
    format: 'razem-personal-data/1',
    exportedAt: now.toISOString(),
    municipality: { slug: caller.municipality.slug, name: caller.municipality.name },
    account: {
      id: user.id, email: user.email, displayName: user.displayName, phone: user.phone, role: user.role, department: user.department,
      createdAt: iso(user.createdAt), lastSignInAt: iso(user.lastSignInAt),
    },
    sessions: sessions.map((s) => ({ startedAt: iso(s.createdAt), expiresAt: iso(s.expiresAt) })),
    calendarFeed: feed ? { enabledAt: iso(feed.createdAt) } : null,
    organizationMemberships: memberships.map((m) => ({
      organization: { id: m.organization.id, name: m.organization.name, slug: m.organization.slug }, role: m.role, since: iso(m.createdAt),
    })),
    openDaysBookings: bookings.map((b) => ({
      id: b.id, code: b.code, status: b.status, partySize: b.partySize, waitingListNumber: b.queueNumber, attendance: b.attendance,
      bookedAt: iso(b.createdAt), cancelledAt: iso(b.cancelledAt),
      activity: { title: b.slot.activity.title, organization: b.slot.activity.organization.name },
      slot: { startsAt: iso(b.startsAt), endsAt: iso(b.endsAt) },
    })),
    baubleSignups: signups.map((s) => ({
      id: s.id, code: s.code, kind: s.kind, status: s.status, quantity: s.quantity, pickedUp: s.pickedUpQuantity, returned: s.returnedQuantity,
      waitingListNumber: s.queueNumber, organization: s.organization?.name ?? null, institutionName: s.institutionName,
      campaign: { year: s.campaign.year, title: s.campaign.title }, pickupWindow: { startsAt: iso(s.pickupWindow.startsAt), endsAt: iso(s.pickupWindow.endsAt) },
      signedUpAt: iso(s.createdAt),
      history: history.filter((e) => e.signup.id === s.id).map((e) => ({
        from: e.fromStatus, to: e.toStatus, at: iso(e.at), byYou: e.actor?.id === userId, note: e.note,
      })),
    })),
    greetings: greetings.map((g) => ({ campaign: g.campaign.title, signature: g.signature, text: g.text, status: g.status, postedAt: iso(g.createdAt) })),
    speedDating: participations.map((p) => ({
      session: { title: p.session.title, startsAt: iso(p.session.startsAt), place: p.session.place },
      nameShown: p.name, side: p.side, organization: p.organization?.name ?? null, department: p.department,
      shareContacts: p.shareContacts, presence: p.presence, registeredAt: iso(p.createdAt),
    })),
    fairApplications: applications.map((a) => ({
      fair: a.fair.name, organization: a.organization.name, status: a.status, activity: a.activity,
      contactName: a.contactName, contactPhone: a.contactPhone, submittedAt: iso(a.createdAt),
    })),
    messages: messages.map((m) => ({ kind: m.kind, ...readableContent(m), writtenAt: iso(m.createdAt), sentAt: iso(m.sentAt) })),
  };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;
