import { afterAll, beforeAll, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { seedDirectory } from '../support/directory.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // 120 published organisations, each with two members, so nested fields have rows to load.
  await seedDirectory(app, 120, 'org');
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
