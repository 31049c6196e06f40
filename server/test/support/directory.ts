import { MembershipRole } from '../../src/core/auth/roles.js';
import { createUser } from '../../src/modules/accounts/index.js';
import { Membership, Organization } from '../../src/modules/organizations/index.js';
import { LegalForm, OrganizationStatus } from '../../src/modules/organizations/organization.enums.js';
import { TEST_PASSWORD, type TestApp } from './harness.js';

/** `count` published organisations in Leszno, each with the same two members, so a directory page's nested fields have rows to load. */
export async function seedDirectory(app: TestApp, count: number, slugPrefix: string): Promise<void> {
  const em = app.em();
  const municipality = await app.municipalityId('leszno');
  const users = await Promise.all([0, 1].map((i) => createUser(app.em(), municipality, {
    email: `${slugPrefix}-member${i}@test.example`, password: TEST_PASSWORD, displayName: `Member ${i}`,
  })));
  for (let i = 0; i < count; i++) {
    const organization = em.create(Organization, {
      municipality, slug: `${slugPrefix}-${i}`, name: `Organizacja ${String(i).padStart(3, '0')}`, legalForm: LegalForm.ASSOCIATION,
      status: OrganizationStatus.PUBLISHED, description: 'Opis organizacji testowej.', publicBenefitYears: [2025],
      address: { street: 'ul. Testowa 1', postalCode: '64-100', city: 'Leszno', district: 'Zatorze' },
    });
    for (const user of users) em.create(Membership, { organization, user: user.id, role: MembershipRole.EDITOR });
  }
  await em.flush();
}
