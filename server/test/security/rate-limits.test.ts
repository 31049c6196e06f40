import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { defaultRateLimits } from '../../src/core/rate-limit.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/harness.js';

// The real rules, with short windows so the test can wait them out.
const rateLimits = {
  ...defaultRateLimits,
  signInFailuresPerAccount: { points: 10, durationSeconds: 60, blockSeconds: 2 },
  signUpsPerIp: { points: 3, durationSeconds: 60, blockSeconds: 0 },
  writesPerAccount: { points: 3, durationSeconds: 60, blockSeconds: 0 },
  requestsPerIp: { points: 40, durationSeconds: 60, blockSeconds: 0 },
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ rateLimits });
});
afterAll(() => app.close());

/** A raw request, to see the HTTP status and headers; `address` is what a trusted proxy forwards. */
async function post(query: string, variables: Record<string, unknown>, address: string, cookie?: string) {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-municipality': 'leszno', 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { data?: any; errors?: { extensions: Record<string, unknown> }[] } };
}

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { id } }`;

describe('sign-in', () => {
  test('the 11th wrong password within a minute is refused with the wait, even the right one; after the wait the right one works', async () => {
    const { email } = await app.clientAs(Role.RESIDENT);
    for (let i = 0; i < 10; i++) {
      const { body } = await post(SIGN_IN, { input: { email, password: `wrong-password-${i}` } }, '10.0.0.1');
      expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
    const eleventh = await post(SIGN_IN, { input: { email, password: 'wrong-password-11' } }, '10.0.0.2');
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const wait = eleventh.body.errors![0]!.extensions.retryAfterSeconds as number;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(eleventh.retryAfter).toBe(String(wait));
    // Locked means locked: the right password waits too (from another address as well).
    expect((await post(SIGN_IN, { input: { email, password: TEST_PASSWORD } }, '10.0.0.3')).status).toBe(429);

    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 200));
    const after = await post(SIGN_IN, { input: { email, password: TEST_PASSWORD } }, '10.0.0.3');
    expect(after.status).toBe(200);
    expect(after.body.data.signIn.id).toBeTruthy();
  });

  test('a right password clears the count, so people who mistype now and then are never locked out', async () => {
    const { email } = await app.clientAs(Role.RESIDENT);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) await post(SIGN_IN, { input: { email, password: 'wrong-password' } }, '10.0.1.1');
      expect((await post(SIGN_IN, { input: { email, password: TEST_PASSWORD } }, '10.0.1.1')).status).toBe(200);
    }
  });
});

test('sign-ups are limited per address; another address still may', async () => {
  const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { id } }`;
  const signUp = (n: number, address: string) =>
    post(SIGN_UP, { input: { email: `new-${n}-${address}@test.example`, password: TEST_PASSWORD, displayName: 'Nowa Osoba' } }, address);
  for (let n = 0; n < 3; n++) expect((await signUp(n, '10.0.2.1')).body.data?.signUp.id).toBeTruthy();
  const fourth = await signUp(3, '10.0.2.1');
  expect(fourth.status).toBe(429);
  expect(fourth.body.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
  expect((await signUp(4, '10.0.2.2')).body.data?.signUp.id).toBeTruthy();
});

test('booking-like writes are limited per account, whatever the address', async () => {
  const { client } = await app.clientAs(Role.RESIDENT);
  const REGISTER = `mutation { registerOrganization(input: { name: "x", legalForm: FOUNDATION, description: "short", activityAreas: [], address: { street: "", postalCode: "", city: "" } }) { id } }`;
  const codes = [];
  for (let i = 0; i < 4; i++) codes.push((await post(REGISTER, {}, `10.0.3.${i}`, client.cookie)).body.errors?.[0]?.extensions.code);
  expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'RATE_LIMITED']);
});

test('every address has a general budget of requests, answered with HTTP 429 and Retry-After beyond it', async () => {
  const statuses = [];
  for (let i = 0; i < 41; i++) statuses.push((await post('{ __typename }', {}, '10.0.4.1')).status);
  expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
  const over = await post('{ __typename }', {}, '10.0.4.1');
  expect(over.status).toBe(429);
  expect(Number(over.retryAfter)).toBeGreaterThan(0);
  expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  expect((await post('{ __typename }', {}, '10.0.4.2')).status).toBe(200);
});
