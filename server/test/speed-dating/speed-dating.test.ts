import { createClient } from 'graphql-ws';
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
const CREATE = `mutation($input: SessionInput!) { createSpeedDatingSession(input: $input) { id } }`;
const REGISTER = `mutation($input: RegisterInput!) { registerForSpeedDating(input: $input) { id side } }`;
const CLOCK = `query($id: ID!) { speedDatingSession(id: $id) { clock { status round phase remainingMs } } }`;
const PLAN = `mutation($id: ID!) { planSpeedDating(sessionId: $id) { newPairs maxPossiblePairs notes } }`;
const PAIRS = `query($id: ID!) { speedDatingSession(id: $id) { plan { round seat stays moves } } }`;

let counter = 0;
async function ngoRep(shareContacts = true) {
  ++counter;
  const member = await app.organizationMember({ displayName: `NGO ${counter}`, name: `Stowarzyszenie Randkowe ${counter}` });
  return { ...member, shareContacts };
}
const official = async () => (await app.clientAs(Role.OFFICIAL, { displayName: `Urzędnik ${++counter}` })).client;

async function session(overrides: Record<string, unknown> = {}) {
  const { createSpeedDatingSession } = await staff.ok(CREATE, {
    input: { title: 'Randki obywatelskie', startsAt: new Date(Date.now() + 7 * DAY).toISOString(), place: 'Ratusz, sala sesyjna', roundCount: 4, registrationClosesAt: new Date(Date.now() + 6 * DAY).toISOString(), ...overrides },
  });
  return createSpeedDatingSession.id as string;
}

async function fullSession(size: number, share = true) {
  const id = await session({ roundCount: size });
  const ngos = [];
  const officials = [];
  for (let i = 0; i < size; i++) {
    const rep = await ngoRep(share);
    await rep.client.ok(REGISTER, { input: { sessionId: id, side: 'NGO', organizationId: rep.organizationId, shareContacts: share } });
    ngos.push(rep.client);
    const o = await official();
    await o.ok(REGISTER, { input: { sessionId: id, side: 'OFFICIAL', shareContacts: share } });
    officials.push(o);
  }
  return { id, ngos, officials };
}

describe('sessions and registration', () => {
  test('staff create sessions; registration checks side, membership, capacity and duplicates', async () => {
    const bad = await staff.fails(CREATE, { input: { title: 'X', startsAt: new Date().toISOString(), place: 'Ratusz', roundCount: 0, roundMinutes: 20, registrationClosesAt: new Date(Date.now() + DAY).toISOString() } });
    expect(bad.extensions?.fields?.map((f) => f.field).sort()).toEqual(['roundCount', 'roundMinutes', 'title']);
    expect((await (await official()).fails(CREATE, { input: { title: 'Randki', startsAt: new Date().toISOString(), place: 'Ratusz', roundCount: 3, registrationClosesAt: new Date().toISOString() } })).extensions?.code).toBe('FORBIDDEN');

    const id = await session({ capacityPerSide: 1 });
    const rep = await ngoRep();
    const { client: resident } = await app.clientAs(Role.RESIDENT);
    expect((await resident.fails(REGISTER, { input: { sessionId: id, side: 'OFFICIAL' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await resident.fails(REGISTER, { input: { sessionId: id, side: 'NGO', organizationId: rep.organizationId } })).extensions?.code).toBe('FORBIDDEN');
    expect((await rep.client.ok(REGISTER, { input: { sessionId: id, side: 'NGO', organizationId: rep.organizationId } })).registerForSpeedDating.side).toBe('NGO');
    expect((await rep.client.fails(REGISTER, { input: { sessionId: id, side: 'NGO', organizationId: rep.organizationId } })).extensions?.code).toBe('CONFLICT');
    const other = await ngoRep();
    expect((await other.client.fails(REGISTER, { input: { sessionId: id, side: 'NGO', organizationId: other.organizationId } })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'FULL' });
  });
});

describe('plan and live session', () => {
  test('n per side and n rounds: everyone meets everyone opposite once; the clock runs from stored state', async () => {
    const { id, ngos } = await fullSession(4);
    expect((await staff.fails(`mutation($id: ID!) { startSpeedDating(sessionId: $id) { id } }`, { id })).extensions).toMatchObject({ reason: 'NO_PLAN' });
    expect((await ngos[0]!.fails(PLAN, { id })).extensions?.code).toBe('FORBIDDEN');
    expect((await staff.ok(PLAN, { id })).planSpeedDating).toMatchObject({ newPairs: 16, maxPossiblePairs: 16 });
    const { speedDatingSession } = await staff.ok(PAIRS, { id });
    expect(new Set(speedDatingSession.plan.map((p: any) => `${p.stays}|${p.moves}`)).size).toBe(16);

    await staff.ok(`mutation($id: ID!) { startSpeedDating(sessionId: $id) { id } }`, { id });
    expect((await ngos[0]!.ok(CLOCK, { id })).speedDatingSession.clock).toMatchObject({ status: 'RUNNING', round: 1, phase: 'TALK' });
    // The clock is the stored phase start: five minutes on (4 min talk + 45 s change-over) it is round 2,
    // whatever happened to the server in between.
    await app.em().getConnection().execute(`update speed_dating_session set phase_started_at = now() - interval '5 minutes' where id = ?`, [id]);
    expect((await ngos[0]!.ok(CLOCK, { id })).speedDatingSession.clock).toMatchObject({ round: 2, phase: 'TALK' });
    await staff.ok(`mutation($id: ID!) { pauseSpeedDating(sessionId: $id) { id } }`, { id });
    const paused = (await staff.ok(CLOCK, { id })).speedDatingSession.clock;
    expect(paused).toMatchObject({ status: 'PAUSED', round: 2 });
    await staff.ok(`mutation($id: ID!) { resumeSpeedDating(sessionId: $id) { id } }`, { id });
    await staff.ok(`mutation($id: ID!) { skipSpeedDatingRound(sessionId: $id) { id } }`, { id });
    expect((await staff.ok(CLOCK, { id })).speedDatingSession.clock).toMatchObject({ status: 'RUNNING', round: 3 });
    expect((await ngos[0]!.fails(`mutation($id: ID!) { skipSpeedDatingRound(sessionId: $id) { id } }`, { id })).extensions?.code).toBe('FORBIDDEN');

    // Each participant sees their seat and partner for every round.
    const { speedDatingSession: mine } = await ngos[0]!.ok(`query($id: ID!) { speedDatingSession(id: $id) { mySeats { round seat partnerName partnerAffiliation } participants { id } } }`, { id });
    expect(mine.mySeats).toHaveLength(4);
    expect(mine.participants).toBeNull();
  });

  test('no-shows and late arrivals re-plan the remaining rounds without repeats', async () => {
    const { id } = await fullSession(4);
    await staff.ok(PLAN, { id });
    await staff.ok(`mutation($id: ID!) { startSpeedDating(sessionId: $id) { id } }`, { id });
    const { speedDatingSession } = await staff.ok(`query($id: ID!) { speedDatingSession(id: $id) { participants { id name side } } }`, { id });
    const leaving = speedDatingSession.participants.find((p: any) => p.side === 'OFFICIAL');
    await staff.ok(`mutation($p: ID!) { setSpeedDatingPresence(participantId: $p, presence: LEFT) { presence } }`, { p: leaving.id });
    await staff.ok(`mutation($input: WalkInInput!) { addSpeedDatingWalkIn(input: $input) { id } }`, { input: { sessionId: id, name: 'Spóźniona Urzędniczka', side: 'OFFICIAL', department: 'Wydział Kultury' } });
    const plan = (await staff.ok(PAIRS, { id })).speedDatingSession.plan as { round: number; stays: string; moves: string }[];
    expect(new Set(plan.map((p) => `${p.stays}|${p.moves}`)).size).toBe(plan.length);
    expect(plan.filter((p) => p.round > 1).some((p) => p.moves === leaving.name)).toBe(false);
    expect(plan.filter((p) => p.round > 1).some((p) => p.moves === 'Spóźniona Urzędniczka')).toBe(true);
  });

  test('re-planning an everyone-meets-everyone session keeps it so: same-side pairs still happen; played rounds stay', async () => {
    const id = await session({ roundCount: 5, mode: 'EVERYONE' });
    for (let i = 0; i < 3; i++) {
      const rep = await ngoRep();
      await rep.client.ok(REGISTER, { input: { sessionId: id, side: 'NGO', organizationId: rep.organizationId } });
      await (await official()).ok(REGISTER, { input: { sessionId: id, side: 'OFFICIAL' } });
    }
    // Six people of six groups, five rounds: every pair once.
    expect((await staff.ok(PLAN, { id })).planSpeedDating).toMatchObject({ newPairs: 15, maxPossiblePairs: 15 });
    const { participants } = (await staff.ok(`query($id: ID!) { speedDatingSession(id: $id) { participants { id name side } } }`, { id })).speedDatingSession;
    const sideOf = new Map<string, string>(participants.map((p: any) => [p.name, p.side]));
    type Row = { round: number; seat: number; stays: string; moves: string };
    const rows = async () => (await staff.ok(PAIRS, { id })).speedDatingSession.plan as Row[];
    const sameSide = (plan: Row[]) => plan.filter((p) => sideOf.get(p.stays) === sideOf.get(p.moves));
    const before = await rows();
    expect(sameSide(before).length).toBe(6); // 3 NGO-NGO and 3 official-official pairs

    await staff.ok(`mutation($id: ID!) { startSpeedDating(sessionId: $id) { id } }`, { id });
    const leaving = participants.find((p: any) => p.side === 'OFFICIAL');
    await staff.ok(`mutation($p: ID!) { setSpeedDatingPresence(participantId: $p, presence: LEFT) { presence } }`, { p: leaving.id });
    const after = await rows();
    expect(after.filter((p) => p.round === 1)).toEqual(before.filter((p) => p.round === 1));
    const future = after.filter((p) => p.round > 1);
    expect(future.some((p) => p.stays === leaving.name || p.moves === leaving.name)).toBe(false);
    // The five still present meet every pair not met in round 1, same-side pairs included.
    expect(sameSide(future).length).toBeGreaterThanOrEqual(2);
    expect(new Set(after.map((p) => [p.stays, p.moves].sort().join('|'))).size).toBe(after.length);
    const present = participants.filter((p: any) => p.id !== leaving.id).map((p: any) => p.name as string);
    const metInRound1 = before.filter((p) => p.round === 1 && p.stays !== leaving.name && p.moves !== leaving.name).length;
    expect(future).toHaveLength((present.length * (present.length - 1)) / 2 - metInRound1);
  });

  test('a re-plan during the session counts the sit-outs so far: sit-outs are shared over the whole session', async () => {
    // Two NGO representatives, six officials, three rounds: each official can talk once.
    const id = await session({ roundCount: 3 });
    for (let i = 0; i < 2; i++) {
      const rep = await ngoRep();
      await rep.client.ok(REGISTER, { input: { sessionId: id, side: 'NGO', organizationId: rep.organizationId } });
    }
    for (let i = 0; i < 6; i++) await (await official()).ok(REGISTER, { input: { sessionId: id, side: 'OFFICIAL' } });
    await staff.ok(PLAN, { id });
    await staff.ok(`mutation($id: ID!) { startSpeedDating(sessionId: $id) { id } }`, { id });
    const round1 = ((await staff.ok(PAIRS, { id })).speedDatingSession.plan as { round: number; moves: string }[]).filter((p) => p.round === 1);
    // Staff re-plan the rest (as any presence change would).
    expect((await staff.ok(PLAN, { id })).planSpeedDating).toMatchObject({ newPairs: 4, maxPossiblePairs: 4 });
    const plan = (await staff.ok(PAIRS, { id })).speedDatingSession.plan as { round: number; moves: string }[];
    expect(plan.filter((p) => p.round === 1)).toEqual(round1);
    const talks = new Map<string, number>();
    for (const p of plan) talks.set(p.moves, (talks.get(p.moves) ?? 0) + 1);
    expect([...talks.values()]).toEqual([1, 1, 1, 1, 1, 1]); // everyone sits out exactly twice
  });

  test('afterwards people see whom they met, and contacts only where both agreed', async () => {
    const id = await session({ roundCount: 2 });
    const sharing = await ngoRep();
    await sharing.client.ok(REGISTER, { input: { sessionId: id, side: 'NGO', organizationId: sharing.organizationId, shareContacts: true } });
    const private_ = await ngoRep();
    await private_.client.ok(REGISTER, { input: { sessionId: id, side: 'NGO', organizationId: private_.organizationId, shareContacts: false } });
    const o = await official();
    await o.ok(REGISTER, { input: { sessionId: id, side: 'OFFICIAL', shareContacts: true } });
    const stranger = await official();
    await staff.ok(PLAN, { id });
    await staff.ok(`mutation($id: ID!) { startSpeedDating(sessionId: $id) { id } }`, { id });
    await staff.ok(`mutation($id: ID!) { endSpeedDating(sessionId: $id) { id } }`, { id });
    const MET = `query($id: ID!) { mySpeedDatingMeetings(sessionId: $id) { name affiliation email } }`;
    const met = (await o.ok(MET, { id })).mySpeedDatingMeetings;
    expect(met).toHaveLength(2);
    // The sharing representative's email is shown; the one who declined shows none.
    expect(met.filter((m: any) => m.email)).toHaveLength(1);
    expect(met.find((m: any) => m.email).affiliation).toBe(sharing.organizationName);
    expect((await stranger.ok(MET, { id })).mySpeedDatingMeetings).toEqual([]);
  });

  test('phones hear every phase change and re-plan pushed from the server', async () => {
    const { id } = await fullSession(2);
    await staff.ok(PLAN, { id });
    const socket = createClient({ url: app.url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { municipality: 'leszno' }, lazy: false });
    const events: any[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const stop = socket.subscribe(
        { query: `subscription($id: ID!) { speedDatingClock(sessionId: $id) { status round phase } }`, variables: { id } },
        { next: (m) => { events.push(m.data!.speedDatingClock); if (events.length === 3) { stop(); resolve(); } }, error: reject, complete: () => {} },
      );
    });
    await new Promise((r) => setTimeout(r, 300));
    await staff.ok(`mutation($id: ID!) { startSpeedDating(sessionId: $id) { id } }`, { id });
    // A late arrival: the remaining rounds are re-planned and phones are told at once.
    await staff.ok(`mutation($input: WalkInInput!) { addSpeedDatingWalkIn(input: $input) { id } }`, { input: { sessionId: id, name: 'Spóźniony', side: 'OFFICIAL' } });
    await staff.ok(`mutation($id: ID!) { skipSpeedDatingRound(sessionId: $id) { id } }`, { id });
    await done;
    await socket.dispose();
    expect(events).toEqual([
      { status: 'RUNNING', round: 1, phase: 'TALK' }, { status: 'RUNNING', round: 1, phase: 'TALK' }, { status: 'RUNNING', round: 2, phase: 'TALK' },
    ]);
  });
});
