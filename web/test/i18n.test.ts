import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as vocabulary from '../../server/src/core/error-vocabulary.ts';
import * as enums from '#lib/enums.ts';
import { m } from '#lib/paraglide/messages.js';

// Unit tests of the interface texts; they run with the browser tests but need no browser.
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const messages = (locale: string): Record<string, unknown> => JSON.parse(read(`../messages/${locale}.json`));
const pl = messages('pl');
const en = messages('en');

/** Enum name → its values, read from the checked-in schema the API generates. */
const schemaEnums = new Map(
  [...read('../../schema.graphql').matchAll(/^enum (\w+) \{([^}]*)\}/gm)].map(([, name, body]) => [name!, body!.split(/\s+/).filter(Boolean)]),
);

type Variant = { declarations: string[]; selectors: string[]; match: Record<string, string> };
const variantsOf = (message: unknown) => (Array.isArray(message) ? (message[0] as Variant) : undefined);
const matchedValues = (message: unknown) =>
  Object.keys(variantsOf(message)?.match ?? {}).filter((key) => key !== 'value=*').map((key) => key.slice('value='.length));

describe('message files', () => {
  test('Polish and English have the same messages with the same inputs', () => {
    const keys = (messages: Record<string, unknown>) => Object.keys(messages).filter((key) => key !== '$schema').sort();
    expect(keys(en)).toEqual(keys(pl));
    for (const key of keys(pl)) {
      const inputs = (message: unknown) => variantsOf(message)?.declarations.filter((d) => d.startsWith('input ')).sort() ??
        [...String(message).matchAll(/\{(\w+)\}/g)].map(([, name]) => `input ${name}`).sort();
      expect(inputs(en[key]), key).toEqual(inputs(pl[key]));
    }
  });

  // Each message that names an API enum value, with the schema enum it translates.
  const translatedEnums: Record<string, string> = {
    legalForms: 'LegalForm', areas: 'ActivityArea', accessibilityFeatures: 'AccessibilityFeature',
    openDays_types: 'ActivityType', openDays_audiences: 'Audience', organizer_status: 'ActivityStatus',
    staffOpenDays_statuses: 'EditionStatus', tree_kinds: 'BaubleSignupKind', tree_statuses: 'BaubleSignupStatus',
    fair_zones: 'StandZone', fair_tents: 'TentNeed', fair_statuses: 'FairApplicationStatus', fair_editionStatuses: 'FairStatus',
    dating_sides: 'DatingSide', accessibility_status: 'ComplianceStatus',
    accessibility_statusLabels: 'ComplianceStatus', accessibility_method: 'AccessibilityAssessmentMethod',
    accessibility_methodLabels: 'AccessibilityAssessmentMethod',
  };
  test.each(Object.entries(translatedEnums))('%s has a Polish and an English text for every value of %s', (key, enumName) => {
    expect(schemaEnums.has(enumName), `schema.graphql has enum ${enumName}`).toBe(true);
    const values = schemaEnums.get(enumName)!;
    expect(matchedValues(pl[key]).sort()).toEqual(expect.arrayContaining([...values].sort()));
    expect(matchedValues(en[key]).sort()).toEqual(expect.arrayContaining([...values].sort()));
  });

  test('every message is used somewhere in the app (no dead texts to translate)', () => {
    const sources = readdirSync(new URL('../src', import.meta.url), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(svelte|ts)$/.test(entry.name) && !entry.parentPath.includes('paraglide'))
      .map((entry) => readFileSync(`${entry.parentPath}/${entry.name}`, 'utf8')).join('\n');
    const used = new Set([...sources.matchAll(/\bm\.(\w+)/g)].map(([, key]) => key));
    expect(Object.keys(pl).filter((key) => key !== '$schema' && !used.has(key))).toEqual([]);
  });

  test('the choices forms offer are exactly the values the API accepts', () => {
    const lists: Record<string, readonly string[]> = {
      LegalForm: enums.legalForms, ActivityArea: enums.activityAreas, AccessibilityFeature: enums.accessibilityFeatures,
      ActivityType: enums.activityTypes, Audience: enums.audiences, TentNeed: enums.tentNeeds, StandZone: enums.fairZones,
    };
    for (const [name, list] of Object.entries(lists)) expect([...list].sort(), name).toEqual([...(schemaEnums.get(name) ?? ['missing'])].sort());
  });
});

describe('Polish plurals follow the language, not "one or many"', () => {
  // 1 → singular; numbers ending in 2–4 except 12–14 → "few"; the rest → "many".
  test.each([
    [1, '1 organizacja'], [2, '2 organizacje'], [4, '4 organizacje'], [5, '5 organizacji'], [12, '12 organizacji'],
    [14, '14 organizacji'], [21, '21 organizacji'], [22, '22 organizacje'], [104, '104 organizacje'], [0, '0 organizacji'],
  ])('%i', (n, text) => {
    expect(m.directory_results({ n }, { locale: 'pl' })).toBe(text);
  });
  test('English says one or many', () => {
    expect([1, 2, 5].map((n) => m.directory_results({ n }, { locale: 'en' }))).toEqual(['1 organisation', '2 organisations', '5 organisations']);
  });
  test('each language builds its plural rules once, not once per text (patches/@inlang+paraglide-js+2.25.4.dev.patch)', () => {
    const intl = Intl as { PluralRules: typeof Intl.PluralRules };
    const PluralRules = intl.PluralRules;
    const built: string[] = [];
    intl.PluralRules = class extends PluralRules {
      constructor(locale?: string, options?: Intl.PluralRulesOptions) {
        super(locale, options);
        built.push(String(locale));
      }
    } as typeof Intl.PluralRules;
    try {
      // Alternating languages: a rule remembered under the wrong key would decline Polish the English way.
      const texts = [1, 5, 22, 2].flatMap((n) => [m.directory_results({ n }, { locale: 'pl' }), m.directory_results({ n }, { locale: 'en' })]);
      expect(texts).toEqual([
        '1 organizacja', '1 organisation', '5 organizacji', '5 organisations',
        '22 organizacje', '22 organisations', '2 organizacje', '2 organisations',
      ]);
    } finally {
      intl.PluralRules = PluralRules;
    }
    // Earlier tests in this file may have built them already; never more than one per language.
    expect(built.filter((locale) => locale === 'pl').length).toBeLessThanOrEqual(1);
    expect(built.filter((locale) => locale === 'en').length).toBeLessThanOrEqual(1);
  });
  test('a wait in minutes is declined too', () => {
    expect([1, 3, 5].map((minutes) => m.errors_rateLimited({ minutes }, { locale: 'pl' }))).toEqual([
      'Zbyt wiele prób. Spróbuj ponownie za 1 minutę.', 'Zbyt wiele prób. Spróbuj ponownie za 3 minuty.', 'Zbyt wiele prób. Spróbuj ponownie za 5 minut.',
    ]);
  });
});

describe('every error the API can give has words in both languages', () => {
  test.each([
    ['errors_byCode', vocabulary.FIELD_CODES],
    ['errors_reason', [...vocabulary.CONFLICT_REASONS, ...vocabulary.NOT_FOUND_REASONS, ...vocabulary.BAD_USER_INPUT_REASONS]],
    ['errors_code', vocabulary.ERROR_CODES.filter((code) => code !== 'RATE_LIMITED')],
  ] as const)('%s', (key, words) => {
    for (const messages of [pl, en]) expect(matchedValues(messages[key])).toEqual(expect.arrayContaining([...words]));
  });
});
