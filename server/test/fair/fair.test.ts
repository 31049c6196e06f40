import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';

let app: TestApp;
let staff: TestClient;
beforeAll(async () => {
  app = await startTestApp();
  staff = (await app.clientAs(Role.STAFF)).client;
});
afterAll(() => app.close());

const DAY = 24 * 3600_000;
const fairInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Targi NGO – Dni Europy', venue: 'Rynek', opensAt: new Date(Date.now() + 20 * DAY).toISOString(), closesAt: new Date(Date.now() + 20 * DAY + 6 * 3600_000).toISOString(),
  applicationsOpenAt: new Date(Date.now() - DAY).toISOString(), applicationsCloseAt: new Date(Date.now() + 10 * DAY).toISOString(), planWidth: 40, planHeight: 20, ...overrides,
});
const standInput = (code: string, x: number, extra: Record<string, unknown> = {}) => ({ code, zone: 'CULTURE', x, y: 0, width: 3, height: 3, hasPower: false, tentProvided: false, tables: 1, stepFree: true, reserved: false, ...extra });

/** A published organisation and a signed-in member of it. */
const memberOfNewOrganization = () => app.organizationMember();

async function openFair(stands: ReturnType<typeof standInput>[]) {
  const { createFair } = await staff.ok(`mutation($input: FairInput!) { createFair(input: $input) { id } }`, { input: fairInput() });
  for (const s of stands) await staff.ok(`mutation($f: ID!, $input: StandInput!) { addStand(fairId: $f, input: $input) { id } }`, { f: createFair.id, input: s });
  await staff.ok(`mutation($id: ID!) { setFairStatus(id: $id, status: APPLICATIONS_OPEN) { id } }`, { id: createFair.id });
  return createFair.id as string;
}

const APPLY = `mutation($input: FairApplicationInput!) { applyForStand(input: $input) { id status } }`;
const application = (fairId: string, organizationId: string, extra: Record<string, unknown> = {}) => ({
  fairId, organizationId, activity: 'Pokazy i rozmowy o naszej działalności.', contactName: 'Osoba Kontaktowa', contactPhone: '+48 600 100 200', ...extra,
});
const REVIEW = `mutation($input: ReviewInput!) { reviewFairApplication(input: $input) { status decisionReason } }`;
const accept = (applicationId: string) => staff.ok(REVIEW, { input: { applicationId, status: 'ACCEPTED' } });
const standIds = async (fairId: string) =>
  Object.fromEntries((await staff.ok(`query($id: ID!) { fair(id: $id) { stands { id code } } }`, { id: fairId })).fair.stands.map((s: any) => [s.code, s.id]));

describe('fairs and layouts', () => {
  test('staff create a fair and its stands; times and codes are checked; others may not', async () => {
    const bad = await staff.fails(`mutation($input: FairInput!) { createFair(input: $input) { id } }`, { input: fairInput({ applicationsCloseAt: new Date(Date.now() + 30 * DAY).toISOString() }) });
    expect(bad.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'applicationsCloseAt', code: 'afterFair' }));
    const fairId = await openFair([standInput('A1', 0)]);
    const dup = await staff.fails(`mutation($f: ID!, $input: StandInput!) { addStand(fairId: $f, input: $input) { id } }`, { f: fairId, input: standInput('A1', 10) });
    expect(dup.extensions).toMatchObject({ code: 'CONFLICT', fields: [expect.objectContaining({ field: 'code' })] });
    const badCode = await staff.fails(`mutation($f: ID!, $input: StandInput!) { addStand(fairId: $f, input: $input) { id } }`, { f: fairId, input: standInput('stoisko 1', 10) });
    expect(badCode.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'code' }));
    const { client: resident } = await app.clientAs(Role.RESIDENT);
    expect((await resident.fails(`mutation($input: FairInput!) { createFair(input: $input) { id } }`, { input: fairInput() })).extensions?.code).toBe('FORBIDDEN');
    expect((await resident.fails(`mutation($f: ID!, $input: StandInput!) { addStand(fairId: $f, input: $input) { id } }`, { f: fairId, input: standInput('B1', 10) })).extensions?.code).toBe('FORBIDDEN');
  });

  test('a fair moves only along its lifecycle: a closed fair stays closed, a published plan must be unpublished first', async () => {
    const fairId = await openFair([standInput('A1', 0)]);
    const SET = `mutation($id: ID!, $status: FairStatus!) { setFairStatus(id: $id, status: $status) { status } }`;
    const move = (status: string) => staff.request(SET, { id: fairId, status });
    expect((await move('PUBLISHED')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION', currentStatus: 'APPLICATIONS_OPEN', requestedStatus: 'PUBLISHED' });
    for (const status of ['ALLOCATING', 'PUBLISHED', 'ALLOCATING', 'PUBLISHED', 'CLOSED']) expect((await move(status)).data?.setFairStatus.status).toBe(status);
    for (const status of ['DRAFT', 'APPLICATIONS_OPEN', 'ALLOCATING', 'PUBLISHED']) {
      expect((await move(status)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'CLOSED', requestedStatus: status, allowedStatuses: [] });
    }
  });

  test('a layout is copied from an earlier fair', async () => {
    const earlier = await openFair([standInput('A1', 0, { hasPower: true }), standInput('A2', 3, { zone: 'SPORT' })]);
    const { createFair } = await staff.ok(`mutation($input: FairInput!) { createFair(input: $input) { id } }`, { input: fairInput({ name: 'Aktywne Obywatelskie Leszno' }) });
    const { copyFairLayout } = await staff.ok(`mutation($f: ID!, $from: ID!) { copyFairLayout(fairId: $f, fromFairId: $from) { code zone hasPower } }`, { f: createFair.id, from: earlier });
    expect(copyFairLayout).toEqual([{ code: 'A1', zone: 'CULTURE', hasPower: true }, { code: 'A2', zone: 'SPORT', hasPower: false }]);
    expect((await staff.fails(`mutation($f: ID!, $from: ID!) { copyFairLayout(fairId: $f, fromFairId: $from) { code } }`, { f: createFair.id, from: earlier })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'HAS_LAYOUT' });
  });
  test('stands stay on the plan and off each other (edges may touch): the fields say why', async () => {
    const fairId = await openFair([standInput('A1', 0), standInput('A2', 3)]);
    const ADD = `mutation($f: ID!, $input: StandInput!) { addStand(fairId: $f, input: $input) { id } }`;
    const UPDATE = `mutation($id: ID!, $input: StandInput!) { updateStand(id: $id, input: $input) { x } }`;
    const outside = await staff.fails(ADD, { f: fairId, input: standInput('B1', 38, { y: 18 }) });
    expect(outside.extensions?.fields).toEqual([expect.objectContaining({ field: 'x', code: 'outsidePlan' }), expect.objectContaining({ field: 'y', code: 'outsidePlan' })]);
    expect((await staff.fails(ADD, { f: fairId, input: standInput('B1', 4.5) })).extensions?.fields).toEqual([expect.objectContaining({ field: 'x', code: 'standOverlap' })]);
    const ids = await standIds(fairId);
    expect((await staff.fails(UPDATE, { id: ids.A2, input: standInput('A2', 2) })).extensions?.fields).toEqual([expect.objectContaining({ field: 'x', code: 'standOverlap' })]);
    // Moving a stand onto its own old place, or to touch a neighbour, is fine.
    expect((await staff.ok(UPDATE, { id: ids.A2, input: standInput('A2', 37) })).updateStand.x).toBe(37);
    await staff.ok(ADD, { f: fairId, input: standInput('B1', 3) });
  });

  test('layout edits that would break an assignment are refused: removing an assigned stand, making it unsuitable or reserved', async () => {
    const fairId = await openFair([standInput('A1', 0, { hasPower: true }), standInput('A2', 3)]);
    const ids = await standIds(fairId);
    const member = await memberOfNewOrganization();
    const applicationId = (await member.client.ok(APPLY, { input: application(fairId, member.organizationId, { needsPower: true }) })).applyForStand.id;
    await accept(applicationId);
    await staff.ok(`mutation($a: ID!, $s: ID!) { assignFairStand(applicationId: $a, standId: $s) }`, { a: applicationId, s: ids.A1 });
    const REMOVE = `mutation($id: ID!) { removeStand(id: $id) }`;
    const UPDATE = `mutation($id: ID!, $input: StandInput!) { updateStand(id: $id, input: $input) { id } }`;
    expect((await staff.fails(REMOVE, { id: ids.A1 })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'STAND_ASSIGNED' });
    expect((await staff.fails(UPDATE, { id: ids.A1, input: standInput('A1', 0, { hasPower: false }) })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'ASSIGNED_UNSUITABLE' });
    expect((await staff.fails(UPDATE, { id: ids.A1, input: standInput('A1', 0, { hasPower: true, reserved: true }) })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'ASSIGNED_UNSUITABLE' });
    // The stand and its organisation are still there; changes it can live with go through.
    await staff.ok(UPDATE, { id: ids.A1, input: standInput('A1', 10, { hasPower: true, zone: 'SPORT' }) });
    const { fair } = await staff.ok(`query($id: ID!) { fair(id: $id) { stands { code } placements { standId applicationId } } }`, { id: fairId });
    expect(fair.stands.map((s: any) => s.code)).toEqual(['A1', 'A2']);
    expect(fair.placements).toEqual([{ standId: ids.A1, applicationId }]);
    expect(await staff.ok(REMOVE, { id: ids.A2 })).toEqual({ removeStand: true });
  });
});

describe('applications', () => {
  test('members apply once per fair; outsiders may not; bad input names fields and stores nothing', async () => {
    const fairId = await openFair([standInput('A1', 0)]);
    const { client, organizationId } = await memberOfNewOrganization();
    const count = async () => (await app.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from fair_application'))[0]!.n;
    const before = await count();
    const bad = await client.fails(APPLY, { input: application(fairId, organizationId, { activity: 'krótko', contactPhone: '12' }) });
    expect(bad.extensions?.fields?.map((f) => f.field).sort()).toEqual(['activity', 'contactPhone']);
    expect(await count()).toBe(before);
    expect((await client.ok(APPLY, { input: application(fairId, organizationId) })).applyForStand.status).toBe('SUBMITTED');
    expect((await client.fails(APPLY, { input: application(fairId, organizationId) })).extensions?.code).toBe('CONFLICT');
    const { client: outsider } = await app.clientAs(Role.RESIDENT);
    expect((await outsider.fails(APPLY, { input: application(fairId, organizationId) })).extensions?.code).toBe('FORBIDDEN');
  });

  test('staff review with a reason; organisations see the decision; residents may not review', async () => {
    const fairId = await openFair([standInput('A1', 0)]);
    const { client, organizationId } = await memberOfNewOrganization();
    const { applyForStand } = await client.ok(APPLY, { input: application(fairId, organizationId) });
    expect((await staff.fails(REVIEW, { input: { applicationId: applyForStand.id, status: 'REJECTED' } })).extensions?.fields).toContainEqual(expect.objectContaining({ field: 'reason' }));
    expect((await client.fails(REVIEW, { input: { applicationId: applyForStand.id, status: 'ACCEPTED' } })).extensions?.code).toBe('FORBIDDEN');
    await staff.ok(REVIEW, { input: { applicationId: applyForStand.id, status: 'WAITLISTED', reason: 'Brak miejsc z prądem.' } });
    const { fair } = await client.ok(`query($id: ID!) { fair(id: $id) { applications { status decisionReason } } }`, { id: fairId });
    expect(fair.applications).toEqual([{ status: 'WAITLISTED', decisionReason: 'Brak miejsc z prądem.' }]);
  });
});

describe('allocation and hand edits', () => {
  test('automatic allocation meets needs and wishes; hand edits keep the hard rules; the public sees the map once published', async () => {
    const fairId = await openFair([
      standInput('A1', 0), standInput('A2', 3, { hasPower: true }), standInput('A3', 6, { zone: 'CHILDREN' }), standInput('A4', 9, { reserved: true, reservedFor: 'Urząd Miasta' }),
    ]);
    const ids = await standIds(fairId);
    const [first, second, third] = [await memberOfNewOrganization(), await memberOfNewOrganization(), await memberOfNewOrganization()];
    const a1 = (await first.client.ok(APPLY, { input: application(fairId, first.organizationId, { needsPower: true }) })).applyForStand.id;
    const a2 = (await second.client.ok(APPLY, { input: application(fairId, second.organizationId, { preferredZones: ['CHILDREN'], wantedNeighbors: [first.organizationId] }) })).applyForStand.id;
    const a3 = (await third.client.ok(APPLY, { input: application(fairId, third.organizationId) })).applyForStand.id;
    for (const id of [a1, a2, a3]) await accept(id);

    const ALLOCATE = `mutation($f: ID!) { allocateFairStands(fairId: $f) { placed unplaced score maxScore placeable bestBound gap provenOptimal unmetWishes { kind } } }`;
    expect((await first.client.fails(ALLOCATE, { f: fairId })).extensions?.code).toBe('FORBIDDEN');
    const { allocateFairStands } = await staff.ok(ALLOCATE, { f: fairId });
    expect(allocateFairStands).toMatchObject({ placed: 3, unplaced: [], score: 5, maxScore: 5, unmetWishes: [], placeable: 3, bestBound: 5, gap: 0, provenOptimal: true });
    const PLAN = `query($id: ID!) { fair(id: $id) { status placements { standId applicationId organization { name } } } }`;
    const plan = Object.fromEntries((await staff.ok(PLAN, { id: fairId })).fair.placements.map((p: any) => [p.applicationId, p.standId]));
    expect(plan[a1]).toBe(ids.A2);
    expect(plan[a2]).toBe(ids.A3);
    expect(plan[a3]).toBe(ids.A1);

    // Hand edits: no reserved stand, no stand without the power a stand needs, no taken stand.
    const ASSIGN = `mutation($a: ID!, $s: ID!) { assignFairStand(applicationId: $a, standId: $s) }`;
    expect((await staff.fails(ASSIGN, { a: a3, s: ids.A4 })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'UNSUITABLE' });
    expect((await staff.fails(ASSIGN, { a: a1, s: ids.A1 })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'UNSUITABLE' });
    expect((await staff.fails(ASSIGN, { a: a3, s: ids.A3 })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'TAKEN' });
    await staff.ok(`mutation($a: ID!, $b: ID!) { swapFairStands(firstApplicationId: $a, secondApplicationId: $b) }`, { a: a2, b: a3 });
    const REPORT = `query($f: ID!) { fairPlanReport(fairId: $f) { score unplaced placeable bestBound gap provenOptimal unmetWishes { applicationId kind } } }`;
    const { fairPlanReport } = await staff.ok(REPORT, { f: fairId });
    expect(fairPlanReport.unmetWishes).toEqual([{ applicationId: a2, kind: 'ZONE' }]);
    // The hand-edited plan is compared with the proven optimum: 3 points short of it.
    expect(fairPlanReport).toMatchObject({ score: 2, placeable: 3, bestBound: 5, gap: 3, provenOptimal: false });
    await staff.ok(`mutation($a: ID!) { unassignFairStand(applicationId: $a) }`, { a: a2 });
    expect((await staff.ok(REPORT, { f: fairId })).fairPlanReport).toMatchObject({ unplaced: [a2], placeable: 3, gap: null, provenOptimal: false });

    // Before publishing, the public sees stands but nobody on them; members see their own.
    expect((await app.client().ok(PLAN, { id: fairId })).fair.placements).toEqual([]);
    expect((await first.client.ok(PLAN, { id: fairId })).fair.placements.map((p: any) => p.applicationId)).toEqual([a1]);
    await staff.ok(`mutation($id: ID!) { setFairStatus(id: $id, status: PUBLISHED) { id } }`, { id: fairId });
    expect((await app.client().ok(PLAN, { id: fairId })).fair.placements).toHaveLength(2);

    const { fairExhibitorsCsv } = await staff.ok(`query($f: ID!) { fairExhibitorsCsv(fairId: $f) }`, { f: fairId });
    expect(fairExhibitorsCsv.split('\r\n')[0]).toBe('stand,zone,organisation,activity,power,tables,tent,step_free,contact,phone');
    expect(fairExhibitorsCsv).toContain('A2,CULTURE,Fundacja Testowa');
  });

  test('the database refuses two organisations on one stand even when staff edit at the same moment', async () => {
    const fairId = await openFair([standInput('A1', 0), standInput('A2', 3)]);
    const ids = await standIds(fairId);
    const apps: string[] = [];
    for (let i = 0; i < 6; i++) {
      const m = await memberOfNewOrganization();
      apps.push((await m.client.ok(APPLY, { input: application(fairId, m.organizationId) })).applyForStand.id);
      await accept(apps.at(-1)!);
    }
    const staffClients = await app.clientsAs(Role.STAFF, 6);
    const results = await Promise.all(apps.map((a, i) => staffClients[i]!.client.request(`mutation($a: ID!, $s: ID!) { assignFairStand(applicationId: $a, standId: $s) }`, { a, s: ids.A1 })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0]!.extensions?.code === 'CONFLICT')).toBe(true);
    const [{ n }] = await app.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from stand_assignment where stand_id = ?', [ids.A1]);
    expect(n).toBe(1);
  });
});
