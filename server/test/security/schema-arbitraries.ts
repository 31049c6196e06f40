/**
 * Turns the public GraphQL schema into fast-check arbitraries and request texts, for the fuzz test.
 * Knows nothing of the implementation: only argument types, their names (to make some values look
 * valid enough to get past the first checks) and pools of real values read from the demo data.
 */
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** Marks an optional argument or input field left out of the request. */
export const OMIT = Symbol('omit');

/** Real values from the demo data, so that some calls reach the code behind the "not found" checks. */
export interface Pools {
  /** Ids per table (table name → ids). */
  idsByTable: Map<string, string[]>;
  /** Ids that must not be used: the fuzzing admin itself (demoting or removing it would end the run). */
  protectedIds: Set<string>;
  slugs: string[];
  /** Codes (booking, sign-up, stand…) per table. */
  codesByTable: Map<string, string[]>;
  /** Days (YYYY-MM-DD) of the Open Days editions: slots must fall on them. */
  editionDays: string[];
  emails: string[];
  cursors: { real: string[]; hostile: string[] };
}

export interface Operation {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  /** `{ __typename scalar… }` for object results, empty for leaf results. */
  selection: string;
}

// ---------------------------------------------------------------------------------------------
// Operations and selection sets
// ---------------------------------------------------------------------------------------------

/** Every Mutation field and every Query field that takes arguments. */
export function operationsOf(schema: GraphQLSchema): Operation[] {
  const ops: Operation[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {}))
    if (field.args.length > 0) ops.push({ kind: 'query', field, selection: selectionFor(field.type) });
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {}))
    ops.push({ kind: 'mutation', field, selection: selectionFor(field.type) });
  return ops;
}

/** `__typename` and the leaf fields one level down (so that their resolvers run); unions and interfaces only `__typename`. */
function selectionFor(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return ' { __typename }';
  const leaves = Object.values(named.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined))
    .map((f) => f.name);
  return ` { __typename ${leaves.join(' ')} }`;
}

// ---------------------------------------------------------------------------------------------
// Request texts: through variables (the server coerces them) or as inline literals
// ---------------------------------------------------------------------------------------------

export type Args = Record<string, unknown>;

export function requestFor(op: Operation, args: Args, inline: boolean): { query: string; variables?: Record<string, unknown> } {
  const given = op.field.args.filter((a) => args[a.name] !== OMIT && args[a.name] !== undefined);
  const call = given.length ? `(${given.map((a) => `${a.name}: ${inline ? toLiteral(args[a.name], a.type) : `$${a.name}`}`).join(', ')})` : '';
  if (inline || given.length === 0) return { query: `${op.kind} Fuzz { ${op.field.name}${call}${op.selection} }` };
  const declarations = given.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  return {
    query: `${op.kind} Fuzz(${declarations}) { ${op.field.name}${call}${op.selection} }`,
    variables: Object.fromEntries(given.map((a) => [a.name, stripOmitted(args[a.name])])),
  };
}

/** Removes OMIT markers (JSON.stringify would drop symbols anyway, but the report should not show them). */
function stripOmitted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripOmitted);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== OMIT).map(([k, v]) => [k, stripOmitted(v)]));
  return value;
}

/** A GraphQL literal for a JS value. Wrong-typed values become literals of their own kind (the server must refuse them). */
export function toLiteral(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  if (isNonNullType(type)) return toLiteral(value, type.ofType);
  if (isListType(type)) return Array.isArray(value) ? `[${value.map((v) => toLiteral(v, type.ofType)).join(', ')}]` : toLiteral(value, type.ofType);
  if (isEnumType(type) && typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) && !['true', 'false', 'null'].includes(value)) return value;
  if (Array.isArray(value)) return `[${value.map((v) => toLiteral(v, type)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(type) ? type.getFields() : {};
    return `{${Object.entries(value).filter(([, v]) => v !== OMIT).map(([k, v]) => `${k}: ${toLiteral(v, fields[k]?.type ?? type)}`).join(', ')}}`;
  }
  // JSON string escapes are GraphQL string escapes; lone surrogates come out as \udXXX (a parse error, which is fine).
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
//
// Each argument or input field ("slot") gets either a plausible value (looks right for its name and
// type, so that validation passes now and then and the code behind it runs) or a hostile one. How
// often hostile values appear is set per call (see Hostility): with every field hostile, calls never
// get past input validation; with none, the code behind validation never sees odd values.
// ---------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const HOUR = 3_600_000;
const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/** Splits camelCase / snake_case into lower-case words. */
const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_]+/).filter(Boolean);

/** A long string made of one repeated unit (10k–50k units): ASCII, Polish, emoji, NUL, a lone surrogate. */
const longString = fc
  .tuple(fc.constantFrom('x', 'ż', '🙂', 'a\u0000', '\ud800', "'\"<>", ' '), fc.integer({ min: 10_000, max: 50_000 }))
  .map(([unit, n]) => unit.repeat(n));

/** Hostile text that any String may receive. None of it looks like a file path or stack frame (the checks look for those). */
const HOSTILE_STRINGS = [
  '', ' ', '   \t\n ', '\r\n', 'a\u0000b', '\u0000', 'a\ud800b', '\udc00', 'a\udfffb\ud800', '🙂 emoji 👩‍👩‍👧', 'Zażółć gęślą jaźń', 'ЁЖЩ кириллица',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\u202Eevil rtl', 'zero\u200Bwidth', 'e\u0301\u0301\u0301', '\uFEFFbom', '\uFFFF', '\u{10FFFF}',
  "'; drop table organization; --", "' OR '1'='1", '" OR ""="', "1'); select pg_sleep(5); --", '\\', '\\\\x00', '%', '_', '%_%', '\\%', '$1', '?',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(1)>', '{"a":1}', '[]', '{', '{{7*7}}', '${7*7}', '#{7*7}',
  '=HYPERLINK("http://evil.example")', '+1+1', '-1+1', '@SUM(1)', 'a,b;"c"\n"d"', '../../etc/passwd', 'null', 'undefined', 'NaN', 'Infinity',
  '-1', '0', '1e309', 'true', '__proto__', 'constructor', 'prototype', 'javascript:alert(1)', '&', '|', '!', ':*', 'a & b | !c', 'foo:* <-> bar', '((((', '))))',
  '\\u0000', '%00', '%E0%A4%A', 'x'.repeat(255), 'x'.repeat(256), 'y'.repeat(1025),
];

const hostileString = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: longString },
);

const isoAt = (ms: number) => new Date(Date.now() + ms).toISOString();

/** NIP and REGON with a valid check digit, so that organisation forms can pass validation. */
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
const checked = (weights: number[], tenIs: number | null) =>
  digits(weights.length)
    .map((d) => {
      const c = d.reduce((sum, x, i) => sum + x * weights[i]!, 0) % 11;
      return c === 10 ? (tenIs === null ? null : `${d.join('')}${tenIs}`) : `${d.join('')}${c}`;
    })
    .filter((v): v is string => v !== null);
const nip = checked([6, 5, 7, 2, 3, 4, 5, 6, 7], null);
const regon = checked([8, 9, 2, 3, 4, 5, 6, 7], 0);

const TEXTS = [
  'Stowarzyszenie Przyjaciół Parku Miejskiego', 'Warsztaty ceramiczne dla dzieci i rodziców', 'Rynek 1', 'Leszno', 'Anna Nowak',
  'Sala 12, II piętro, wejście od podwórza', 'Dbamy o park miejski i organizujemy sprzątanie oraz pikniki dla mieszkańców.',
  'Klub Sportowy Zatorze', 'Otwarte spotkanie z wolontariuszami fundacji',
];

/** Date rank by field name, so that plausible dates come in a sensible order (opening before closing before the event…). */
function dateRank(name: string): number {
  const n = name.toLowerCase();
  if (/(submissions|applications)openat/.test(n)) return 1;
  if (/closes?at$/.test(n) && /(submissions|applications|registration)/.test(n)) return 2;
  if (/^(startsat|opensat|startson)$/.test(n)) return 3;
  if (/^(endsat|closesat|endson)$/.test(n)) return 4;
  if (n === 'returndeadline') return 5;
  if (n === 'treeeventat') return 6;
  return 3;
}

/** Values that look right for a String of this name. */
function plausibleString(name: string, context: string, pools: Pools): fc.Arbitrary<string> {
  const n = name.toLowerCase();
  if (n === 'code' && context.includes('StandInput')) return fc.tuple(fc.constantFrom('A', 'B', 'C'), fc.integer({ min: 1, max: 99 })).map(([l, i]) => `${l}${i}`);
  if (n === 'day' && pools.editionDays.length) return fc.constantFrom(...pools.editionDays);
  if (n.includes('email')) return fc.oneof(fc.integer({ min: 1, max: 1e9 }).map((i) => `fuzz${i}@example.com`), fc.constantFrom(...pools.emails));
  if (n.includes('password')) return fc.constantFrom('correct-horse-battery', 'Zielony-Rower-Łąka-2024');
  if (n.includes('phone')) return fc.constantFrom('+48 600 100 200', '600100200', '65 529 00 00', '+48600100200');
  if (n.includes('postalcode')) return fc.constantFrom('64-100', '64-115');
  if (n === 'krs') return fc.integer({ min: 1, max: 1e9 }).map((i) => String(i).padStart(10, '0'));
  if (n === 'nip') return nip;
  if (n === 'regon') return regon;
  if (n.includes('website') || n.includes('url') || n.includes('link')) return fc.constantFrom('https://example.org', 'https://example.org/o-nas?x=1&y=2', 'https://xn--przykad-q8a.pl');
  if (['startson', 'endson', 'day'].includes(n)) return fc.integer({ min: 0, max: 47 }).map((h) => isoAt(dateRank(n) * 10 * DAY + h * HOUR).slice(0, 10));
  if (n === 'code') {
    const codes = codesFor(context, pools);
    return fc.oneof(fc.constantFrom(...codes), fc.constantFrom(...codes).map((c) => c.toLowerCase()));
  }
  if (n === 'slug') return fc.constantFrom(...pools.slugs);
  if (n === 'after') return fc.constantFrom(...pools.cursors.real);
  if (n === 'search') return fc.constantFrom('klub', 'szkoła', 'szkola', 'sport', 'KLUB sportowy', 'stowarzyszenie przyjaciol', 'a');
  if (n === 'district') return fc.constantFrom('Zatorze', 'Gronowo', 'Centrum');
  return fc.constantFrom(...TEXTS);
}

/** Codes from the tables that share most words with the operation (`recordBaublePickup` → bauble_signup). */
function codesFor(context: string, pools: Pools): string[] {
  const ctx = words(context);
  const score = (t: string) => t.split('_').filter((w) => ctx.includes(w)).length;
  const best = Math.max(0, ...[...pools.codesByTable.keys()].map(score));
  const codes = [...pools.codesByTable].filter(([t]) => score(t) === best).flatMap(([, c]) => c);
  return codes.length ? codes : ['ABC234'];
}

/** Values that are wrong for a String of this name in particular (on top of the generic hostile ones). */
function edgyString(name: string, pools: Pools): fc.Arbitrary<string> {
  const n = name.toLowerCase();
  if (n.includes('email')) return fc.constantFrom('UPPER@EXAMPLE.COM', 'a@b', 'no-at-sign', ' spaced@example.com ', 'a@b@c.pl', `${'a'.repeat(250)}@example.com`, 'ą@ę.pl', '"quoted"@example.com');
  if (n.includes('password')) return fc.constantFrom('short', 'password123', ' '.repeat(12), 'x'.repeat(5000));
  if (n.includes('phone')) return fc.constantFrom('abc', '0'.repeat(40), '+', '600-100-200-300-400-500');
  if (n.includes('postalcode')) return fc.constantFrom('64100', '00-000', 'XX-XXX', '64-1000');
  if (['krs', 'nip', 'regon'].includes(n)) return fc.constantFrom('123', '00000000000', '0000000000', '000000000', '12345678512347', 'KRS0000123', '１２３４５６７８９０');
  if (n.includes('website') || n.includes('url') || n.includes('link'))
    return fc.constantFrom('javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.org', 'example.org', `https://${'a'.repeat(3000)}.pl`, 'https://', 'https://user:pass@example.org:99999', 'http://[::1', 'https://exa mple.org');
  if (['startson', 'endson', 'day'].includes(n))
    return fc.constantFrom('2024-02-30', '2024-13-01', '0000-01-01', '0001-01-01', '9999-12-31', '+275760-01-01', '-000001-01-01', '2024-1-1', '20240101', '2024-06-01T00:00:00Z', 'today', '2024-06-01\u0000');
  if (n === 'code') return fc.constantFrom('ABC234', 'A1', 'A0', 'Z999', 'OOOOOO', `${codesFor('', pools)[0]}\u0000`);
  if (n === 'slug') return fc.constantFrom('Azs', 'nie-ma-takiej', 'a/../b', 'a%2Fb');
  if (n === 'after') return fc.constantFrom(...pools.cursors.hostile);
  return fc.constant('');
}

/** Base64url of arbitrary text: cursors that decode but hold nonsense. */
const b64 = (text: string) => Buffer.from(text).toString('base64url');
export const HOSTILE_CURSORS = [
  '', '!!!', '====', 'null', b64(''), b64('[]'), b64('[1,2]'), b64('["a"]'), b64('["a","not-a-uuid"]'), b64('[null,null]'), b64('{"a":1}'),
  b64('"x"'), b64('123'), b64('["a","b","c"]'), b64('[["x"],{}]'), b64('[1e309,"00000000-0000-0000-0000-000000000000"]'),
  b64(`["${'x'.repeat(10_000)}","00000000-0000-0000-0000-000000000000"]`), b64('not json at all'), b64('["\\u0000","a\\u0000b"]'),
  b64('["a","00000000-0000-0000-0000-000000000000\\u0000"]'), b64('["\\ud800","00000000-0000-0000-0000-000000000000"]'),
];

const HOSTILE_IDS = [
  '', ' ', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '00000000-0000-0000-0000-0000000000000', '{00000000-0000-0000-0000-000000000000}', '1', '-1', '0', "' OR 1=1 --", 'a\u0000b', 'a\ud800b', 'leszno',
];

/** Tables an ID argument probably points into: `slotId` → slot, `id` of `cancelBaubleSignup` → bauble_signup. */
function tablesFor(argName: string, context: string, tables: string[]): string[] {
  const tableWords = (t: string) => t.split('_');
  const own = words(argName).filter((w) => !['id', 'ids', 'first', 'second', 'from'].includes(w));
  if (own.length) {
    const found = tables.filter((t) => own.every((w) => tableWords(t).includes(w)));
    if (found.length) return found.sort((a, b) => a.length - b.length).slice(0, 1);
    return tables.filter((t) => tableWords(t).includes(own[own.length - 1]!));
  }
  // A bare `id`: the table whose every word is in the operation name, the most specific one.
  const ctx = words(context);
  const found = tables.filter((t) => tableWords(t).every((w) => ctx.includes(w)));
  return found.sort((a, b) => tableWords(b).length - tableWords(a).length).slice(0, 1);
}

function plausibleInt(name: string): fc.Arbitrary<number> {
  const n = name.toLowerCase();
  if (n.includes('year')) return fc.integer({ min: 2003, max: 2032 });
  if (n === 'first') return fc.integer({ min: 1, max: 100 });
  if (n.includes('capacity') || n.includes('prepared') || n.startsWith('limit')) return fc.integer({ min: 1, max: 40 });
  if (n.includes('seconds')) return fc.integer({ min: 0, max: 120 });
  return fc.integer({ min: 1, max: 5 });
}
const hostileInt = fc.oneof(fc.constantFrom(0, -1, INT_MIN, INT_MAX, INT_MAX - 1, INT_MIN + 1, 1_000_000), fc.integer());

function plausibleFloat(name: string): fc.Arbitrary<number> {
  const n = name.toLowerCase();
  if (n === 'latitude') return fc.double({ min: 51.8, max: 51.9, noNaN: true });
  if (n === 'longitude') return fc.double({ min: 16.5, max: 16.6, noNaN: true });
  if (n.startsWith('plan')) return fc.integer({ min: 10, max: 100 });
  return fc.integer({ min: 0, max: 40 });
}
const hostileFloat = fc.oneof(
  fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_VALUE, 5e-324, -5e-324, 1e-10, Number.MAX_SAFE_INTEGER, 2 ** 31, 123456789.123, 91, -181),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const plausibleDate = (name: string) => fc.integer({ min: 0, max: 47 }).map((h) => isoAt(dateRank(name) * 10 * DAY + h * HOUR));
/** Slot times on an edition day: starts 9:00–11:45, ends 12:00–15:45 (Warsaw is UTC+1/+2, close enough). */
const slotDate = (name: string, days: string[]) =>
  fc.tuple(fc.constantFrom(...days), fc.integer({ min: 0, max: 15 })).map(([day, q]) => {
    const minutes = (name.toLowerCase() === 'endsat' ? 12 * 60 : 9 * 60) + q * 15;
    return `${day}T${String(Math.floor(minutes / 60) - 1).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;
  });
const HOSTILE_DATES: unknown[] = [
  '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z', '275760-09-13T00:00:00Z', '-271821-04-20T00:00:00.000Z',
  '-000001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '1900-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'not a date', '', '2024-02-30T10:00:00Z',
  '2024-01-01', '2024-01-01T25:00:00Z', '2024-06-01T12:00:00+14:00', '2024-06-01T12:00:00.123456789Z', '2024-06-01T12:00:00', 'now',
  0, 1e15, -1e15, 8_640_000_000_000_001,
];
const hostileDate = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
  { weight: 1, arbitrary: fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.integer({ min: -400 * 24, max: 400 * 24 }).map((h) => isoAt(h * HOUR)) }, // valid, in any order
);

/** Values of the wrong shape: null where null is not allowed, objects for scalars… (the server's coercion must refuse them). */
const wrongShape = fc.constantFrom<unknown>(null, {}, [], 'wrong', 1.5, true, 2 ** 31, -(2 ** 31) - 1, 'NOT_A_VALUE', [[]]);

/**
 * How hostile one call is. `hostile`: share of leaf values drawn from the hostile pools; `wrongShape`:
 * weight (out of ~300) of values of the wrong type or missing required fields; `nulls`: share of
 * explicit nulls in nullable slots.
 */
export interface Hostility {
  hostile: number;
  wrongShape: number;
  nulls: number;
}
export const CLEAN: Hostility = { hostile: 0, wrongShape: 0, nulls: 0.1 };
export const ONE_BAD: Hostility = { hostile: 0.1, wrongShape: 1, nulls: 0.2 };
export const WILD: Hostility = { hostile: 0.55, wrongShape: 4, nulls: 0.3 };

export class ArgumentArbitraries {
  private readonly tables: string[];
  constructor(private readonly pools: Pools) {
    this.tables = [...pools.idsByTable.keys()];
  }

  /** All arguments of an operation, as a record where left-out optional arguments are OMIT: clean, one-bad or wild calls. */
  forOperation(op: Operation): fc.Arbitrary<Args> {
    return fc.oneof(
      { weight: 3, arbitrary: this.withHostility(op, CLEAN) },
      { weight: 4, arbitrary: this.withHostility(op, ONE_BAD) },
      { weight: 3, arbitrary: this.withHostility(op, WILD) },
    );
  }

  private withHostility(op: Operation, h: Hostility): fc.Arbitrary<Args> {
    const entries = op.field.args.map((arg) => [arg.name, this.forSlot(arg, op.field.name, 0, h)] as const);
    return fc.tuple(...entries.map(([, a]) => a)).map((values) => Object.fromEntries(entries.map(([name], i) => [name, values[i]])));
  }

  /** An argument or input field: may be left out when optional, may be null when nullable. */
  private forSlot(slot: Pick<GraphQLArgument, 'name' | 'type' | 'defaultValue'>, context: string, depth: number, h: Hostility): fc.Arbitrary<unknown> {
    const optional = !isNonNullType(slot.type) || slot.defaultValue !== undefined;
    return fc.oneof(
      { weight: 300, arbitrary: this.forType(slot.type, slot.name, context, depth, h) },
      { weight: optional ? 50 : 0, arbitrary: fc.constant(OMIT) },
      { weight: h.wrongShape * (depth === 0 ? 2 : 1), arbitrary: fc.oneof(wrongShape, fc.constant(OMIT)) },
    );
  }

  private forType(type: GraphQLInputType, name: string, context: string, depth: number, h: Hostility): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) return this.forValue(type.ofType, name, context, depth, h);
    const nulls = Math.round(h.nulls * 100);
    return fc.oneof({ weight: nulls, arbitrary: fc.constant(null) }, { weight: 100 - nulls, arbitrary: this.forValue(type, name, context, depth, h) });
  }

  /** A non-null value of the (unwrapped) type. */
  private forValue(inner: GraphQLInputType, name: string, context: string, depth: number, h: Hostility): fc.Arbitrary<unknown> {
    if (depth > 6) return fc.constant(null);
    if (isListType(inner)) {
      const item = this.forType(inner.ofType, name, context, depth + 1, h);
      return fc.oneof(
        { weight: 20, arbitrary: fc.array(item, { maxLength: 3 }) },
        { weight: Math.round(h.hostile * 10), arbitrary: fc.array(item, { minLength: 30, maxLength: 80 }) },
        { weight: Math.round(h.hostile * 10), arbitrary: item }, // a single value where a list is expected (GraphQL coerces it)
      );
    }
    if (isInputObjectType(inner)) {
      const fields = Object.values(inner.getFields());
      const arbs = fields.map((f) => this.forSlot(f, `${context} ${inner.name}`, depth + 1, h));
      return fc.tuple(...arbs).map((values) => Object.fromEntries(fields.map((f, i) => [f.name, values[i]]).filter(([, v]) => v !== OMIT)));
    }
    if (isEnumType(inner))
      return fc.oneof({ weight: 120, arbitrary: fc.constantFrom(...inner.getValues().map((v) => v.name)) }, { weight: h.wrongShape, arbitrary: fc.constantFrom('NOT_A_VALUE', 'approved', '') });
    if (isScalarType(inner)) {
      const hostile = Math.round(h.hostile * 100);
      return fc.oneof(
        { weight: 100 - hostile, arbitrary: this.plausibleScalar(inner.name, name, context) },
        { weight: hostile, arbitrary: this.hostileScalar(inner.name, name) },
      );
    }
    throw new Error(`Unexpected input type ${String(inner)}`);
  }

  private plausibleScalar(scalar: string, name: string, context: string): fc.Arbitrary<unknown> {
    switch (scalar) {
      case 'ID': {
        const matching = tablesFor(name, context, this.tables).flatMap((t) => this.usableIds(t));
        return fc.constantFrom(...(matching.length ? matching : this.tables.flatMap((t) => this.usableIds(t))));
      }
      case 'String':
        return plausibleString(name, context, this.pools);
      case 'Int':
        return plausibleInt(name);
      case 'Float':
        return plausibleFloat(name);
      case 'Boolean':
        return fc.boolean();
      case 'DateTimeISO':
        return context.includes('SlotInput') && this.pools.editionDays.length ? slotDate(name, this.pools.editionDays) : plausibleDate(name);
      default:
        return fc.constantFrom(...TEXTS);
    }
  }

  private hostileScalar(scalar: string, name: string): fc.Arbitrary<unknown> {
    switch (scalar) {
      case 'ID': {
        const real = fc.constantFrom(...this.tables.flatMap((t) => this.usableIds(t)));
        return fc.oneof(
          real, // an id of some other kind of thing, or of the other municipality
          fc.constantFrom(...HOSTILE_IDS),
          fc.uuid(),
          real.map((id) => id.toUpperCase()),
          real.map((id) => `${id} `),
          real.map((id) => `${id}\u0000`),
          fc.constantFrom(1, 2 ** 53, -1), // ID also accepts integers
          hostileString,
        );
      }
      case 'String':
        return fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: edgyString(name, this.pools) });
      case 'Int':
        return hostileInt;
      case 'Float':
        return hostileFloat;
      case 'Boolean':
        return fc.boolean();
      case 'DateTimeISO':
        return hostileDate;
      default:
        return fc.oneof(hostileString, fc.integer(), fc.boolean());
    }
  }

  private usableIds(table: string): string[] {
    return (this.pools.idsByTable.get(table) ?? []).filter((id) => !this.pools.protectedIds.has(id));
  }
}

/** Short labels for the hostile things in a set of arguments, to point at the likely culprit in a report. */
export function hostileFeatures(value: unknown, path = ''): string[] {
  if (value === OMIT || value === null || value === undefined) return [];
  if (Array.isArray(value)) return [...(value.length >= 30 ? [`${path}: ${value.length} items`] : []), ...value.flatMap((v, i) => hostileFeatures(v, `${path}.${i}`))];
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => hostileFeatures(v, path ? `${path}.${k}` : k));
  const found: string[] = [];
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push('NUL');
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) found.push('lone surrogate');
    if (value.length > 1000) found.push(`${value.length} chars`);
    if (value === '' || !value.trim()) found.push('blank');
    if (/^[+-]\d{6}-|^-|^000[01]-/.test(value)) found.push('extreme date');
  }
  if (typeof value === 'number' && (Math.abs(value) >= INT_MAX || (value !== 0 && Math.abs(value) < 1e-300))) found.push(`number ${value}`);
  return found.map((f) => `${path || '(value)'}: ${f}`);
}
