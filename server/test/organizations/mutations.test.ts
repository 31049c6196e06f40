import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const REGISTER = `mutation($input: RegisterOrganizationInput!) {
  registerOrganization(input: $input) { id slug name status krs nip regon viewerRole members { role user { id displayName } } }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id name description phone krs lookingForVolunteers } }`;
const PUBLISH = `mutation($id: ID!) { publishOrganization(id: $id) { status } }`;
const ARCHIVE = `mutation($id: ID!) { archiveOrganization(id: $id) { status } }`;
const ADD_MEMBER = `mutation($input: AddMemberInput!) { addOrganizationMember(input: $input) { role user { id email } } }`;
const REMOVE_MEMBER = `mutation($organizationId: ID!, $userId: ID!) { removeOrganizationMember(organizationId: $organizationId, userId: $userId) }`;
const SET_OPP = `mutation($input: SetPublicBenefitYearsInput!) { setPublicBenefitYears(input: $input) { publicBenefitYears taxPercentage(taxYear: 2024) } }`;

let krsCounter = 1000;
const validInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Stowarzyszenie Testowe Przyjaciół Parku',
  legalForm: 'ASSOCIATION',
  description: 'Dbamy o park miejski i organizujemy sprzątanie oraz pikniki.',
  activityAreas: ['ECOLOGY_AND_ANIMALS'],
  address: { street: 'ul. Parkowa 1', postalCode: '64-100', city: 'Leszno', district: 'Zatorze' },
  krs: `000000${krsCounter++}`,
  nip: '123-456-32-18',
  regon: '123456785',
  ...overrides,
});

const organizationCount = async () => (await app.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from organization'))[0]!.n;

async function registered(owner: TestClient, overrides: Record<string, unknown> = {}) {
  return (await owner.ok(REGISTER, { input: validInput(overrides) })).registerOrganization;
}

describe('registering an organisation', () => {
  test('the caller becomes OWNER and the organisation waits for verification', async () => {
    const { client, userId } = await app.clientAs(Role.RESIDENT, { displayName: 'Założyciel' });
    const org = await registered(client);
    expect(org).toMatchObject({
      slug: 'stowarzyszenie-testowe-przyjaciol-parku', status: 'PENDING', nip: '1234563218', regon: '123456785', viewerRole: 'OWNER',
      members: [{ role: 'OWNER', user: { id: userId, displayName: 'Założyciel' } }],
    });
  });

  test('a second organisation with the same name gets its own slug', async () => {
    const { client } = await app.clientAs(Role.RESIDENT);
    const a = await registered(client, { name: 'Fundacja Bliźniacza' });
    const b = await registered(client, { name: 'Fundacja Bliźniacza' });
    expect([a.slug, b.slug]).toEqual(['fundacja-blizniacza', 'fundacja-blizniacza-2']);
  });

  test('anonymous users must sign in first', async () => {
    expect((await app.client().fails(REGISTER, { input: validInput() })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  test.each([
    ['nip', { nip: '1234563219' }, 'nip'],
    ['regon', { regon: '123456786' }, 'regon'],
    ['krs', { krs: '12345' }, 'krs'],
    ['name', { name: 'X' }, 'isLength'],
    ['description', { description: 'too short' }, 'isLength'],
    ['email', { email: 'nope' }, 'isEmail'],
    ['website', { website: 'example.org' }, 'isUrl'],
    ['phone', { phone: '12' }, 'matches'],
    ['address.postalCode', { address: { street: 'ul. Parkowa 1', postalCode: '64100', city: 'Leszno' } }, 'matches'],
  ])('an invalid %s is BAD_USER_INPUT naming the field, and nothing is stored', async (field, overrides, code) => {
    const { client } = await app.clientAs(Role.RESIDENT);
    const before = await organizationCount();
    const error = await client.fails(REGISTER, { input: validInput(overrides) });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toContainEqual(expect.objectContaining({ field, code, message: expect.any(String) }));
    expect(await organizationCount()).toBe(before);
  });

  test('an empty or blank required text is `required`, and only that, however many spaces; an optional one keeps its own rule', async () => {
    const { client } = await app.clientAs(Role.RESIDENT);
    const before = await organizationCount();
    const required = { code: 'required', message: 'This field is required.' };
    for (const name of ['', '   ', ' \t\n ']) {
      const error = await client.fails(REGISTER, { input: validInput({ name, address: { street: ' ', postalCode: '64-100', city: 'Leszno' } }) });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields).toEqual([{ field: 'name', ...required }, { field: 'address.street', ...required }]);
    }
    const org = await registered(client);
    expect((await client.fails(UPDATE, { id: org.id, input: { name: '    ' } })).extensions?.fields).toEqual([{ field: 'name', ...required }]);
    expect(await organizationCount()).toBe(before + 1);
    // An optional field sent empty is judged by its own rule: `required` would be untrue.
    expect((await client.fails(UPDATE, { id: org.id, input: { shortName: '' } })).extensions?.fields).toEqual([expect.objectContaining({ field: 'shortName', code: 'isLength' })]);
  });

  test('a KRS number already registered in the municipality is a CONFLICT, and nothing is stored', async () => {
    const { client } = await app.clientAs(Role.RESIDENT);
    await registered(client, { krs: '0000777777' });
    const before = await organizationCount();
    const memberships = async () => (await app.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from membership'))[0]!.n;
    const membershipsBefore = await memberships();
    const error = await client.fails(REGISTER, { input: validInput({ krs: '0000777777', name: 'Inna nazwa' }) });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', fields: [expect.objectContaining({ field: 'krs' })] });
    expect(await organizationCount()).toBe(before);
    expect(await memberships()).toBe(membershipsBefore);
  });

  test('the same KRS may exist in another municipality', async () => {
    const { client: leszno } = await app.clientAs(Role.RESIDENT, { municipality: 'leszno' });
    const { client: czerwionka } = await app.clientAs(Role.RESIDENT, { municipality: 'czerwionka-leszczyny' });
    await registered(leszno, { krs: '0000888888' });
    expect((await registered(czerwionka, { krs: '0000888888' })).krs).toBe('0000888888');
  });

  test('simultaneous registrations with one KRS: exactly one succeeds, the rest are CONFLICT', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => app.clientAs(Role.RESIDENT)));
    const results = await Promise.all(clients.map(({ client }, i) => client.request(REGISTER, { input: validInput({ krs: '0000999999', name: `Równoległa ${i}` }) })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.code)).toEqual(Array(7).fill('CONFLICT'));
    const [{ n }] = await app.em().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from organization where krs = '0000999999'`);
    expect(n).toBe(1);
  });
});

describe('updating a profile', () => {
  test('owners, editors and staff may update; other users may not; anonymous must sign in', async () => {
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    const { client: editor, email: editorEmail } = await app.clientAs(Role.RESIDENT);
    await owner.ok(ADD_MEMBER, { input: { organizationId: org.id, email: editorEmail, role: 'EDITOR' } });
    const { client: staff } = await app.clientAs(Role.STAFF);
    const { client: stranger } = await app.clientAs(Role.RESIDENT);
    const { client: official } = await app.clientAs(Role.OFFICIAL);

    expect((await owner.ok(UPDATE, { id: org.id, input: { phone: '+48 65 123 45 67' } })).updateOrganization.phone).toBe('+48 65 123 45 67');
    expect((await editor.ok(UPDATE, { id: org.id, input: { lookingForVolunteers: true } })).updateOrganization.lookingForVolunteers).toBe(true);
    expect((await staff.ok(UPDATE, { id: org.id, input: { name: 'Nazwa poprawiona przez biuro' } })).updateOrganization.name).toBe('Nazwa poprawiona przez biuro');
    expect((await stranger.fails(UPDATE, { id: org.id, input: { name: 'Przejęte' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await official.fails(UPDATE, { id: org.id, input: { name: 'Przejęte' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(UPDATE, { id: org.id, input: { name: 'Przejęte' } })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('an invalid field changes nothing, not even the valid fields sent with it', async () => {
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner, { name: 'Przed zmianą' });
    const error = await owner.fails(UPDATE, { id: org.id, input: { name: 'Po zmianie', nip: '1234567890' } });
    expect(error.extensions?.fields).toContainEqual(expect.objectContaining({ field: 'nip' }));
    const [{ name }] = await app.em().getConnection().execute<{ name: string }[]>('select name from organization where id = ?', [org.id]);
    expect(name).toBe('Przed zmianą');
  });

  test('changing KRS to one another organisation has is a CONFLICT', async () => {
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    await registered(owner, { krs: '0000121212' });
    const other = await registered(owner, { krs: '0000343434' });
    expect((await owner.fails(UPDATE, { id: other.id, input: { krs: '0000121212' } })).extensions?.code).toBe('CONFLICT');
  });

  test('an unknown id is NOT_FOUND, and so is an organisation of another municipality', async () => {
    const { client: staff } = await app.clientAs(Role.STAFF, { municipality: 'czerwionka-leszczyny' });
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    expect((await staff.fails(UPDATE, { id: org.id, input: { name: 'Cudza' } })).extensions?.code).toBe('NOT_FOUND');
    expect((await staff.fails(PUBLISH, { id: org.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await owner.fails(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { name: 'Nikt' } })).extensions?.code).toBe('NOT_FOUND');
  });
});

describe('members', () => {
  test('an owner adds an editor, promotes them and removes them', async () => {
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    const { userId, email } = await app.clientAs(Role.RESIDENT);
    expect((await owner.ok(ADD_MEMBER, { input: { organizationId: org.id, email, role: 'EDITOR' } })).addOrganizationMember.role).toBe('EDITOR');
    expect((await owner.ok(ADD_MEMBER, { input: { organizationId: org.id, email, role: 'OWNER' } })).addOrganizationMember.role).toBe('OWNER');
    expect((await owner.ok(REMOVE_MEMBER, { organizationId: org.id, userId })).removeOrganizationMember).toBe(true);
  });

  test('editors and outsiders may not manage members', async () => {
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    const { client: editor, email: editorEmail } = await app.clientAs(Role.RESIDENT);
    await owner.ok(ADD_MEMBER, { input: { organizationId: org.id, email: editorEmail, role: 'EDITOR' } });
    const { client: stranger, email: strangerEmail } = await app.clientAs(Role.RESIDENT);
    expect((await editor.fails(ADD_MEMBER, { input: { organizationId: org.id, email: strangerEmail, role: 'EDITOR' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await stranger.fails(ADD_MEMBER, { input: { organizationId: org.id, email: strangerEmail, role: 'OWNER' } })).extensions?.code).toBe('FORBIDDEN');
  });

  test('adding an unknown email names the field', async () => {
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    const error = await owner.fails(ADD_MEMBER, { input: { organizationId: org.id, email: 'ghost@example.org', role: 'EDITOR' } });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'email', code: 'unknownAccount' }] });
  });

  test('the last owner cannot be removed', async () => {
    const { client: owner, userId } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    expect((await owner.fails(REMOVE_MEMBER, { organizationId: org.id, userId })).extensions?.code).toBe('CONFLICT');
  });

  test('members see emails of fellow members only when staff or themselves; outsiders see no member list', async () => {
    const { client: owner, email: ownerEmail } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    const { client: staff } = await app.clientAs(Role.STAFF);
    const MEMBERS = `query($slug: String!) { organization(slug: $slug) { members { user { email } } } }`;
    expect((await staff.ok(MEMBERS, { slug: org.slug })).organization.members).toEqual([{ user: { email: ownerEmail } }]);
    await staff.ok(PUBLISH, { id: org.id });
    const { client: stranger } = await app.clientAs(Role.RESIDENT);
    expect((await stranger.ok(MEMBERS, { slug: org.slug })).organization.members).toBeNull();
  });
});

describe('staff moderation', () => {
  test('staff publish, then archive; residents, members and anonymous users may not', async () => {
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    const { client: staff } = await app.clientAs(Role.STAFF);
    const { client: official } = await app.clientAs(Role.OFFICIAL);
    expect((await owner.fails(PUBLISH, { id: org.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await official.fails(PUBLISH, { id: org.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(PUBLISH, { id: org.id })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await staff.ok(PUBLISH, { id: org.id })).publishOrganization.status).toBe('PUBLISHED');
    const listed = await app.client().ok(`query($s: String!) { organization(slug: $s) { status } }`, { s: org.slug });
    expect(listed.organization.status).toBe('PUBLISHED');
    expect((await owner.fails(ARCHIVE, { id: org.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await staff.ok(ARCHIVE, { id: org.id })).archiveOrganization.status).toBe('ARCHIVED');
    expect((await app.client().ok(`query($s: String!) { organization(slug: $s) { status } }`, { s: org.slug })).organization).toBeNull();
    // Archived is archived: archiving again is refused with both states named; publishing restores it.
    expect((await staff.fails(ARCHIVE, { id: org.id })).extensions).toMatchObject({
      code: 'CONFLICT', reason: 'INVALID_TRANSITION', currentStatus: 'ARCHIVED', requestedStatus: 'ARCHIVED', allowedStatuses: ['PUBLISHED'],
    });
    expect((await staff.ok(PUBLISH, { id: org.id })).publishOrganization.status).toBe('PUBLISHED');
  });

  test('staff record public-benefit years; the percentage follows the year', async () => {
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    const { client: staff } = await app.clientAs(Role.STAFF);
    const { setPublicBenefitYears } = await staff.ok(SET_OPP, { input: { organizationId: org.id, taxYears: [2024, 2022, 2024] } });
    expect(setPublicBenefitYears).toEqual({ publicBenefitYears: [2022, 2024], taxPercentage: 1.5 });
    expect((await owner.fails(SET_OPP, { input: { organizationId: org.id, taxYears: [2025] } })).extensions?.code).toBe('FORBIDDEN');
    const error = await staff.fails(SET_OPP, { input: { organizationId: org.id, taxYears: [1999] } });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'taxYears', code: 'min' })] });
  });

  test('my organisations lists the caller’s organisations whatever their status', async () => {
    const { client: owner } = await app.clientAs(Role.RESIDENT);
    const org = await registered(owner);
    const { myOrganizations } = await owner.ok(`{ myOrganizations { id status viewerRole } }`);
    expect(myOrganizations).toEqual([{ id: org.id, status: 'PENDING', viewerRole: 'OWNER' }]);
    expect((await app.client().ok(`{ myOrganizations { id } }`)).myOrganizations).toEqual([]);
  });
});
