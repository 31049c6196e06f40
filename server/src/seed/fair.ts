import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../core/context.js';
import { warsawDate, warsawTimeToInstant } from '../core/time.js';
import { toActor, type User } from '../modules/accounts/index.js';
import { Fair, FairApplication, Stand } from '../modules/fair/index.js';
import { ApplicationStatus, FairStatus, StandZone, TentNeed } from '../modules/fair/fair.enums.js';
import { runAllocation } from '../modules/fair/fair.service.js';
import { Municipality } from '../modules/municipalities/index.js';
import { Organization, OrganizationStatus } from '../modules/organizations/index.js';
import { ActivityArea } from '../modules/organizations/organization.enums.js';
import type { Random } from './random.js';

const DAY = 24 * 3600_000;

/** The zone an organisation would ask for, from its main area of activity. */
const zoneFor = (areas: ActivityArea[]): StandZone => {
  const first = areas[0];
  if (first === ActivityArea.CHILDREN_AND_YOUTH || first === ActivityArea.EDUCATION) return StandZone.CHILDREN;
  if (first === ActivityArea.SPORT_AND_TOURISM || first === ActivityArea.SAFETY_AND_RESCUE) return StandZone.SPORT;
  if (first === ActivityArea.HEALTH || first === ActivityArea.DISABILITY || first === ActivityArea.SENIORS) return StandZone.HEALTH;
  if (first === ActivityArea.ECOLOGY_AND_ANIMALS) return StandZone.ECOLOGY;
  if (first === ActivityArea.CULTURE_AND_HERITAGE) return StandZone.CULTURE;
  return StandZone.SOCIAL;
};

/**
 * Two fairs on the Old Town square, each with 48 stands in six zones (two reserved for the city):
 * the next one with applications from the demo organisations, most accepted, stands allocated
 * automatically and the map published; the one after it still taking applications.
 */
function squareLayout(em: EntityManager, fair: Fair) {
  // Four rows of twelve 4×3 m stands: two along the north frontage, two along the south, the town hall between.
  const zones = [StandZone.CHILDREN, StandZone.SPORT, StandZone.HEALTH, StandZone.CULTURE, StandZone.ECOLOGY, StandZone.SOCIAL];
  const rows = [{ letter: 'A', y: 2 }, { letter: 'B', y: 5 }, { letter: 'C', y: 36 }, { letter: 'D', y: 39 }];
  rows.forEach(({ letter, y }, r) => {
    for (let i = 0; i < 12; i++) {
      em.create(Stand, {
        fair, code: `${letter}${i + 1}`, zone: zones[(r >= 2 ? 3 : 0) + Math.floor(i / 4)]!, x: 8 + i * 4, y, width: 4, height: 3,
        hasPower: i % 3 === 0, tentProvided: r % 2 === 0, tables: 1 + (i % 2), stepFree: !(letter === 'B' && i === 11),
        reserved: letter === 'A' && i < 2, reservedFor: letter === 'A' && i < 2 ? 'Urząd Miasta – punkt informacyjny' : null,
      });
    }
  });
}

export async function seedFair(em: EntityManager, municipality: Municipality, staff: User, random: Random, now = new Date()) {
  const fairOn = (name: string, days: number, applicationsClose: number, status: FairStatus) => {
    const opensAt = warsawTimeToInstant(warsawDate(new Date(now.getTime() + days * DAY)), '10:00');
    const fair = em.create(Fair, {
      municipality, name, venue: 'Rynek Starego Miasta', opensAt, closesAt: new Date(opensAt.getTime() + 6 * 3600_000),
      applicationsOpenAt: new Date(now.getTime() - 20 * DAY), applicationsCloseAt: new Date(now.getTime() + applicationsClose * DAY),
      planWidth: 64, planHeight: 44, status,
    });
    squareLayout(em, fair);
    return fair;
  };
  const fair = fairOn('Targi Organizacji Pozarządowych – Aktywne Obywatelskie Leszno', 30, -1, FairStatus.APPLICATIONS_OPEN);
  // The one after still takes applications: nobody has applied yet.
  fairOn('Targi Organizacji Pozarządowych – Dni Europy', 60, 25, FairStatus.APPLICATIONS_OPEN);
  const organizations = await em.find(Organization, { municipality, status: OrganizationStatus.PUBLISHED }, { orderBy: { name: 'asc' } });
  const applicants = organizations.slice(0, 40);
  applicants.forEach((organization, i) => {
    em.create(FairApplication, {
      fair, organization, submittedBy: staff,
      needsPower: i % 5 === 0, tablesNeeded: 1 + (i % 2), tent: i % 4 === 0 ? TentNeed.TENT_NEEDED : i % 4 === 1 ? TentNeed.OWN_TENT : TentNeed.NO_TENT,
      needsStepFree: i % 13 === 0, preferredZones: [zoneFor(organization.activityAreas)],
      wantedNeighbors: i % 6 === 0 ? [applicants[(i + 7) % applicants.length]!.id] : [],
      avoidedNeighbors: i % 11 === 0 ? [applicants[(i + 1) % applicants.length]!.id] : [],
      activity: random.pick(['Pokazy i warsztaty dla dzieci.', 'Porady i materiały informacyjne.', 'Zbiórka i rozmowy o wolontariacie.', 'Konkurs z nagrodami.']),
      contactName: `Dyżurny stoiska ${i + 1}`, contactPhone: `+48 600 ${String(100 + i).padStart(3, '0')} 000`,
      status: i % 15 === 7 ? ApplicationStatus.WAITLISTED : i % 19 === 3 ? ApplicationStatus.SUBMITTED : ApplicationStatus.ACCEPTED,
      decisionReason: i % 15 === 7 ? 'Lista rezerwowa: zwolni się stoisko, damy znać.' : null,
    });
  });
  await em.flush();
  const caller: Caller = { municipality: { id: municipality.id, slug: municipality.slug, name: municipality.name }, actor: toActor(staff, new Map()) };
  await runAllocation(em, caller, fair.id);
  fair.status = FairStatus.PUBLISHED;
  await em.flush();
}
