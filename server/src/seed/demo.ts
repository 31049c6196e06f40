import type { EntityManager } from '@mikro-orm/postgresql';
import { MembershipRole, Role } from '../core/auth/roles.js';
import { slugify } from '../core/slug.js';
import { createUser, User } from '../modules/accounts/index.js';
import { ensureMunicipality, Municipality } from '../modules/municipalities/index.js';
import { Membership, Organization } from '../modules/organizations/index.js';
import { completeNip, completeRegon } from '../modules/organizations/identifiers.js';
import { AccessibilityFeature, LegalForm, OrganizationStatus } from '../modules/organizations/organization.enums.js';
import { czerwionkaOrganizations, czerwionkaPlaces, type DemoOrganization, lesznoOrganizations, lesznoPlaces, type Places, streets } from './organizations.data.js';
import { seedBaubles } from './baubles.js';
import { seedFair } from './fair.js';
import { seedSpeedDating } from './speed-dating.js';
import { seedOpenDays } from './open-days.js';
import { seedPublicNotices } from './public-notices.js';
import { type Random, seededRandom } from './random.js';

/** Every demo account uses this password (also in the README). */
export const DEMO_PASSWORD = 'razem-demo';

/** Legal forms that are entered in the National Court Register and so have a KRS number. */
const IN_KRS = new Set([LegalForm.FOUNDATION, LegalForm.ASSOCIATION, LegalForm.SPORTS_CLUB, LegalForm.VOLUNTEER_FIRE_BRIGADE, LegalForm.SOCIAL_COOPERATIVE]);

function validNip(random: Random): string {
  for (;;) {
    const nip = completeNip(String(random.int(1, 9)) + random.digits(8));
    if (nip) return nip;
  }
}

function organizationRecord(em: EntityManager, municipality: Municipality, data: DemoOrganization, index: number, places: Places, random: Random) {
  const registered = IN_KRS.has(data.legalForm);
  // A few are waiting for verification and one has closed down, so staff screens have something to do.
  const status = index % 13 === 5 ? OrganizationStatus.PENDING : index === 17 ? OrganizationStatus.ARCHIVED : OrganizationStatus.PUBLISHED;
  const publicBenefit = registered && random.chance(0.6);
  const firstOppYear = random.int(2015, 2023);
  const slug = slugify(data.shortName ?? data.name);
  return em.create(Organization, {
    municipality,
    slug,
    name: data.name,
    shortName: data.shortName ?? null,
    legalForm: data.legalForm,
    krs: registered ? `0000${random.digits(6)}` : null,
    nip: registered ? validNip(random) : null,
    regon: registered ? completeRegon(String(random.int(30, 99)) + random.digits(6)) : null,
    description: data.description,
    activityAreas: data.areas,
    address: {
      street: `ul. ${random.pick(streets)} ${random.int(1, 120)}`,
      postalCode: places.postalCode,
      city: places.city,
      district: random.pick(places.districts),
      latitude: places.center[0] + (random.next() - 0.5) * 0.03,
      longitude: places.center[1] + (random.next() - 0.5) * 0.05,
    },
    email: `kontakt@${slug}.example.org`,
    phone: `+48 65 ${random.int(500, 599)} ${random.int(10, 99)} ${random.int(10, 99)}`,
    website: `https://${slug}.example.org`,
    socialLinks: random.chance(0.5) ? [`https://facebook.example.com/${slug}`] : [],
    premisesAccessibility: random.chance(0.6) ? [AccessibilityFeature.STEP_FREE_ENTRANCE, ...(random.chance(0.5) ? [AccessibilityFeature.ACCESSIBLE_TOILET] : [])] : [],
    accessibilityNotes: null,
    lookingForVolunteers: data.volunteers ?? false,
    publicBenefitYears: publicBenefit ? Array.from({ length: 2026 - firstOppYear + 1 }, (_, i) => firstOppYear + i) : [],
    status,
  });
}

interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  department?: string;
  /** index into the municipality's organisation list */
  memberOf?: { organization: number; role: MembershipRole }[];
}

const lesznoAccounts: DemoAccount[] = [
  { email: 'admin@leszno.example', displayName: 'Administrator Demo', role: Role.ADMIN },
  { email: 'biuro@leszno.example', displayName: 'Pracownik Biura Demo', role: Role.STAFF },
  { email: 'urzednik@leszno.example', displayName: 'Urzędnik Demo', role: Role.OFFICIAL, department: 'Wydział Spraw Społecznych' },
  { email: 'mieszkaniec@leszno.example', displayName: 'Mieszkaniec Demo', role: Role.RESIDENT },
  {
    email: 'organizacja@leszno.example', displayName: 'Członek Organizacji Demo', role: Role.RESIDENT,
    memberOf: [{ organization: 0, role: MembershipRole.OWNER }, { organization: 5, role: MembershipRole.EDITOR }],
  },
];

const czerwionkaAccounts: DemoAccount[] = [
  { email: 'biuro@czerwionka.example', displayName: 'Pracownik Centrum Demo', role: Role.STAFF },
  { email: 'mieszkaniec@czerwionka.example', displayName: 'Mieszkanka Demo', role: Role.RESIDENT },
  { email: 'organizacja@czerwionka.example', displayName: 'Członkini Stowarzyszenia Demo', role: Role.RESIDENT, memberOf: [{ organization: 0, role: MembershipRole.OWNER }] },
];

async function seedMunicipality(
  em: EntityManager, slug: string, name: string, organizations: DemoOrganization[], places: Places, accounts: DemoAccount[], seed: number,
) {
  const random = seededRandom(seed);
  const municipality = await ensureMunicipality(em, slug, name);
  const records = organizations.map((data, i) => organizationRecord(em, municipality, data, i, places, random));
  for (const account of accounts) {
    const user = await createUser(em, municipality.id, { ...account, password: DEMO_PASSWORD, phone: '+48 600 000 000' });
    for (const m of account.memberOf ?? []) em.create(Membership, { organization: records[m.organization]!, user, role: m.role });
  }
  await em.flush();
  const staff = await em.findOneOrFail(User, { municipality, role: Role.STAFF });
  return { municipality, random, staff };
}

/** Loads the demo data once: does nothing when the database already has municipalities. */
export async function seedDemoData(em: EntityManager): Promise<boolean> {
  if (await em.count(Municipality, {})) return false;
  await em.transactional(async (tx) => {
    const leszno = await seedMunicipality(tx, 'leszno', 'Leszno', lesznoOrganizations, lesznoPlaces, lesznoAccounts, 2026);
    await seedOpenDays(tx, leszno.municipality, leszno.random);
    await seedBaubles(tx, leszno.municipality, leszno.staff);
    await seedFair(tx, leszno.municipality, leszno.staff, leszno.random);
    await seedSpeedDating(tx, leszno.municipality, leszno.staff);
    seedPublicNotices(tx, leszno.municipality, {
      bodyPl: 'Urząd Miasta Leszna', bodyEn: 'Leszno Town Hall', address: 'ul. Przykładowa 1, 64-100 Leszno', domain: 'leszno.example',
      contactName: 'Anna Przykładowa', phone: '+48 65 000 00 00',
    });
    const czerwionka = await seedMunicipality(tx, 'czerwionka-leszczyny', 'Czerwionka-Leszczyny', czerwionkaOrganizations, czerwionkaPlaces, czerwionkaAccounts, 44230);
    seedPublicNotices(tx, czerwionka.municipality, {
      bodyPl: 'Urząd Gminy i Miasta Czerwionka-Leszczyny', bodyEn: 'Czerwionka-Leszczyny Town and Commune Office', address: 'ul. Przykładowa 2, 44-230 Czerwionka-Leszczyny',
      domain: 'czerwionka.example', contactName: 'Jan Przykładowy', phone: '+48 32 000 00 00',
    });
  });
  return true;
}
