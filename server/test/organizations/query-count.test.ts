import { afterAll, beforeAll, expect, test } from 'vitest';
import { MembershipRole, Role } from '../../src/core/auth/roles.js';
import { createUser } from '../../src/modules/accounts/index.js';
import { Membership, Organization } from '../../src/modules/organizations/index.js';
import { LegalForm, OrganizationStatus } from '../../src/modules/organizations/organization.enums.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // 120 published organisations, each with two members, so nested fields have rows to load.
  const em = app.em();
  const municipality = await app.municipalityId('leszno');
  const users = await Promise.all([0, 1].map((i) => createUser(app.em(), municipality, { email: `m${i}@test.example`, password: TEST_PASSWORD, displayName: `Member ${i}` })));
  for (let i = 0; i < 120; i++) {
    const organization = em.create(Organization, {
      municipality, slug: `org-${i}`, name: `Organizacja ${String(i).padStart(3, '0')}`, legalForm: LegalForm.ASSOCIATION,
      status: OrganizationStatus.PUBLISHED, description: 'Opis organizacji testowej.', publicBenefitYears: [2025],
      address: { street: 'ul. Testowa 1', postalCode: '64-100', city: 'Leszno', district: 'Zatorze' },
    });
    for (const user of users) em.create(Membership, { organization, user: user.id, role: MembershipRole.EDITOR });
  }
  await em.flush();
});
afterAll(() => app.close());

const LIST = `query($first: Int!) {
  organizations(first: $first) {
    totalCount
    edges { node { name slug address { city district } taxPercentage(taxYear: 2025) viewerRole members { role user { displayName email } } } }
  }
}`;

test('the directory with nested members and users costs the same number of SQL statements for 10 and 100 rows', async () => {
  // Staff see member lists, so every nested resolver runs for every row.
  const { client } = await app.clientAs(Role.STAFF);
  await app.sessionRemembered(client);
  let small: any;
  let large: any;
  const forTen = await app.countQueries(async () => (small = await client.ok(LIST, { first: 10 })));
  const forHundred = await app.countQueries(async () => (large = await client.ok(LIST, { first: 100 })));

  expect(small.organizations.edges).toHaveLength(10);
  expect(large.organizations.edges).toHaveLength(100);
  expect(large.organizations.edges.every((e: any) => e.node.members.length === 2 && e.node.members[0].user.displayName)).toBe(true);
  expect(forHundred).toBe(forTen);
  // One statement for the page with its count, members and their users (the municipality and the
  // session with its user and memberships are remembered).
  expect(forTen).toBe(1);
});
