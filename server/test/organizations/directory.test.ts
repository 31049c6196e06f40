import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ demoData: true });
});
afterAll(() => app.close());

const LIST = `query($filter: OrganizationFilter, $first: Int, $after: String) {
  organizations(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { name slug status legalForm activityAreas lookingForVolunteers publicBenefitYears address { district } } }
  }
}`;

type Row = { name: string; slug: string; status: string; legalForm: string; activityAreas: string[]; lookingForVolunteers: boolean; publicBenefitYears: number[]; address: { district: string } };
const names = (data: any): string[] => data.organizations.edges.map((e: { node: Row }) => e.node.name);
const nodes = (data: any): Row[] => data.organizations.edges.map((e: { node: Row }) => e.node);

describe('demo data', () => {
  test('Leszno has at least 40 organisations and Czerwionka-Leszczyny at least 10, covering every legal form and area', async () => {
    const counts = await app.em().getConnection().execute<{ slug: string; n: number; forms: number; areas: number }[]>(
      `select m.slug, count(*)::int as n, count(distinct o.legal_form)::int as forms,
              (select count(distinct a)::int from organization o2, unnest(o2.activity_areas) a where o2.municipality_id = m.id) as areas
       from organization o join municipality m on m.id = o.municipality_id group by m.id, m.slug order by m.slug`,
    );
    expect(counts).toEqual([
      expect.objectContaining({ slug: 'czerwionka-leszczyny', n: expect.toSatisfy((n: number) => n >= 10) }),
      expect.objectContaining({ slug: 'leszno', n: expect.toSatisfy((n: number) => n >= 40), forms: 10, areas: 13 }),
    ]);
  });
});

test('Open Days demo: a published edition with 60+ activities, 150+ slots and some bookings', async () => {
  const [row] = await app.em().getConnection().execute<{ activities: number; slots: number; bookings: number; status: string }[]>(
    `select (select count(*)::int from activity) as activities, (select count(*)::int from slot) as slots,
            (select count(*)::int from booking) as bookings, (select status from open_days_edition limit 1) as status`,
  );
  expect(row).toMatchObject({ status: 'PUBLISHED' });
  expect(row!.activities).toBeGreaterThanOrEqual(60);
  expect(row!.slots).toBeGreaterThanOrEqual(150);
  expect(row!.bookings).toBeGreaterThan(10);
});

test('Christmas-tree demo: this year’s campaign of 300 baubles with sign-ups in every state, and greetings', async () => {
  const rows = await app.em().getConnection().execute<{ year: number; prepared: number; status: string; statuses: string[]; greetings: number }[]>(
    `select c.year, c.baubles_prepared as prepared, c.status,
            array(select distinct s.status from bauble_signup s where s.campaign_id = c.id order by 1) as statuses,
            (select count(*)::int from greeting g where g.campaign_id = c.id) as greetings
     from bauble_campaign c order by c.year desc`,
  );
  expect(rows[0]).toMatchObject({ prepared: 300, status: 'OPEN' });
  expect(rows[0]!.statuses).toEqual(['CANCELLED', 'PICKED_UP', 'RESERVED', 'RETURNED', 'WAITLISTED']);
  expect(rows[0]!.greetings).toBeGreaterThan(0);
  // Overdue needs a deadline in the past: last year's campaign shows it.
  expect(rows[1]!.statuses).toContain('OVERDUE');
});

test('NGO Fair demo: a published fair with 40+ stands in zones, applications, and allocated stands', async () => {
  const [row] = await app.em().getConnection().execute<{ status: string; stands: number; zones: number; applications: number; placed: number }[]>(
    `select f.status, (select count(*)::int from stand s where s.fair_id = f.id) as stands,
            (select count(distinct zone)::int from stand s where s.fair_id = f.id) as zones,
            (select count(*)::int from fair_application a where a.fair_id = f.id) as applications,
            (select count(*)::int from stand_assignment x where x.fair_id = f.id) as placed
     from fair f where f.status = 'PUBLISHED'`,
  );
  expect(row).toMatchObject({ status: 'PUBLISHED', zones: 6 });
  expect(row!.stands).toBeGreaterThanOrEqual(40);
  expect(row!.applications).toBeGreaterThanOrEqual(30);
  expect(row!.placed).toBeGreaterThan(25);
});

test('speed-dating demo: a finished session with meetings and an upcoming one with 12+ NGO representatives and 8+ officials', async () => {
  const rows = await app.em().getConnection().execute<{ live_status: string; ngos: number; officials: number; meetings: number }[]>(
    `select s.live_status, (select count(*)::int from speed_dating_participant p where p.session_id = s.id and p.side = 'NGO') as ngos,
            (select count(*)::int from speed_dating_participant p where p.session_id = s.id and p.side = 'OFFICIAL') as officials,
            (select count(*)::int from speed_dating_meeting m where m.session_id = s.id) as meetings
     from speed_dating_session s order by s.starts_at`,
  );
  expect(rows[0]).toMatchObject({ live_status: 'FINISHED' });
  expect(rows[0]!.meetings).toBeGreaterThan(0);
  expect(rows[1]).toMatchObject({ live_status: 'NOT_STARTED' });
  expect(rows[1]!.ngos).toBeGreaterThanOrEqual(12);
  expect(rows[1]!.officials).toBeGreaterThanOrEqual(8);
});

describe('listing and visibility', () => {
  test('anonymous users see only published organisations, sorted by name ignoring diacritics', async () => {
    const data = await app.client().ok(LIST, { first: 100 });
    const rows = nodes(data);
    expect(rows.length).toBe(data.organizations.totalCount);
    expect(rows.every((r) => r.status === 'PUBLISHED')).toBe(true);
    // "Ł…" and "Ś…" file under L and S, not after Z as a byte-order sort would put them.
    const initials = rows.map((r) => r.name.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/gi, 'l').toLowerCase()[0]);
    expect(initials).toEqual([...initials].sort());
    const [{ n }] = await app.em().getConnection().execute<{ n: number }[]>(
      `select count(*)::int as n from organization o join municipality m on m.id = o.municipality_id where m.slug = 'leszno' and status = 'PUBLISHED'`,
    );
    expect(data.organizations.totalCount).toBe(n);
  });

  test('cursor pagination walks every organisation exactly once', async () => {
    const client = app.client();
    const seen: string[] = [];
    let after: string | null = null;
    let last: string | null = null;
    const totals = new Set<number>();
    do {
      const data: any = await client.ok(LIST, { first: 7, after });
      totals.add(data.organizations.totalCount);
      seen.push(...nodes(data).map((r) => r.slug));
      last = data.organizations.pageInfo.endCursor;
      after = data.organizations.pageInfo.hasNextPage ? last : null;
    } while (after);
    // The total is every match, whatever the page: past the end too, where no row carries it.
    const beyond: any = await client.ok(LIST, { first: 7, after: last });
    expect(beyond.organizations.edges).toEqual([]);
    totals.add(beyond.organizations.totalCount);
    const [{ n }] = await app.em().getConnection().execute<{ n: number }[]>(
      `select count(*)::int as n from organization o join municipality m on m.id = o.municipality_id where m.slug = 'leszno' and status = 'PUBLISHED'`,
    );
    expect([...totals]).toEqual([n]);
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
  });

  test('a malformed cursor or page size is a clear input error', async () => {
    expect((await app.client().fails(LIST, { after: 'garbage' })).extensions?.fields?.[0]?.field).toBe('after');
    expect((await app.client().fails(LIST, { first: 0 })).extensions?.fields?.[0]?.field).toBe('first');
    expect((await app.client().fails(LIST, { first: 1000 })).extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('pending organisations are visible to staff on request, but residents may not ask', async () => {
    const { client: staff } = await app.clientAs(Role.STAFF);
    const pending = nodes(await staff.ok(LIST, { filter: { status: 'PENDING' } }));
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r) => r.status === 'PENDING')).toBe(true);
    const { client: resident } = await app.clientAs(Role.RESIDENT);
    expect((await resident.fails(LIST, { filter: { status: 'PENDING' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(LIST, { filter: { status: 'ARCHIVED' } })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a pending organisation by slug is hidden from the public but shown to staff', async () => {
    const { client: staff } = await app.clientAs(Role.STAFF);
    const slug = nodes(await staff.ok(LIST, { filter: { status: 'PENDING' } }))[0]!.slug;
    const BY_SLUG = `query($slug: String!) { organization(slug: $slug) { name status } }`;
    expect((await app.client().ok(BY_SLUG, { slug })).organization).toBeNull();
    expect((await staff.ok(BY_SLUG, { slug })).organization.status).toBe('PENDING');
  });
});

describe('search', () => {
  test('finds "Związek" when typed without diacritics, in any case', async () => {
    for (const search of ['zwiazek', 'ZWIĄZEK', 'Zwiazek harcerski']) {
      expect(names(await app.client().ok(LIST, { filter: { search } }))).toContain('Związek Harcerski Drużyn Leśnych');
    }
  });

  test('finds names written with ł and other Polish letters', async () => {
    expect(names(await app.client().ok(LIST, { filter: { search: 'lapa w lape' } }))).toEqual(['Towarzystwo Pomocy Bezdomnym Zwierzętom „Łapa w Łapę”']);
  });

  test('tolerates a small typo', async () => {
    expect(names(await app.client().ok(LIST, { filter: { search: 'harcerkski' } }))).toContain('Związek Harcerski Drużyn Leśnych');
    expect(names(await app.client().ok(LIST, { filter: { search: 'wioslarske' } }))).toContain('Leszczyńskie Towarzystwo Wioślarskie');
  });

  test('searches descriptions too, and finds nothing for nonsense', async () => {
    expect(names(await app.client().ok(LIST, { filter: { search: 'makieta' } }))).toEqual(['Stowarzyszenie Zwykłe Miłośników Kolei Wielkopolskiej']);
    expect((await app.client().ok(LIST, { filter: { search: 'qxzvbnm' } })).organizations.totalCount).toBe(0);
  });

  test('LIKE wildcards in a search are plain characters', async () => {
    expect((await app.client().ok(LIST, { filter: { search: '%' } })).organizations.totalCount).toBe(0);
  });
});

describe('filters', () => {
  test('legal form, area, district, volunteers and OPP year each narrow the list', async () => {
    const client = app.client();
    const byForm = nodes(await client.ok(LIST, { first: 100, filter: { legalForms: ['VOLUNTEER_FIRE_BRIGADE'] } }));
    expect(byForm.length).toBeGreaterThan(0);
    expect(byForm.every((r) => r.legalForm === 'VOLUNTEER_FIRE_BRIGADE')).toBe(true);

    const byArea = nodes(await client.ok(LIST, { first: 100, filter: { areas: ['SENIORS', 'DISABILITY'] } }));
    expect(byArea.length).toBeGreaterThan(1);
    expect(byArea.every((r) => r.activityAreas.includes('SENIORS') || r.activityAreas.includes('DISABILITY'))).toBe(true);

    const district = byArea[0]!.address.district;
    const byDistrict = nodes(await client.ok(LIST, { first: 100, filter: { district: district.toUpperCase() } }));
    expect(byDistrict.length).toBeGreaterThan(0);
    expect(byDistrict.every((r) => r.address.district === district)).toBe(true);

    const volunteers = nodes(await client.ok(LIST, { first: 100, filter: { lookingForVolunteers: true } }));
    expect(volunteers.length).toBeGreaterThan(0);
    expect(volunteers.every((r) => r.lookingForVolunteers)).toBe(true);

    const opp = nodes(await client.ok(LIST, { first: 100, filter: { publicBenefitYear: 2025 } }));
    expect(opp.length).toBeGreaterThan(0);
    expect(opp.every((r) => r.publicBenefitYears.includes(2025))).toBe(true);
  });

  test('filters combine', async () => {
    const rows = nodes(await app.client().ok(LIST, { first: 100, filter: { legalForms: ['SPORTS_CLUB'], areas: ['CHILDREN_AND_YOUTH'], search: 'klub' } }));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.legalForm === 'SPORTS_CLUB' && r.activityAreas.includes('CHILDREN_AND_YOUTH'))).toBe(true);
  });

  test('districts lists the districts of published organisations', async () => {
    const { districts } = await app.client().ok(`{ districts }`);
    expect(districts).toContain('Zatorze');
    expect(districts).toEqual([...districts].sort());
  });
});

describe('the public-benefit guide', () => {
  test('lists published OPP organisations of the year with KRS numbers and the right percentage', async () => {
    const GUIDE = `query($year: Int!) { publicBenefitGuide(taxYear: $year) { taxYear taxPercentage organizations { name krs status publicBenefitYears taxPercentage(taxYear: $year) } } }`;
    const { publicBenefitGuide: g2025 } = await app.client().ok(GUIDE, { year: 2025 });
    expect(g2025.taxPercentage).toBe(1.5);
    expect(g2025.organizations.length).toBeGreaterThan(0);
    for (const o of g2025.organizations) {
      expect(o).toMatchObject({ status: 'PUBLISHED', krs: expect.stringMatching(/^\d{10}$/), taxPercentage: 1.5 });
      expect(o.publicBenefitYears).toContain(2025);
    }
    const { publicBenefitGuide: g2020 } = await app.client().ok(GUIDE, { year: 2020 });
    expect(g2020.taxPercentage).toBe(1);
    expect(g2020.organizations.length).toBeLessThan(g2025.organizations.length);
  });
});

describe('staff CSV export', () => {
  const CSV = `{ organizationsCsv }`;

  test('staff get every organisation of their municipality, any status', async () => {
    const { client } = await app.clientAs(Role.STAFF);
    const csv: string = (await client.ok(CSV)).organizationsCsv;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^name,short_name,legal_form,status,krs,nip,regon,email/);
    const [{ n }] = await app.em().getConnection().execute<{ n: number }[]>(
      `select count(*)::int as n from organization o join municipality m on m.id = o.municipality_id where m.slug = 'leszno'`,
    );
    expect(lines).toHaveLength(n + 1);
    expect(csv).toContain('PENDING');
    expect(csv).not.toContain('Szychta');
  });

  test('residents and anonymous users may not export', async () => {
    const { client } = await app.clientAs(Role.RESIDENT);
    expect((await client.fails(CSV)).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(CSV)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('isolation between municipalities', () => {
  test('each municipality lists and finds only its own organisations', async () => {
    const leszno = names(await app.client('leszno').ok(LIST, { first: 100 }));
    const czerwionka = names(await app.client('czerwionka-leszczyny').ok(LIST, { first: 100 }));
    expect(czerwionka).toContain('Stowarzyszenie Górniczych Tradycji „Szychta”');
    expect(leszno).not.toContain('Stowarzyszenie Górniczych Tradycji „Szychta”');
    expect(leszno.filter((n) => czerwionka.includes(n))).toEqual([]);
    const slug = (await app.client('czerwionka-leszczyny').ok(LIST, { filter: { search: 'szychta' } })).organizations.edges[0].node.slug;
    expect((await app.client('leszno').ok(`query($slug: String!) { organization(slug: $slug) { id } }`, { slug })).organization).toBeNull();
  });
});
