import { afterAll, beforeAll, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';

/**
 * The directory answers from one SQL statement built for the selection (core/db/json-read.ts);
 * a single organisation answers through its entity. Whatever is asked, by whoever asks, both must
 * say the same about every organisation: the entity path is the oracle.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ demoData: true });
});
afterAll(() => app.close());

const FIELDS = `id slug name shortName legalForm krs nip regon description activityAreas
  address { street postalCode city district latitude longitude } email phone website socialLinks logoUrl
  premisesAccessibility accessibilityNotes lookingForVolunteers publicBenefitYears status createdAt updatedAt
  taxPercentage(taxYear: 2025) viewerRole __typename
  members { id role createdAt __typename user { id displayName role department createdAt email phone } }`;

async function compareEveryOrganization(client: TestClient, selection: string) {
  let after: string | null = null;
  let seen = 0;
  do {
    const page: any = await client.ok(`query($after: String) { organizations(first: 17, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`, { after });
    for (const { node } of page.organizations.edges) {
      const { organization } = await client.ok(`query($slug: String!) { organization(slug: $slug) { ${selection} } }`, { slug: node.slug });
      expect(node).toEqual(organization);
      seen++;
    }
    after = page.organizations.pageInfo.hasNextPage ? page.organizations.pageInfo.endCursor : null;
  } while (after);
  expect(seen).toBeGreaterThan(30);
}

test('anonymous visitors: every field of every organisation as its own page shows it (members hidden)', async () => {
  await compareEveryOrganization(app.client(), FIELDS);
});

test('a member sees the members of their own organisation only, with the same fields', async () => {
  const { client, organizationId } = await app.organizationMember({ name: 'Aaa Fundacja Członków' });
  await compareEveryOrganization(client, FIELDS);
  const { organizations } = await client.ok(`{ organizations(first: 100) { edges { node { id members { user { displayName } } } } } }`);
  const withMembers = organizations.edges.filter((e: any) => e.node.members !== null).map((e: any) => e.node.id);
  expect(withMembers).toEqual([organizationId]);
});

test('staff see every member with private contact fields, the same as on each organisation', async () => {
  const { client } = await app.clientAs(Role.STAFF);
  await compareEveryOrganization(client, FIELDS);
  // Aliases and fragments ask for the union of their fields.
  const { organizations } = await client.ok(`{ organizations(first: 3) { edges { node { a: name b: slug ...F members { user { ...U } } } } } }
    fragment F on Organization { name address { city } }
    fragment U on User { displayName email }`);
  for (const { node } of organizations.edges) {
    expect(node.a).toBe(node.name);
    expect(typeof node.b).toBe('string');
    expect(node.address.city).toBeTruthy();
    for (const member of node.members) expect(member.user.email).toMatch(/@/);
  }
});
