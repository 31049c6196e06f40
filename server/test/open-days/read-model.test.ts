import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';

/**
 * The programme answers from one SQL statement built for the selection; an activity's slots answer
 * through their entities. For every slot of the demo programme, both must agree on every field,
 * for anonymous visitors and for a resident with bookings and waiting-list places.
 */
let app: TestApp;
beforeAll(async () => {
  // Comparing asks for every field of hundreds of slots at once: more than the public cost limit.
  app = await startTestApp({ demoData: true, queryLimits: { maxCost: 1_000_000 } });
});
afterAll(() => app.close());

const SLOT = `id startsAt endsAt capacity maxPartySize seatsLeft confirmedSeats waitlisted bookable __typename
  viewerBooking { id status code partySize queueNumber attendance createdAt cancelledAt holderName }
  activity { id title type audience description placeNotes accessibilityNotes status createdAt
    place { street postalCode city district latitude longitude }
    organization { id name slug legalForm address { city } taxPercentage(taxYear: 2025) viewerRole members { role } } }`;

async function compareProgramme(client: TestClient) {
  const { openDaysEditions } = await client.ok('{ openDaysEditions { id status } }');
  const edition = openDaysEditions.find((e: { status: string }) => e.status === 'PUBLISHED');
  const { openDaysActivities } = await client.ok(`query($id: ID!) { openDaysActivities(editionId: $id) { slots { ${SLOT} } } }`, { id: edition.id });
  const byEntity = new Map<string, unknown>();
  for (const activity of openDaysActivities) for (const slot of activity.slots) byEntity.set(slot.id, slot);

  let after: string | null = null;
  let seen = 0;
  let booked = 0;
  do {
    const { openDaysProgramme: page }: any = await client.ok(
      `query($id: ID!, $after: String) { openDaysProgramme(editionId: $id, first: 37, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${SLOT} } } } }`,
      { id: edition.id, after },
    );
    for (const { node } of page.edges) {
      expect(node).toEqual(byEntity.get(node.id));
      seen++;
      if (node.viewerBooking) booked++;
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  expect(seen).toBe(byEntity.size);
  expect(seen).toBeGreaterThan(100);
  return booked;
}

test('anonymous visitors: every slot of the programme reads the same as through its activity', async () => {
  expect(await compareProgramme(app.client())).toBe(0);
});

test('a resident sees their own bookings on the programme as on each activity', async () => {
  const resident = await app.client().signIn('mieszkaniec1@leszno.example', DEMO_PASSWORD);
  expect(await compareProgramme(resident)).toBeGreaterThan(0);
});

test('the programme costs the same number of SQL statements for 5 and 100 slots', async () => {
  const resident = await app.client().signIn('mieszkaniec1@leszno.example', DEMO_PASSWORD);
  const { openDaysEditions } = await resident.ok('{ openDaysEditions { id status } }');
  const id = openDaysEditions.find((e: { status: string }) => e.status === 'PUBLISHED').id;
  const page = (first: number) => resident.ok(`query($id: ID!, $first: Int!) { openDaysProgramme(editionId: $id, first: $first) { totalCount edges { node { ${SLOT} } } } }`, { id, first });
  const small = await app.countQueries(() => page(5));
  const large = await app.countQueries(() => page(100));
  expect(large).toBe(small);
  // The session with memberships, the edition, totalCount, the page, and the users named on the
  // viewer's bookings (holderName, asked here; the programme page does not ask it).
  expect(small).toBeLessThanOrEqual(5);
});
