import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MembershipRole, Role } from '../../src/core/auth/roles.js';
import { runDeadlineChores } from '../../src/modules/baubles/index.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';

let app: TestApp;
let staff: TestClient;
beforeAll(async () => {
  app = await startTestApp();
  staff = (await app.clientAs(Role.STAFF)).client;
});
afterAll(() => app.close());

const DAY = 24 * 3600_000;
const CREATE = `mutation($input: CampaignInput!) { createBaubleCampaign(input: $input) { id status baublesInStock pickupWindows { id } } }`;
const SIGN_UP = `mutation($input: BaubleSignupInput!) { signUpForBaubles(input: $input) { id status code quantity queueNumber holderName } }`;
const PICKUP = `mutation($c: ID!, $input: DeskQuantityInput!) { recordBaublePickup(campaignId: $c, input: $input) { status pickedUpQuantity } }`;
const RETURN = `mutation($c: ID!, $input: DeskQuantityInput!) { recordBaubleReturn(campaignId: $c, input: $input) { status returnedQuantity history { fromStatus toStatus actorName note } } }`;
const CANCEL = `mutation($id: ID!) { cancelBaubleSignup(id: $id) { status } }`;

let year = 2030;
const campaignInput = (overrides: Record<string, unknown> = {}) => ({
  year: year++, title: 'Wspólne ubieranie choinki', baublesPrepared: 20, limitOrganization: 10, limitInstitution: 8, limitResident: 3,
  pickupPlace: 'Biuro NGO, ul. Przykładowa 1', treeEventPlace: 'Rynek',
  pickupWindows: [{ startsAt: new Date(Date.now() + DAY).toISOString(), endsAt: new Date(Date.now() + DAY + 4 * 3600_000).toISOString() }],
  returnDeadline: new Date(Date.now() + 10 * DAY).toISOString(), treeEventAt: new Date(Date.now() + 11 * DAY).toISOString(), ...overrides,
});

async function openCampaign(overrides: Record<string, unknown> = {}) {
  const { createBaubleCampaign } = await staff.ok(CREATE, { input: campaignInput(overrides) });
  await staff.ok(`mutation($id: ID!) { setBaubleCampaignStatus(id: $id, status: OPEN) { id } }`, { id: createBaubleCampaign.id });
  return { id: createBaubleCampaign.id as string, windowId: createBaubleCampaign.pickupWindows[0].id as string };
}

const resident = async () => (await app.clientAs(Role.RESIDENT)).client;
const residentSignUp = (client: TestClient, c: { id: string; windowId: string }, quantity: number) =>
  client.request(SIGN_UP, { input: { campaignId: c.id, kind: 'RESIDENT', quantity, pickupWindowId: c.windowId } });
const stock = async (id: string) => (await staff.ok(`query($id: ID!) { baubleCampaign(id: $id) { baublesInStock } }`, { id })).baubleCampaign.baublesInStock;

describe('campaigns', () => {
  test('staff create a draft with its stock; bad windows are refused per field; others may not', async () => {
    const takenYear = year;
    const { createBaubleCampaign } = await staff.ok(CREATE, { input: campaignInput() });
    expect(createBaubleCampaign).toMatchObject({ status: 'DRAFT', baublesInStock: 20 });
    expect((await app.client().fails(`query($id: ID!) { baubleCampaign(id: $id) { id } }`, { id: createBaubleCampaign.id })).extensions?.code).toBe('NOT_FOUND');
    const bad = await staff.fails(CREATE, { input: campaignInput({ pickupWindows: [{ startsAt: '2030-12-02T10:00:00Z', endsAt: '2030-12-02T09:00:00Z' }] }) });
    expect(bad.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'pickupWindows.0.endsAt' }));
    const none = await staff.fails(CREATE, { input: campaignInput({ pickupWindows: [] }) });
    expect(none.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'pickupWindows', code: 'arrayMinSize' }));
    const sameYear = await staff.fails(CREATE, { input: campaignInput({ year: takenYear }) });
    expect(sameYear.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE', fields: [{ field: 'year', code: 'conflict' }] });
    expect((await (await resident()).fails(CREATE, { input: campaignInput() })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(CREATE, { input: campaignInput() })).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('sign-ups', () => {
  test('reserve within the limit per kind; beyond the stock, a waiting list served when baubles come back', async () => {
    const c = await openCampaign({ baublesPrepared: 5 });
    const [a, b, d] = [await resident(), await resident(), await resident()];
    expect((await residentSignUp(a, c, 4)).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'quantity', code: 'max' })] });
    const first = (await residentSignUp(a, c, 3)).data!.signUpForBaubles;
    expect(first).toMatchObject({ status: 'RESERVED', quantity: 3, queueNumber: null });
    expect(first.code).toMatch(/^[A-Z2-9]{6}$/);
    const small = (await residentSignUp(d, c, 2)).data!.signUpForBaubles;
    expect(small.status).toBe('RESERVED');
    const waiting = (await residentSignUp(b, c, 2)).data!.signUpForBaubles;
    expect(waiting).toMatchObject({ status: 'WAITLISTED', queueNumber: 1 });
    expect(await stock(c.id)).toBe(0);
    expect((await residentSignUp(a, c, 1)).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_SIGNED_UP' });

    // Picking up fewer than reserved returns the rest to stock; the waiting list gets them.
    expect((await staff.ok(PICKUP, { c: c.id, input: { code: first.code.toLowerCase(), quantity: 1 } })).recordBaublePickup).toEqual({ status: 'PICKED_UP', pickedUpQuantity: 1 });
    const after = (await b.ok(`query($c: ID!) { myBaubleSignups(campaignId: $c) { status } }`, { c: c.id })).myBaubleSignups;
    expect(after).toEqual([{ status: 'RESERVED' }]);
    expect(await stock(c.id)).toBe(0);
    const [{ kind }] = await app.em().getConnection().execute<{ kind: string }[]>(`select kind from outbox_message where body like ? order by created_at desc limit 1`, [`%${waiting.code}%`]);
    expect(kind).toBe('baubles.promoted');
  });

  test('the e-mails count baubles in correct Polish', async () => {
    const c = await openCampaign({ baublesPrepared: 30, limitResident: 25 });
    const bodyFor = async (code: string) =>
      (await app.em().getConnection().execute<{ body: string }[]>(`select body from outbox_message where body like ? order by created_at desc limit 1`, [`%${code}%`]))[0]!.body;
    const sentences: string[] = [];
    for (const quantity of [1, 2, 5, 22]) {
      const { code } = (await residentSignUp(await resident(), c, quantity)).data!.signUpForBaubles;
      sentences.push((await bodyFor(code)).split('\n')[0]!);
    }
    // 30 prepared, 30 reserved: the next one waits.
    const waiting = (await residentSignUp(await resident(), c, 12)).data!.signUpForBaubles;
    expect(waiting.status).toBe('WAITLISTED');
    sentences.push((await bodyFor(waiting.code)).split('\n')[0]!);
    expect(sentences).toEqual([
      'Zarezerwowaliśmy dla Ciebie 1 bombkę.',
      'Zarezerwowaliśmy dla Ciebie 2 bombki.',
      'Zarezerwowaliśmy dla Ciebie 5 bombek.',
      'Zarezerwowaliśmy dla Ciebie 22 bombki.',
      'Bombki się skończyły, więc czekasz na liście rezerwowej na 12 bombek. Napiszemy, gdy któreś wrócą.',
    ]);
  });

  test('organisations sign up through a member; institutions by name; nobody signs up for an organisation they are not in', async () => {
    const c = await openCampaign();
    const { client: member, organizationId } = await app.organizationMember({ role: MembershipRole.EDITOR, name: 'Stowarzyszenie Bombkowe' });
    const input = { campaignId: c.id, kind: 'ORGANIZATION', organizationId, quantity: 10, pickupWindowId: c.windowId };
    expect((await member.ok(SIGN_UP, { input })).signUpForBaubles).toMatchObject({ status: 'RESERVED', holderName: 'Stowarzyszenie Bombkowe' });
    expect((await (await resident()).fails(SIGN_UP, { input: { ...input, quantity: 1 } })).extensions?.code).toBe('FORBIDDEN');
    expect((await member.fails(SIGN_UP, { input: { ...input, organizationId: null } })).extensions?.fields).toContainEqual(expect.objectContaining({ field: 'organizationId' }));
    const school = await member.ok(SIGN_UP, { input: { campaignId: c.id, kind: 'INSTITUTION', institutionName: 'Przedszkole nr 7', quantity: 8, pickupWindowId: c.windowId } });
    expect(school.signUpForBaubles.holderName).toBe('Przedszkole nr 7');
    expect((await member.fails(SIGN_UP, { input: { campaignId: c.id, kind: 'INSTITUTION', quantity: 2, pickupWindowId: c.windowId } })).extensions?.fields)
      .toContainEqual(expect.objectContaining({ field: 'institutionName' }));
  });

  test('a closed or draft campaign takes no sign-ups; anonymous users must sign in; another municipality cannot reach it', async () => {
    const c = await openCampaign();
    expect((await residentSignUp(app.client(), c, 1)).errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
    const { client: elsewhere } = await app.clientAs(Role.RESIDENT, { municipality: 'czerwionka-leszczyny' });
    expect((await residentSignUp(elsewhere, c, 1)).errors![0]!.extensions?.code).toBe('NOT_FOUND');
    await staff.ok(`mutation($id: ID!) { setBaubleCampaignStatus(id: $id, status: CLOSED) { id } }`, { id: c.id });
    expect((await staff.fails(`mutation($id: ID!) { setBaubleCampaignStatus(id: $id, status: DRAFT) { id } }`, { id: c.id })).extensions)
      .toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION', currentStatus: 'CLOSED', requestedStatus: 'DRAFT', allowedStatuses: ['OPEN'] });
    expect((await residentSignUp(await resident(), c, 1)).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_OPEN' });
  });

  test('cancelling returns reserved baubles; only the person who signed up may cancel', async () => {
    const c = await openCampaign({ baublesPrepared: 3 });
    const owner = await resident();
    const signup = (await residentSignUp(owner, c, 3)).data!.signUpForBaubles;
    expect((await (await resident()).fails(CANCEL, { id: signup.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await staff.fails(CANCEL, { id: signup.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await owner.ok(CANCEL, { id: signup.id })).cancelBaubleSignup.status).toBe('CANCELLED');
    expect(await stock(c.id)).toBe(3);
    expect((await owner.fails(CANCEL, { id: signup.id })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_CANCELLABLE' });
  });
});

describe('the desk', () => {
  test('pickup at most the reservation, return at most the pickup, every step recorded with who and when', async () => {
    const c = await openCampaign();
    const owner = await resident();
    const signup = (await residentSignUp(owner, c, 3)).data!.signUpForBaubles;
    expect((await staff.fails(PICKUP, { c: c.id, input: { code: signup.code, quantity: 4 } })).extensions?.fields).toContainEqual(expect.objectContaining({ field: 'quantity' }));
    expect((await staff.fails(RETURN, { c: c.id, input: { code: signup.code, quantity: 1 } })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PICKED_UP' });
    await staff.ok(PICKUP, { c: c.id, input: { code: signup.code, quantity: 3 } });
    expect((await staff.fails(RETURN, { c: c.id, input: { code: signup.code, quantity: 4 } })).extensions?.code).toBe('BAD_USER_INPUT');
    const { recordBaubleReturn } = await staff.ok(RETURN, { c: c.id, input: { code: signup.code, quantity: 3 } });
    expect(recordBaubleReturn.status).toBe('RETURNED');
    expect(recordBaubleReturn.history.map((h: any) => [h.fromStatus, h.toStatus])).toEqual([[null, 'RESERVED'], ['RESERVED', 'PICKED_UP'], ['PICKED_UP', 'RETURNED']]);
    expect(recordBaubleReturn.history[1].actorName).toBe('Test STAFF');
    expect((await owner.fails(PICKUP, { c: c.id, input: { code: signup.code, quantity: 1 } })).extensions?.code).toBe('FORBIDDEN');
    expect((await staff.fails(PICKUP, { c: c.id, input: { code: 'ZZZZZZ', quantity: 1 } })).extensions?.fields).toContainEqual(expect.objectContaining({ field: 'code', code: 'unknownCode' }));
  });

  test('staff find sign-ups by code or name; the dashboard counts by kind and status; CSV export', async () => {
    const c = await openCampaign();
    const { client } = await app.clientAs(Role.RESIDENT, { displayName: 'Zofia Bombkowska' });
    const signup = (await residentSignUp(client, c, 2)).data!.signUpForBaubles;
    const SEARCH = `query($c: ID!, $s: String!) { baubleDeskSearch(campaignId: $c, search: $s) { code holderName } }`;
    expect((await staff.ok(SEARCH, { c: c.id, s: 'bombkow' })).baubleDeskSearch).toEqual([{ code: signup.code, holderName: 'Zofia Bombkowska' }]);
    expect((await staff.ok(SEARCH, { c: c.id, s: signup.code })).baubleDeskSearch).toHaveLength(1);
    expect((await client.fails(SEARCH, { c: c.id, s: 'x' })).extensions?.code).toBe('FORBIDDEN');
    const { baubleDashboard } = await staff.ok(`query($c: ID!) { baubleDashboard(campaignId: $c) { kind status signups baubles } }`, { c: c.id });
    expect(baubleDashboard).toEqual([{ kind: 'RESIDENT', status: 'RESERVED', signups: 1, baubles: 2 }]);
    const { baubleSignupsCsv } = await staff.ok(`query($c: ID!) { baubleSignupsCsv(campaignId: $c) }`, { c: c.id });
    expect(baubleSignupsCsv).toContain(`${signup.code},RESIDENT,Zofia Bombkowska`);
  });

  test('two days before the deadline holders are reminded once; after it, unreturned baubles are OVERDUE', async () => {
    const c = await openCampaign({ returnDeadline: new Date(Date.now() + 3 * DAY).toISOString() });
    const holder = await resident();
    const signup = (await residentSignUp(holder, c, 2)).data!.signUpForBaubles;
    await staff.ok(PICKUP, { c: c.id, input: { code: signup.code, quantity: 2 } });
    const reminders = async () => (await app.em().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from outbox_message where kind = 'baubles.reminder' and body like ?`, [`%${signup.code}%`]))[0]!.n;
    await runDeadlineChores(app.em(), new Date(Date.now() + 0.5 * DAY));
    expect(await reminders()).toBe(0);
    await runDeadlineChores(app.em(), new Date(Date.now() + 1.5 * DAY));
    await runDeadlineChores(app.em(), new Date(Date.now() + 2 * DAY));
    expect(await reminders()).toBe(1);
    await runDeadlineChores(app.em(), new Date(Date.now() + 4 * DAY));
    const { myBaubleSignups } = await holder.ok(`query($c: ID!) { myBaubleSignups(campaignId: $c) { status history { toStatus actorName } } }`, { c: c.id });
    expect(myBaubleSignups[0].status).toBe('OVERDUE');
    expect(myBaubleSignups[0].history.at(-1)).toEqual({ toStatus: 'OVERDUE', actorName: null });
    // Late baubles are still welcome.
    expect((await staff.ok(RETURN, { c: c.id, input: { code: signup.code, quantity: 2 } })).recordBaubleReturn.status).toBe('RETURNED');
  });
});

describe('greetings', () => {
  test('participants post, staff approve, the wall shows only approved ones', async () => {
    const c = await openCampaign();
    const POST = `mutation($input: GreetingInput!) { postGreeting(input: $input) { id status signature } }`;
    const outsider = await resident();
    expect((await outsider.fails(POST, { input: { campaignId: c.id, text: 'Wesołych Świąt!' } })).extensions?.code).toBe('FORBIDDEN');
    const participant = (await app.clientAs(Role.RESIDENT, { displayName: 'Jan Choinkowy' })).client;
    await residentSignUp(participant, c, 1);
    expect((await participant.fails(POST, { input: { campaignId: c.id, text: 'x'.repeat(281) } })).extensions?.fields).toContainEqual(expect.objectContaining({ field: 'text' }));
    const { postGreeting } = await participant.ok(POST, { input: { campaignId: c.id, text: 'Wesołych Świąt, Leszno!' } });
    expect(postGreeting).toMatchObject({ status: 'PENDING', signature: 'Jan Choinkowy' });
    const WALL = `query($c: ID!) { greetings(campaignId: $c) { text signature } }`;
    expect((await app.client().ok(WALL, { c: c.id })).greetings).toEqual([]);
    expect((await participant.fails(`query($c: ID!) { greetings(campaignId: $c, status: PENDING) { id } }`, { c: c.id })).extensions?.code).toBe('FORBIDDEN');
    const MODERATE = `mutation($id: ID!) { moderateGreeting(id: $id, status: APPROVED) { status } }`;
    expect((await participant.fails(MODERATE, { id: postGreeting.id })).extensions?.code).toBe('FORBIDDEN');
    await staff.ok(MODERATE, { id: postGreeting.id });
    expect((await app.client().ok(WALL, { c: c.id })).greetings).toEqual([{ text: 'Wesołych Świąt, Leszno!', signature: 'Jan Choinkowy' }]);
  });
});

test('200 simultaneous sign-ups never take the stock below zero and queue the rest in order', async () => {
  const c = await openCampaign({ baublesPrepared: 150, limitResident: 3 });
  const people = await app.clientsAs(Role.RESIDENT, 200);
  const results = await Promise.all(people.map(({ client }, i) => residentSignUp(client, c, (i % 3) + 1)));
  expect(results.filter((r) => r.errors)).toEqual([]);
  const rows = await app.em().getConnection().execute<{ status: string; quantity: number; queue_number: number | null }[]>(
    `select status, quantity, queue_number from bauble_signup where campaign_id = ? order by queue_number`, [c.id],
  );
  const reserved = rows.filter((r) => r.status === 'RESERVED').reduce((n, r) => n + r.quantity, 0);
  const left = await stock(c.id);
  expect(left).toBeGreaterThanOrEqual(0);
  expect(reserved + left).toBe(150);
  const waiting = rows.filter((r) => r.status === 'WAITLISTED');
  expect(waiting.map((w) => w.queue_number)).toEqual(waiting.map((_, i) => i + 1));
  for (const w of waiting) expect(w.quantity).toBeGreaterThan(left);
});

describe('two desks at once', () => {
  test('the same return recorded at two desks at the same moment is recorded once, and its history stays consistent', async () => {
    const c = await openCampaign({ baublesPrepared: 60, limitResident: 3 });
    const holders = await app.clientsAs(Role.RESIDENT, 13);
    const secondDesk = (await app.clientAs(Role.STAFF)).client;
    const codes: string[] = [];
    for (const { client } of holders) {
      const { code } = (await residentSignUp(client, c, 3)).data!.signUpForBaubles;
      await staff.ok(PICKUP, { c: c.id, input: { code, quantity: 3 } });
      codes.push(code);
    }
    // Each sign-up returned at both desks at once, with different counts: one desk wins, the other is told.
    const answers = await Promise.all(codes.flatMap((code) => [
      staff.request(RETURN, { c: c.id, input: { code, quantity: 3 } }),
      secondDesk.request(RETURN, { c: c.id, input: { code, quantity: 2 } }),
    ]));
    for (let i = 0; i < codes.length; i++) {
      const [first, second] = [answers[2 * i]!, answers[2 * i + 1]!];
      const won = [first, second].filter((a) => !a.errors);
      expect(won, JSON.stringify([first.errors, second.errors])).toHaveLength(1);
      expect([first, second].find((a) => a.errors)!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PICKED_UP' });
      const winner = won[0]!.data!.recordBaubleReturn;
      expect(winner.history.filter((h: { toStatus: string }) => h.toStatus === 'RETURNED')).toHaveLength(1);
      const [row] = await app.em().getConnection().execute<{ status: string; returned_quantity: number }[]>(
        'select status, returned_quantity from bauble_signup where campaign_id = ? and code = ?', [c.id, codes[i]],
      );
      expect(row).toEqual({ status: 'RETURNED', returned_quantity: winner === first.data?.recordBaubleReturn ? 3 : 2 });
    }
  });

  test('a return racing the overdue job is neither lost nor recorded twice', async () => {
    const c = await openCampaign({ baublesPrepared: 60, limitResident: 3, returnDeadline: new Date(Date.now() + 3 * DAY).toISOString() });
    const holders = await app.clientsAs(Role.RESIDENT, 10);
    const codes: string[] = [];
    for (const { client } of holders) {
      const { code } = (await residentSignUp(client, c, 2)).data!.signUpForBaubles;
      await staff.ok(PICKUP, { c: c.id, input: { code, quantity: 2 } });
      codes.push(code);
    }
    const [, ...returns] = await Promise.all([
      runDeadlineChores(app.em(), new Date(Date.now() + 4 * DAY)),
      ...codes.map((code) => staff.request(RETURN, { c: c.id, input: { code, quantity: 2 } })),
    ]);
    expect(returns.filter((r) => r.errors)).toEqual([]);
    for (const r of returns) {
      const history = r.data!.recordBaubleReturn.history.map((h: { fromStatus: string | null; toStatus: string }) => `${h.fromStatus}>${h.toStatus}`);
      // Either returned in time, or marked overdue first and then returned: each step once, in order.
      expect([['null>RESERVED', 'RESERVED>PICKED_UP', 'PICKED_UP>RETURNED'], ['null>RESERVED', 'RESERVED>PICKED_UP', 'PICKED_UP>OVERDUE', 'OVERDUE>RETURNED']]).toContainEqual(history);
    }
  });
});
