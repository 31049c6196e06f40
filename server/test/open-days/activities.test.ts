import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { openDaysWorld, type OpenDaysWorld } from './world.js';

let app: TestApp;
let world: OpenDaysWorld;
beforeAll(async () => {
  app = await startTestApp();
  world = await openDaysWorld(app);
});
afterAll(() => app.close());

const CREATE_EDITION = `mutation($input: EditionInput!) { createOpenDaysEdition(input: $input) { id status } }`;
const SUBMIT = `mutation($input: SubmitActivityInput!) { submitOpenDaysActivity(input: $input) { id status place { street city } } }`;
const ADD_SLOT = `mutation($input: SlotInput!) { addOpenDaysSlot(input: $input) { id capacity maxPartySize } }`;
const count = async (table: string) => (await app.em().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from ${table}`))[0]!.n;
const editionInput = (overrides = {}) => ({
  name: 'Drzwi Otwarte 2027', startsOn: '2027-10-25', endsOn: '2027-10-31',
  submissionsOpenAt: '2027-09-01T00:00:00Z', submissionsCloseAt: '2027-10-01T00:00:00Z', ...overrides,
});

describe('editions', () => {
  test('staff create a draft edition that only staff can see', async () => {
    const { createOpenDaysEdition } = await world.staff.ok(CREATE_EDITION, { input: editionInput() });
    expect(createOpenDaysEdition.status).toBe('DRAFT');
    const ids = (data: any) => data.openDaysEditions.map((e: { id: string }) => e.id);
    expect(ids(await world.staff.ok(`{ openDaysEditions { id } }`))).toContain(createOpenDaysEdition.id);
    expect(ids(await app.client().ok(`{ openDaysEditions { id } }`))).not.toContain(createOpenDaysEdition.id);
    expect((await app.client().fails(`query($id: ID!) { openDaysEdition(id: $id) { id } }`, { id: createOpenDaysEdition.id })).extensions?.code).toBe('NOT_FOUND');
  });

  test('dates in the wrong order or format are refused per field, and nothing is stored', async () => {
    const before = await count('open_days_edition');
    const reversed = await world.staff.fails(CREATE_EDITION, { input: editionInput({ endsOn: '2027-10-01' }) });
    expect(reversed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'endsOn', code: 'beforeStart' }] });
    const badFormat = await world.staff.fails(CREATE_EDITION, { input: editionInput({ startsOn: '25.10.2027' }) });
    expect(badFormat.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'startsOn' }));
    const window = await world.staff.fails(CREATE_EDITION, { input: editionInput({ submissionsCloseAt: '2027-08-01T00:00:00Z' }) });
    expect(window.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'submissionsCloseAt' }));
    expect(await count('open_days_edition')).toBe(before);
  });

  test('an edition moves only along its lifecycle: a closed edition never returns to a draft', async () => {
    const { createOpenDaysEdition: edition } = await world.staff.ok(CREATE_EDITION, { input: editionInput() });
    const SET = `mutation($id: ID!, $status: EditionStatus!) { setOpenDaysEditionStatus(id: $id, status: $status) { status } }`;
    const move = (status: string) => world.staff.request(SET, { id: edition.id, status });
    expect((await move('PUBLISHED')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION', currentStatus: 'DRAFT', requestedStatus: 'PUBLISHED' });
    for (const status of ['OPEN', 'DRAFT', 'OPEN', 'PUBLISHED', 'CLOSED']) expect((await move(status)).data?.setOpenDaysEditionStatus.status).toBe(status);
    for (const status of ['DRAFT', 'OPEN', 'PUBLISHED']) {
      expect((await move(status)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'CLOSED', requestedStatus: status, allowedStatuses: [] });
    }
  });

  test('organisers, residents and anonymous users may not manage editions', async () => {
    expect((await world.organizer.fails(CREATE_EDITION, { input: editionInput() })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(CREATE_EDITION, { input: editionInput() })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await world.organizer.fails(`mutation($id: ID!) { setOpenDaysEditionStatus(id: $id, status: CLOSED) { id } }`, { id: world.editionId })).extensions?.code).toBe('FORBIDDEN');
  });
});

describe('activities and slots', () => {
  test('the place defaults to the organisation’s address; submissions need the window open', async () => {
    const { createOpenDaysEdition: edition } = await world.staff.ok(CREATE_EDITION, {
      input: editionInput({ submissionsOpenAt: new Date(Date.now() - 3600_000).toISOString(), submissionsCloseAt: new Date(Date.now() + 3600_000).toISOString() }),
    });
    const input = { editionId: edition.id, organizationId: world.organizationId, title: 'Dzień otwarty', type: 'OPEN_OFFICE', description: 'Zapraszamy do naszej siedziby.' };
    // Still a draft: not taking submissions.
    expect((await world.organizer.fails(SUBMIT, { input })).extensions).toMatchObject({ code: 'NOT_FOUND' });
    await world.staff.ok(`mutation($id: ID!) { setOpenDaysEditionStatus(id: $id, status: OPEN) { id } }`, { id: edition.id });
    const { submitOpenDaysActivity } = await world.organizer.ok(SUBMIT, { input });
    expect(submitOpenDaysActivity).toMatchObject({ status: 'SUBMITTED', place: { street: 'ul. Testowa 1', city: 'Leszno' } });
    await world.staff.ok(`mutation($id: ID!, $input: EditionInput!) { updateOpenDaysEdition(id: $id, input: $input) { id } }`, {
      id: edition.id, input: editionInput({ submissionsOpenAt: '2020-01-01T00:00:00Z', submissionsCloseAt: '2020-02-01T00:00:00Z' }),
    });
    expect((await world.organizer.fails(SUBMIT, { input })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'SUBMISSIONS_CLOSED' });
  });

  test('only the organisation’s members (and staff) submit for it; invalid input stores nothing', async () => {
    const { client: stranger } = await app.clientAs(Role.RESIDENT);
    const input = { editionId: world.editionId, organizationId: world.organizationId, title: 'Obce', type: 'SHOW', description: 'Nie nasze wydarzenie.' };
    expect((await stranger.fails(SUBMIT, { input })).extensions?.code).toBe('FORBIDDEN');
    const before = await count('activity');
    const bad = await world.organizer.fails(SUBMIT, { input: { ...input, title: 'X', description: 'krótko' } });
    expect(bad.extensions?.fields?.map((f) => f.field).sort()).toEqual(['description', 'title']);
    expect(await count('activity')).toBe(before);
  });

  test('submitted activities are hidden from the public until staff approve them; organisers may not approve', async () => {
    const { submitOpenDaysActivity: activity } = await world.staff.ok(SUBMIT, {
      input: { editionId: world.editionId, organizationId: world.organizationId, title: 'Konkurs plastyczny', type: 'CONTEST', description: 'Malujemy Leszno przyszłości.' },
    });
    const LIST = `query($e: ID!) { openDaysActivities(editionId: $e) { id } }`;
    const publicIds = async () => (await app.client().ok(LIST, { e: world.editionId })).openDaysActivities.map((a: { id: string }) => a.id);
    expect(await publicIds()).not.toContain(activity.id);
    const REVIEW = `mutation($id: ID!) { reviewOpenDaysActivity(id: $id, status: APPROVED) { status } }`;
    expect((await world.organizer.fails(REVIEW, { id: activity.id })).extensions?.code).toBe('FORBIDDEN');
    await world.staff.ok(REVIEW, { id: activity.id });
    expect(await publicIds()).toContain(activity.id);
  });

  test('slots: start before end, inside the edition, parties within capacity, never overlapping', async () => {
    const slotId = await world.slot({ capacity: 10, daysAhead: 5 });
    const [row] = await app.em().getConnection().execute<{ starts_at: string; ends_at: string }[]>('select starts_at, ends_at from slot where id = ?', [slotId]);
    const starts_at = new Date(row!.starts_at).toISOString();
    const ends_at = new Date(row!.ends_at).toISOString();
    const base = { activityId: world.activityId, capacity: 10, maxPartySize: 2 };
    const before = await count('slot');
    const backwards = await world.organizer.fails(ADD_SLOT, { input: { ...base, startsAt: ends_at, endsAt: starts_at } });
    expect(backwards.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'endsAt', code: 'beforeStart' }));
    const outside = await world.organizer.fails(ADD_SLOT, { input: { ...base, startsAt: '2030-01-01T10:00:00Z', endsAt: '2030-01-01T11:00:00Z' } });
    expect(outside.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'startsAt', code: 'outsideEdition' }));
    const party = await world.organizer.fails(ADD_SLOT, { input: { ...base, capacity: 2, maxPartySize: 3, startsAt: '2030-01-01T10:00:00Z', endsAt: '2030-01-01T11:00:00Z' } });
    expect(party.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'maxPartySize' }));
    const overlap = await world.organizer.fails(ADD_SLOT, { input: { ...base, startsAt: new Date(new Date(starts_at).getTime() + 1800_000).toISOString(), endsAt: new Date(new Date(ends_at).getTime() + 1800_000).toISOString() } });
    expect(overlap.extensions).toMatchObject({ code: 'CONFLICT', fields: [expect.objectContaining({ field: 'startsAt' })] });
    expect(await count('slot')).toBe(before);
    const { client: stranger } = await app.clientAs(Role.RESIDENT);
    expect((await stranger.fails(ADD_SLOT, { input: { ...base, startsAt: ends_at, endsAt: new Date(new Date(ends_at).getTime() + 3600_000).toISOString() } })).extensions?.code).toBe('FORBIDDEN');
  });

  test('a drop-in slot has no capacity and parties of one', async () => {
    const slotId = await world.slot({ capacity: null, daysAhead: 6 });
    const { openDaysProgramme } = await app.client().ok(`query($e: ID!) { openDaysProgramme(editionId: $e, first: 100) { edges { node { id capacity seatsLeft bookable maxPartySize } } } }`, { e: world.editionId });
    expect(openDaysProgramme.edges.find((e: any) => e.node.id === slotId).node).toEqual({ id: slotId, capacity: null, seatsLeft: null, bookable: false, maxPartySize: 1 });
  });

  test('a slot with bookings cannot be removed; an empty one can', async () => {
    const REMOVE = `mutation($id: ID!) { removeOpenDaysSlot(id: $id) }`;
    const booked = await world.slot({ capacity: 5, daysAhead: 7 });
    const { client } = await app.clientAs(Role.RESIDENT);
    await client.ok(`mutation($s: ID!) { bookOpenDaysSlot(input: { slotId: $s }) { id } }`, { s: booked });
    expect((await world.organizer.fails(REMOVE, { id: booked })).extensions?.code).toBe('CONFLICT');
    const empty = await world.slot({ capacity: 5, daysAhead: 7 });
    expect((await world.organizer.ok(REMOVE, { id: empty })).removeOpenDaysSlot).toBe(true);
  });
});
