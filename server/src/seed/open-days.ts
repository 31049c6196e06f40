import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../core/auth/roles.js';
import type { Caller } from '../core/context.js';
import { nextDate, warsawDate, warsawTimeToInstant } from '../core/time.js';
import { toActor, User } from '../modules/accounts/index.js';
import { hashPassword } from '../modules/accounts/password.js';
import { Municipality } from '../modules/municipalities/index.js';
import { Activity, OpenDaysEdition, Slot } from '../modules/open-days/index.js';
import { bookSlot } from '../modules/open-days/booking.service.js';
import { ActivityStatus, ActivityType, Audience, EditionStatus } from '../modules/open-days/open-days.enums.js';
import { Organization, OrganizationStatus } from '../modules/organizations/index.js';
import type { Random } from './random.js';

/** Activity ideas per type: [title, description, audience]. Invented, in the spirit of past editions. */
const ideas: Record<ActivityType, [string, string, Audience][]> = {
  WORKSHOP: [
    ['Warsztaty ceramiki', 'Lepimy z gliny miski i kubki; wypalimy je w naszym piecu.', Audience.FAMILIES],
    ['Pierwsza pomoc w praktyce', 'Ćwiczymy resuscytację na fantomach i uczymy, jak wezwać pomoc.', Audience.EVERYONE],
    ['Budki dla ptaków', 'Zbijamy budki lęgowe i wieszamy je w parku.', Audience.CHILDREN],
    ['Smartfon bez tajemnic', 'Jak bezpiecznie korzystać z telefonu, bankowości i komunikatorów.', Audience.SENIORS],
    ['Szycie na maszynie', 'Naprawiamy ubrania i szyjemy torby z odzysku.', Audience.YOUTH],
  ],
  SHOW: [
    ['Pokaz karate', 'Pokaz technik i krótka lekcja dla chętnych.', Audience.FAMILIES],
    ['Pokaz ratownictwa', 'Strażacy pokazują sprzęt i akcję ratowniczą.', Audience.EVERYONE],
    ['Koncert chóru', 'Pieśni polskie i europejskie w wykonaniu naszego chóru.', Audience.EVERYONE],
  ],
  CONSULTATION: [
    ['Porady prawne', 'Bezpłatne konsultacje z prawnikiem: mieszkanie, spadki, umowy.', Audience.EVERYONE],
    ['Konsultacje dla rodziców', 'Psycholog odpowiada na pytania o wychowanie i emocje dzieci.', Audience.FAMILIES],
  ],
  CONTEST: [
    ['Konkurs plastyczny „Moje Leszno”', 'Rysujemy miasto przyszłości; nagrody dla wszystkich.', Audience.CHILDREN],
    ['Turniej szachowy', 'Turniej szybki dla początkujących i zaawansowanych.', Audience.YOUTH],
  ],
  OPEN_OFFICE: [
    ['Dzień otwarty w siedzibie', 'Poznaj nasze działania, zostań wolontariuszem, napij się kawy.', Audience.EVERYONE],
  ],
  OTHER: [
    ['Spacer historyczny', 'Spacer z przewodnikiem po mniej znanych zakątkach miasta.', Audience.SENIORS],
    ['Sprzątanie skweru', 'Wspólnie sprzątamy i sadzimy kwiaty; rękawice zapewniamy.', Audience.EVERYONE],
  ],
};

const types = Object.keys(ideas) as ActivityType[];

/**
 * An Open Days week starting on the Monday two weeks from now, published for booking, with 60+
 * activities of the demo organisations, about 150 slots and some bookings by demo residents.
 */
export async function seedOpenDays(em: EntityManager, municipality: Municipality, random: Random, now = new Date()) {
  const monday = new Date(now.getTime() + 14 * 24 * 3600_000);
  while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
  const days = Array.from({ length: 7 }, (_, i) => warsawDate(new Date(monday.getTime() + i * 24 * 3600_000)));
  const edition = em.create(OpenDaysEdition, {
    municipality,
    name: 'Drzwi Otwarte – Tydzień Obywatelski',
    startsOn: days[0]!,
    endsOn: days[6]!,
    submissionsOpenAt: new Date(now.getTime() - 30 * 24 * 3600_000),
    submissionsCloseAt: new Date(now.getTime() - 24 * 3600_000),
    status: EditionStatus.PUBLISHED,
  });
  const organizations = await em.find(Organization, { municipality, status: OrganizationStatus.PUBLISHED }, { orderBy: { name: 'asc' } });
  const slots: Slot[] = [];
  let n = 0;
  for (const organization of organizations) {
    const count = 1 + (n % 2) + (n % 5 === 0 ? 1 : 0);
    for (let a = 0; a < count; a++, n++) {
      const type = types[n % types.length]!;
      const [title, description, audience] = random.pick(ideas[type]);
      const activity = em.create(Activity, {
        edition, organization, title, type, description, audience,
        place: { ...organization.address },
        accessibilityNotes: organization.premisesAccessibility.length ? 'Wejście bez schodów.' : null,
        status: n % 17 === 3 ? ActivityStatus.SUBMITTED : ActivityStatus.APPROVED,
      });
      const day = days[n % days.length]!;
      const dropIn = type === ActivityType.OPEN_OFFICE || type === ActivityType.OTHER;
      for (let s = 0; s < 2 + (n % 2); s++) {
        const startsAt = warsawTimeToInstant(day, `${String(10 + s * 2 + (n % 3)).padStart(2, '0')}:00`);
        slots.push(em.create(Slot, {
          activity, startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000),
          capacity: dropIn ? null : random.pick([8, 12, 15, 20, 30]),
          maxPartySize: dropIn ? 1 : random.pick([1, 2, 4]),
        }));
      }
    }
  }
  // A slot on the evening after the last day would fall outside the edition: guard the template.
  if (slots.some((s) => s.endsAt > warsawTimeToInstant(nextDate(days[6]!)))) throw new Error('demo slot outside the edition');
  await em.flush();

  // Demo residents book a few places (through the real booking rules).
  const passwordHash = await hashPassword('razem-demo');
  const residents = Array.from({ length: 12 }, (_, i) =>
    em.create(User, { municipality, email: `mieszkaniec${i + 1}@leszno.example`, passwordHash, displayName: `Mieszkaniec Demo ${i + 1}`, role: Role.RESIDENT }),
  );
  await em.flush();
  const bookable = slots.filter((s) => s.capacity !== null && s.activity.status === ActivityStatus.APPROVED);
  // One small slot so the demo shows a full slot and its waiting list.
  Object.assign(bookable[0]!, { capacity: 1, maxPartySize: 1 });
  await em.flush();
  for (const [i, resident] of residents.entries()) {
    const caller: Caller = { municipality: { id: municipality.id, slug: municipality.slug, name: municipality.name }, actor: toActor(resident, new Map()) };
    for (const slot of [bookable[i]!, bookable[(i * 7 + 3) % bookable.length]!]) {
      const partySize = Math.min(1 + (i % 2), slot.maxPartySize);
      await em.transactional((tx) => bookSlot(tx, caller, { slotId: slot.id, partySize, waitlistIfFull: true })).catch(() => {
        // A clash between the two picks is fine: the demo simply has one booking fewer.
      });
    }
  }
}
