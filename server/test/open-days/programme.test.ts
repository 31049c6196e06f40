import { createClient } from 'graphql-ws';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { type Delivery, drainOutbox, OutboxMessage } from '../../src/core/outbox/index.js';
import { warsawDate } from '../../src/core/time.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { openDaysWorld, type OpenDaysWorld } from './world.js';

let app: TestApp;
let world: OpenDaysWorld;
beforeAll(async () => {
  app = await startTestApp();
  world = await openDaysWorld(app);
});
afterAll(() => app.close());

const PROGRAMME = `query($e: ID!, $filter: ProgrammeFilter, $first: Int, $after: String) {
  openDaysProgramme(editionId: $e, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id startsAt seatsLeft waitlisted bookable viewerBooking { status }
      activity { title type audience place { district } organization { name } } } }
  }
}`;

describe('the programme', () => {
  test('lists slots in time order, filters by day, type, audience, district, text and seats left', async () => {
    const full = await world.slot({ capacity: 1, daysAhead: 3 });
    const open = await world.slot({ capacity: 5, daysAhead: 3 });
    const { client } = await app.clientAs(Role.RESIDENT);
    await client.ok(`mutation($s: ID!) { bookOpenDaysSlot(input: { slotId: $s }) { id } }`, { s: full });
    const all = (await client.ok(PROGRAMME, { e: world.editionId, first: 100 })).openDaysProgramme;
    const starts = all.edges.map((e: any) => e.node.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(all.edges.find((e: any) => e.node.id === full).node).toMatchObject({ seatsLeft: 0, viewerBooking: { status: 'CONFIRMED' } });

    const ids = async (filter: object) => (await app.client().ok(PROGRAMME, { e: world.editionId, filter, first: 100 })).openDaysProgramme.edges.map((e: any) => e.node.id);
    const day = warsawDate(new Date(Date.now() + 3 * 24 * 3600_000));
    expect(await ids({ day })).toEqual(expect.arrayContaining([full, open]));
    expect(await ids({ day: '2020-01-01' })).toEqual([]);
    expect(await ids({ withSeatsLeft: true })).toContain(open);
    expect(await ids({ withSeatsLeft: true })).not.toContain(full);
    expect(await ids({ types: ['WORKSHOP'] })).toContain(open);
    expect(await ids({ types: ['CONTEST'] })).not.toContain(open);
    expect(await ids({ audiences: ['FAMILIES'] })).toContain(open);
    expect(await ids({ district: 'zatorze' })).toContain(open);
    expect(await ids({ search: 'ceramiki' })).toContain(open);
    expect(await ids({ search: 'zupelnie-nic' })).toEqual([]);
  });

  test('pages through every slot once', async () => {
    for (let i = 0; i < 5; i++) await world.slot({ capacity: 3, daysAhead: 8 });
    const seen: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    let last: string | null = null;
    do {
      const page: any = (await app.client().ok(PROGRAMME, { e: world.editionId, first: 2, after })).openDaysProgramme;
      seen.push(...page.edges.map((e: any) => e.node.id));
      totals.add(page.totalCount);
      last = page.pageInfo.endCursor;
      after = page.pageInfo.hasNextPage ? last : null;
    } while (after);
    // Past the end no row carries the total: it is still every match.
    const beyond: any = (await app.client().ok(PROGRAMME, { e: world.editionId, first: 2, after: last })).openDaysProgramme;
    expect(beyond.edges).toEqual([]);
    totals.add(beyond.totalCount);
    const [{ n }] = await app.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from slot');
    expect([...totals]).toEqual([n]);
    expect(new Set(seen).size).toBe(n);
    expect(seen).toHaveLength(n);
  });

  test('costs the same number of SQL statements for 10 and 100 slots with nested activity and organisation', async () => {
    // A separate edition with 100 half-hour slots.
    const big = await openDaysWorld(app);
    for (let i = 0; i < 100; i++) await big.slot({ capacity: 3, daysAhead: 2, hours: 0.5 });
    const { client } = await app.clientAs(Role.RESIDENT);
    await app.sessionRemembered(client);
    let small: any;
    let large: any;
    const forTen = await app.countQueries(async () => (small = await client.ok(PROGRAMME, { e: big.editionId, first: 10 })));
    const forHundred = await app.countQueries(async () => (large = await client.ok(PROGRAMME, { e: big.editionId, first: 100 })));
    expect(small.openDaysProgramme.edges).toHaveLength(10);
    expect(large.openDaysProgramme.edges).toHaveLength(100);
    expect(large.openDaysProgramme.edges.every((e: any) => e.node.activity.organization.name)).toBe(true);
    expect(forHundred).toBe(forTen);
    // The page alone (the session is remembered): the edition's status is checked inside its statement.
    expect(forTen).toBe(1);
  });

  test('two residents\' pages send the same statements: who is asking is a parameter, so each statement is prepared once per connection', async () => {
    const residents = [await app.clientAs(Role.RESIDENT), await app.clientAs(Role.RESIDENT)];
    // Each has a booking, so their pages differ in what they show of themselves.
    for (const [i, { client }] of residents.entries()) {
      const slot = await world.slot({ capacity: 5, daysAhead: 7 + i });
      await client.ok(`mutation($s: ID!) { bookOpenDaysSlot(input: { slotId: $s, partySize: 1 }) { id } }`, { s: slot });
    }
    const pages: any[] = [];
    const sent: string[][] = [];
    for (const { client } of residents) {
      sent.push(await app.recordQueries(async () => pages.push((await client.ok(PROGRAMME, { e: world.editionId, first: 50 })).openDaysProgramme)));
    }
    const [first, second] = sent;
    expect(pages.map((page) => page.edges.filter((e: any) => e.node.viewerBooking).length)).toEqual([1, 1]);
    expect(first!.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
    for (const { userId } of residents) expect(first!.join('\n')).not.toContain(userId);
  });

  test('before publication only staff see an edition\'s slots; an unknown edition, or a draft for anyone but staff, is NOT_FOUND', async () => {
    const DAY = 24 * 3600 * 1000;
    const now = Date.now();
    const input = (name: string) => ({
      name, startsOn: warsawDate(new Date(now + DAY)), endsOn: warsawDate(new Date(now + 11 * DAY)),
      submissionsOpenAt: new Date(now - DAY).toISOString(), submissionsCloseAt: new Date(now + DAY).toISOString(),
    });
    const create = async (name: string) => (await world.staff.ok(`mutation($input: EditionInput!) { createOpenDaysEdition(input: $input) { id } }`, { input: input(name) })).createOpenDaysEdition.id as string;
    const open = await create('Drzwi Otwarte przed publikacją');
    await world.staff.ok(`mutation($id: ID!) { setOpenDaysEditionStatus(id: $id, status: OPEN) { id } }`, { id: open });
    const { submitOpenDaysActivity: activity } = await world.organizer.ok(
      `mutation($input: SubmitActivityInput!) { submitOpenDaysActivity(input: $input) { id } }`,
      { input: { editionId: open, organizationId: world.organizationId, title: 'Próba chóru', type: 'WORKSHOP', description: 'Śpiewamy kolędy.', audience: 'FAMILIES' } },
    );
    await world.staff.ok(`mutation($id: ID!) { reviewOpenDaysActivity(id: $id, status: APPROVED) { id } }`, { id: activity.id });
    const startsAt = new Date(now + 3 * DAY);
    const { addOpenDaysSlot: slot } = await world.organizer.ok(
      `mutation($input: SlotInput!) { addOpenDaysSlot(input: $input) { id } }`,
      { input: { activityId: activity.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), capacity: 5 } },
    );
    const draft = await create('Drzwi Otwarte w szkicu');
    const { client: resident } = await app.clientAs(Role.RESIDENT);
    const programme = (client: typeof resident, e: string) => client.ok(PROGRAMME, { e, first: 10 }).then((d) => d.openDaysProgramme);

    for (const client of [resident, app.client()]) {
      expect(await programme(client, open)).toMatchObject({ totalCount: 0, edges: [] });
      expect((await client.fails(PROGRAMME, { e: draft, first: 10 })).extensions?.code).toBe('NOT_FOUND');
      expect((await client.fails(PROGRAMME, { e: '6f1c2a8e-0d3b-4c55-9a7e-2b1f0c9d8e7a', first: 10 })).extensions?.code).toBe('NOT_FOUND');
    }
    expect((await programme(world.staff, open)).edges.map((e: any) => e.node.id)).toEqual([slot.id]);
    expect(await programme(world.staff, draft)).toMatchObject({ totalCount: 0, edges: [] });
  });
});

describe('my plan', () => {
  test('lists my bookings in time order and serves them as an iCalendar feed at a private URL', async () => {
    const earlier = await world.slot({ capacity: 5, daysAhead: 4 });
    const later = await world.slot({ capacity: 5, daysAhead: 6 });
    // Booked in the opposite order: the plan follows the clock, not the booking order.
    const { client } = await app.clientAs(Role.RESIDENT);
    for (const s of [later, earlier]) await client.ok(`mutation($s: ID!) { bookOpenDaysSlot(input: { slotId: $s, partySize: 2 }) { id } }`, { s });
    const { myOpenDaysBookings } = await client.ok(`{ myOpenDaysBookings { id code slot { id startsAt activity { title place { street } } } } }`);
    expect(myOpenDaysBookings.map((b: any) => b.slot.id)).toEqual([earlier, later]);

    expect((await client.ok(`{ myOpenDaysPlan { calendarPath } }`)).myOpenDaysPlan.calendarPath).toBeNull();
    const { enableOpenDaysCalendar } = await client.ok(`mutation { enableOpenDaysCalendar { calendarPath } }`);
    expect(enableOpenDaysCalendar.calendarPath).toMatch(/^\/calendar\/[\w-]{32}\.ics$/);
    const response = await fetch(new URL(enableOpenDaysCalendar.calendarPath, app.url));
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(myOpenDaysBookings.map((b: any) => new Date(b.slot.startsAt).toISOString()));
    expect(events[0]!.summary).toBe('Warsztaty ceramiki');
    expect(events[0]!.description).toContain(myOpenDaysBookings[0].code);

    // A calendar app asking again with the feed's ETag gets 304 without the feed; a changed plan, the new feed.
    // (fetch would add `cache-control: no-cache` to a conditional request, which no calendar app sends.)
    const etag = response.headers.get('etag')!;
    const revalidate = { 'if-none-match': etag, 'cache-control': 'max-age=300' };
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(new URL(enableOpenDaysCalendar.calendarPath, app.url), { headers: revalidate });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    await client.ok(`mutation($id: ID!) { cancelOpenDaysBooking(id: $id) { id } }`, { id: myOpenDaysBookings[0].id });
    const changed = await fetch(new URL(enableOpenDaysCalendar.calendarPath, app.url), { headers: revalidate });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    expect((await fetch(new URL('/calendar/not-a-token.ics', app.url))).status).toBe(404);
    // GraphQL answers carry no ETag: nothing revalidates a POST.
    const graphql = await fetch(new URL('/graphql', app.url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-municipality': 'leszno' }, body: '{"query":"{ __typename }"}' });
    expect(graphql.status).toBe(200);
    expect(graphql.headers.get('etag')).toBeNull();
    expect((await app.client().fails(`mutation { enableOpenDaysCalendar { calendarPath } }`)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

test('live seats: a subscriber hears the new seat count when someone books', async () => {
  const slotId = await world.slot({ capacity: 4, daysAhead: 5 });
  const socket = createClient({ url: app.url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { municipality: 'leszno' }, lazy: false });
  const received: any[] = [];
  const subscribed = new Promise<void>((resolve, reject) => {
    const stop = socket.subscribe(
      { query: `subscription($e: ID!) { openDaysSeatsChanged(editionId: $e) { slotId seatsLeft waitlisted } }`, variables: { e: world.editionId } },
      { next: (message) => { received.push(message.data); if (received.length === 1) { stop(); resolve(); } }, error: reject, complete: () => {} },
    );
  });
  // Give the server a moment to register the subscription before the change.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const { client } = await app.clientAs(Role.RESIDENT);
  await client.ok(`mutation($s: ID!) { bookOpenDaysSlot(input: { slotId: $s, partySize: 3 }) { id } }`, { s: slotId });
  await subscribed;
  await socket.dispose();
  expect(received).toEqual([{ openDaysSeatsChanged: { slotId, seatsLeft: 1, waitlisted: 0 } }]);
});

test('the outbox sender delivers each message once and retries a failure later, with growing delays', async () => {
  const slotId = await world.slot({ capacity: 4, daysAhead: 5 });
  const { client } = await app.clientAs(Role.RESIDENT);
  await client.ok(`mutation($s: ID!) { bookOpenDaysSlot(input: { slotId: $s }) { id } }`, { s: slotId });
  const delivered: string[] = [];
  let failNext = true;
  const delivery: Delivery = {
    send: async (message) => {
      if (failNext) {
        failNext = false;
        throw new Error('SMTP down');
      }
      delivered.push(message.id);
    },
  };
  const pending = await app.em().count(OutboxMessage, { sentAt: null });
  expect(pending).toBeGreaterThan(0);
  const now = Date.now();
  // The first try of one message fails: the rest go, that one waits its 30 seconds.
  expect(await drainOutbox(app.em, delivery, { batchSize: 500, now: new Date(now) })).toBe(pending - 1);
  expect(await drainOutbox(app.em, delivery, { batchSize: 500, now: new Date(now + 29_000) })).toBe(0);
  expect(await drainOutbox(app.em, delivery, { batchSize: 500, now: new Date(now + 31_000) })).toBe(1);
  expect(new Set(delivered).size).toBe(pending);
  expect(await app.em().count(OutboxMessage, { sentAt: null })).toBe(0);
  expect(await app.em().count(OutboxMessage, { attempts: 2 })).toBe(1);
  expect(await drainOutbox(app.em, delivery, { batchSize: 500, now: new Date(now + 3_600_000) })).toBe(0);

  // A mail server that never answers: five tries over about 73 minutes, then the message has failed.
  await client.ok(`mutation($s: ID!) { bookOpenDaysSlot(input: { slotId: $s }) { id } }`, { s: await world.slot({ capacity: 4, daysAhead: 6 }) });
  const down: Delivery = { send: async () => { throw new Error('connection refused'); } };
  let at = now;
  for (let i = 0; i < 8; i++, at += 2 * 3_600_000) expect(await drainOutbox(app.em, down, { batchSize: 500, now: new Date(at) })).toBe(0);
  const [failed] = await app.em().getConnection().execute<{ attempts: number; last_error: string }[]>(
    'select attempts, last_error from outbox_message where sent_at is null',
  );
  expect(failed).toEqual({ attempts: 5, last_error: 'connection refused' });
});
