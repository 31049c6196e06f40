import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { seedDirectory } from '../support/directory.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';

/**
 * What a request allocates must die young. Where something keeps a request's objects reachable to
 * V8's young-generation collections until the next full one, every answer is promoted to the old
 * generation, and that grows to several times its live size between full collections: under the
 * directory load the server reached 400 MiB (docs/benchmarks.md). patches/ mends the two
 * dependencies that did it (pg's query promise, Apollo's gateway request context); this holds the
 * whole request path to it.
 */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await seedDirectory(app, 100, 'young');
});
afterAll(() => app.close());

const PAGE = `query($first: Int!) {
  organizations(first: $first) {
    totalCount
    edges { cursor node { id name slug legalForm activityAreas address { city district } members { role user { displayName } } } }
  }
}`;

const oldGenerationBytes = () => v8.getHeapSpaceStatistics()
  .filter((space) => space.space_name === 'old_space' || space.space_name === 'large_object_space')
  .reduce((sum, space) => sum + space.space_used_size, 0);

/** Bytes promoted to the old generation per request, and the answer's JSON length, over `requests` requests. */
async function promotedPerRequest(client: TestClient, query: string, variables: Record<string, unknown>, requests = 40) {
  for (let i = 0; i < 10; i++) await client.ok(query, variables); // compiled and cached
  gc({ type: 'major' });
  gc({ type: 'major' });
  const before = oldGenerationBytes();
  let answerBytes = 0;
  for (let i = 0; i < requests; i++) {
    answerBytes += JSON.stringify(await client.ok(query, variables)).length;
    await new Promise((resolve) => setTimeout(resolve, 10)); // the request's own clean-up runs
    // Two young collections: whatever is still reachable after the request is promoted by the second.
    gc({ type: 'minor' });
    gc({ type: 'minor' });
  }
  return { promoted: (oldGenerationBytes() - before) / requests, answer: answerBytes / requests };
}

test("a directory page's rows and answer die in the young generation", async () => {
  const { client } = await app.clientAs(Role.STAFF);
  await app.sessionRemembered(client);
  // What every request promotes whatever it asks (this process also runs the test's HTTP client).
  const overhead = await promotedPerRequest(client, '{ __typename }', {});
  const page = await promotedPerRequest(client, PAGE, { first: 100 });
  expect(page.answer).toBeGreaterThan(30_000);
  // Measured: without the patches the page promoted 3.6 times its JSON's length more than the
  // overhead (its rows and every object of its answer), with one of them 2.1 times, with both 0.35
  // times (mostly the test's HTTP client reading a longer answer).
  expect(page.promoted - overhead.promoted).toBeLessThan(0.6 * page.answer);
});
