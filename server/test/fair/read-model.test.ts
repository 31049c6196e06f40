import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';

/**
 * `fair(id:)` answers the plan page from one SQL statement; the `fairs` list answers through
 * entities and the field resolvers' own queries. For every fair, each caller must get the same
 * plan both ways, with the same visibility rules.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ demoData: true, queryLimits: { maxCost: 1_000_000 } });
});
afterAll(() => app.close());

const PLAN = `id name venue status opensAt closesAt applicationsOpenAt applicationsCloseAt planWidth planHeight createdAt
  stands { id code zone x y width height hasPower tentProvided tables stepFree reserved reservedFor }
  placements { standId applicationId organization { id name slug address { city } } }
  applications { id status decisionReason needsPower tablesNeeded tent needsStepFree preferredZones wantedNeighbors avoidedNeighbors
    activity contactName contactPhone createdAt updatedAt organization { id name } }`;

async function comparePlans(client: TestClient) {
  const { fairs } = await client.ok(`{ fairs { ${PLAN} } }`);
  expect(fairs.length).toBeGreaterThan(0);
  let placements = 0;
  let applications = 0;
  for (const byEntity of fairs) {
    const { fair } = await client.ok(`query($id: ID!) { fair(id: $id) { ${PLAN} } }`, { id: byEntity.id });
    expect(fair).toEqual(byEntity);
    placements += fair.placements.length;
    applications += fair.applications.length;
  }
  return { placements, applications };
}

test('anonymous visitors see the published plan the same both ways, and no applications', async () => {
  const seen = await comparePlans(app.client());
  expect(seen.placements).toBeGreaterThan(10);
  expect(seen.applications).toBe(0);
});

test('staff see every application and placement the same both ways', async () => {
  const staff = await app.client().signIn('biuro@leszno.example', DEMO_PASSWORD);
  const seen = await comparePlans(staff);
  expect(seen.applications).toBeGreaterThan(seen.placements - 1);
});

test('a member sees their organisation’s applications only, the same both ways', async () => {
  const member = await app.client().signIn('organizacja@leszno.example', DEMO_PASSWORD);
  await comparePlans(member);
});

test('the plan costs the same number of SQL statements however many stands and placements it has', async () => {
  const client = app.client();
  const { fairs } = await client.ok('{ fairs { id status } }');
  const published = fairs.find((f: { status: string }) => f.status === 'PUBLISHED');
  const count = await app.countQueries(() => client.ok(`query($id: ID!) { fair(id: $id) { ${PLAN} } }`, { id: published.id }));
  // The plan with its visibility and its lists in one statement: independent of the number of stands.
  expect(count).toBe(1);
});
