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

const PRIVACY_FIELDS = 'controllerPl controllerEn dataProtectionOfficer bodyPl bodyEn updatedAt';
const STATEMENT_FIELDS = `bodyNamePl bodyNameEn siteUrl publishedOn lastUpdatedOn complianceStatus nonAccessibleContentPl nonAccessibleContentEn
  preparedOn reviewedOn assessmentMethod contactName contactEmail contactPhone procedurePl procedureEn architecturePl architectureEn signLanguagePl signLanguageEn updatedAt`;
const PRIVACY = `{ privacyNotice { ${PRIVACY_FIELDS} } }`;
const STATEMENT = `{ accessibilityStatement { ${STATEMENT_FIELDS} } }`;
const UPDATE_PRIVACY = `mutation($input: PrivacyNoticeInput!) { updatePrivacyNotice(input: $input) { ${PRIVACY_FIELDS} } }`;
const UPDATE_STATEMENT = `mutation($input: AccessibilityStatementInput!) { updateAccessibilityStatement(input: $input) { ${STATEMENT_FIELDS} } }`;

const privacy = (overrides: Record<string, unknown> = {}) => ({
  controllerPl: 'Urząd Miasta, ul. Przykładowa 1, 64-100 Leszno', controllerEn: 'Town Hall, ul. Przykładowa 1, 64-100 Leszno',
  dataProtectionOfficer: 'iod@example.org',
  bodyPl: '## Po co przetwarzamy dane\n- Rezerwacje Drzwi Otwartych.', bodyEn: '## Why we process data\n- Open Days bookings.', ...overrides,
});
const statement = (overrides: Record<string, unknown> = {}) => ({
  bodyNamePl: 'Urząd Miasta Leszna', bodyNameEn: 'Leszno Town Hall', siteUrl: 'https://razem.example.org',
  publishedOn: '2026-09-01', lastUpdatedOn: '2026-11-16', complianceStatus: 'PARTIALLY_COMPLIANT',
  nonAccessibleContentPl: '- Plan stoisk jest rysunkiem.', nonAccessibleContentEn: '- The stand plan is a drawing.',
  preparedOn: '2026-09-01', reviewedOn: '2026-11-16', assessmentMethod: 'SELF_ASSESSMENT',
  contactName: 'Anna Przykładowa', contactEmail: 'dostepnosc@example.org', contactPhone: '+48 65 000 00 00',
  procedurePl: 'Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej… Rzecznik Praw Obywatelskich.',
  procedureEn: 'Everyone may request digital accessibility… Commissioner for Human Rights.',
  architecturePl: 'Podjazd dla wózków przy wejściu głównym.', architectureEn: 'A ramp at the main entrance.',
  signLanguagePl: 'Tłumacz PJM po zgłoszeniu 3 dni robocze wcześniej.', signLanguageEn: 'A PJM interpreter with 3 working days’ notice.', ...overrides,
});

describe('privacy notice', () => {
  test('none until staff write it; then everyone reads it in both languages', async () => {
    expect((await app.client().ok(PRIVACY)).privacyNotice).toBeNull();
    const saved = (await staff.ok(UPDATE_PRIVACY, { input: privacy({ bodyPl: '  ## Po co przetwarzamy dane\n- Rezerwacje Drzwi Otwartych.  ' }) })).updatePrivacyNotice;
    expect(saved).toMatchObject({ ...privacy(), updatedAt: expect.any(String) });
    expect((await app.client().ok(PRIVACY)).privacyNotice).toMatchObject(privacy());
    // Saving again replaces it.
    await staff.ok(UPDATE_PRIVACY, { input: privacy({ dataProtectionOfficer: 'inspektor@example.org' }) });
    expect((await app.client().ok(PRIVACY)).privacyNotice.dataProtectionOfficer).toBe('inspektor@example.org');
    expect((await app.em().getConnection().execute(`select count(*)::int as n from privacy_notice`))[0].n).toBe(1);
  });

  test('only staff of the municipality write it', async () => {
    const { client: resident } = await app.clientAs(Role.RESIDENT);
    expect((await resident.fails(UPDATE_PRIVACY, { input: privacy() })).extensions?.code).toBe('FORBIDDEN');
    expect((await (await app.clientAs(Role.OFFICIAL)).client.fails(UPDATE_PRIVACY, { input: privacy() })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(UPDATE_PRIVACY, { input: privacy() })).extensions?.code).toBe('UNAUTHENTICATED');
    const { client: otherStaff } = await app.clientAs(Role.STAFF, { municipality: 'czerwionka-leszczyny' });
    otherStaff.municipality = 'leszno';
    expect((await otherStaff.fails(UPDATE_PRIVACY, { input: privacy({ bodyPl: 'Przejęte przez innych.' }) })).extensions?.code).toBe('UNAUTHENTICATED');
    // In their own municipality they write their own notice, which Leszno never shows.
    otherStaff.municipality = 'czerwionka-leszczyny';
    await otherStaff.ok(UPDATE_PRIVACY, { input: privacy({ controllerPl: 'Urząd Gminy i Miasta Czerwionka-Leszczyny' }) });
    expect((await app.client('czerwionka-leszczyny').ok(PRIVACY)).privacyNotice.controllerPl).toBe('Urząd Gminy i Miasta Czerwionka-Leszczyny');
    expect((await app.client().ok(PRIVACY)).privacyNotice.controllerPl).not.toContain('Czerwionka');
    const short = await staff.fails(UPDATE_PRIVACY, { input: privacy({ bodyEn: 'short', controllerPl: '' }) });
    expect(short.extensions?.fields?.map((f) => f.field).sort()).toEqual(['bodyEn', 'controllerPl']);
  });
});

describe('accessibility statement', () => {
  test('staff write the statement in its legal structure; everyone reads it in both languages', async () => {
    expect((await app.client().ok(STATEMENT)).accessibilityStatement).toBeNull();
    const saved = (await staff.ok(UPDATE_STATEMENT, { input: statement() })).updateAccessibilityStatement;
    expect(saved).toEqual({ ...statement(), updatedAt: expect.any(String) });
    expect((await app.client().ok(STATEMENT)).accessibilityStatement).toMatchObject(statement());
    await staff.ok(UPDATE_STATEMENT, { input: statement({ complianceStatus: 'COMPLIANT', nonAccessibleContentPl: '', nonAccessibleContentEn: '', assessmentMethod: 'EXTERNAL_AUDIT' }) });
    expect((await app.client().ok(STATEMENT)).accessibilityStatement).toMatchObject({ complianceStatus: 'COMPLIANT', nonAccessibleContentPl: '', assessmentMethod: 'EXTERNAL_AUDIT' });
  });

  test('dates are real and in order, the contact is reachable; each refusal names its field', async () => {
    const dates = await staff.fails(UPDATE_STATEMENT, { input: statement({ publishedOn: '2026-11-20', lastUpdatedOn: '2026-11-19', preparedOn: '2026-10-01', reviewedOn: '2026-09-30' }) });
    expect(dates.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'lastUpdatedOn', code: 'beforePublished' }),
      expect.objectContaining({ field: 'reviewedOn', code: 'beforePrepared' }),
    ]);
    const wrong = await staff.fails(UPDATE_STATEMENT, { input: statement({ preparedOn: '2026-02-30', contactEmail: 'dostępność', contactPhone: '12', siteUrl: 'razem' }) });
    expect(wrong.extensions?.fields?.map((f) => `${f.field}:${f.code}`).sort()).toEqual(['contactEmail:isEmail', 'contactPhone:matches', 'preparedOn:calendarDate', 'siteUrl:isUrl']);
    const status = await staff.request(UPDATE_STATEMENT, { input: statement({ complianceStatus: 'MOSTLY' }) });
    expect(status.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('only staff of the municipality write it', async () => {
    const { client: resident } = await app.clientAs(Role.RESIDENT);
    expect((await resident.fails(UPDATE_STATEMENT, { input: statement() })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().fails(UPDATE_STATEMENT, { input: statement() })).extensions?.code).toBe('UNAUTHENTICATED');
    const { client: otherStaff } = await app.clientAs(Role.STAFF, { municipality: 'czerwionka-leszczyny' });
    otherStaff.municipality = 'leszno';
    expect((await otherStaff.fails(UPDATE_STATEMENT, { input: statement() })).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

test('the demo data brings a complete privacy notice and accessibility statement for each municipality, in both languages', async () => {
  const demo = await startTestApp({ demoData: true });
  try {
    for (const municipality of ['leszno', 'czerwionka-leszczyny']) {
      const client = demo.client(municipality);
      const { privacyNotice } = await client.ok(PRIVACY);
      const { accessibilityStatement } = await client.ok(STATEMENT);
      for (const [key, value] of Object.entries({ ...privacyNotice, ...accessibilityStatement })) expect(value, `${municipality}.${key}`).toBeTruthy();
      expect(privacyNotice.bodyPl).toContain('Twoje prawa');
      expect(privacyNotice.bodyEn).toContain('Your rights');
      expect(accessibilityStatement).toMatchObject({ complianceStatus: 'PARTIALLY_COMPLIANT', assessmentMethod: 'SELF_ASSESSMENT', contactEmail: expect.stringMatching(/^dostepnosc@.+\.example$/) });
      expect(accessibilityStatement.procedurePl).toContain('Rzecznika Praw Obywatelskich');
      expect(accessibilityStatement.procedureEn).toContain('Commissioner for Human Rights');
    }
  } finally {
    await demo.close();
  }
}, 120_000);
