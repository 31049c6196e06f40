/**
 * Every Query and Mutation that takes an ID, anywhere in its arguments (inside input objects and
 * lists too), called with ids that are not ids, by anonymous, resident and staff callers. Built from
 * the running server's introspection, so a new operation is covered without touching this file.
 *
 * The rule: a query answers a malformed id exactly as it answers an unknown one (the same data,
 * the same NOT_FOUND or null); a mutation refuses it as BAD_USER_INPUT naming the field (code
 * invalidId) before anything runs. An upper-case UUID is a valid id, so it is never refused. No
 * answer is an internal error or shows a stack trace or a file path.
 */
import { randomUUID } from 'node:crypto';
import {
  buildClientSchema, getIntrospectionQuery, getNamedType, type GraphQLInputType, type GraphQLSchema, isEnumType, isInputObjectType, isListType,
  isNonNullType, isScalarType, type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';
import { type Operation, operationsOf, toLiteral } from './schema-arbitraries.js';

/** Ids of nothing: what a malformed id must be answered like. */
const UNKNOWN = randomUUID();
const HOSTILE_IDS: [label: string, value: string][] = [
  ['not-a-uuid', 'not-a-uuid'], ['xyz', 'xyz'], ['empty', ''], ['SQL', "' OR 1=1 --"], ['10,000 characters', 'x'.repeat(10_000)],
  ['NUL', '\u0000'], ['emoji', '🎄🎁'],
];
const UPPER_CASE_UUID = UNKNOWN.toUpperCase();

const LEAKS = [/INTERNAL_SERVER_ERROR/, /\n\s+at\s|\bat \S+ \(/, /\/work\/|\/tmp\/|node_modules|file:\/\/|\.ts:\d+|\.js:\d+/];

/** Where an ID sits in an operation's arguments: `input.wantedNeighbors[0]`, as the API names fields. */
interface IdSlot {
  arg: string;
  /** Steps below the argument: an input field's name, or 0 for a list's first item. */
  steps: (string | 0)[];
  path: string;
}

function idSlots(type: GraphQLInputType, arg: string, steps: (string | 0)[] = [], path = arg, seen = new Set<string>()): IdSlot[] {
  if (isNonNullType(type)) return idSlots(type.ofType, arg, steps, path, seen);
  if (isListType(type)) return idSlots(type.ofType, arg, [...steps, 0], `${path}[0]`, seen);
  if (isScalarType(type)) return type.name === 'ID' ? [{ arg, steps, path }] : [];
  if (!isInputObjectType(type) || seen.has(type.name)) return [];
  return Object.values(type.getFields()).flatMap((f) => idSlots(f.type, arg, [...steps, f.name], `${path}.${f.name}`, new Set([...seen, type.name])));
}

/** A value that passes for real: what the other arguments and fields get. */
function plausible(type: GraphQLInputType, name: string, seen = new Set<string>()): unknown {
  if (isNonNullType(type)) return plausible(type.ofType, name, seen);
  if (isListType(type)) return [plausible(type.ofType, name, seen)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    // Required fields only (left-out optional ones are valid), unless the type nests itself.
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined && !seen.has(type.name));
    return Object.fromEntries(required.map((f) => [f.name, plausible(f.type, f.name, new Set([...seen, type.name]))]));
  }
  switch (getNamedType(type).name) {
    case 'ID': return UNKNOWN;
    case 'Int': return name === 'first' ? 10 : 1;
    case 'Float': return 1;
    case 'Boolean': return false;
    case 'DateTimeISO': return '2031-06-02T10:00:00.000Z';
    default:
      if (/email/i.test(name)) return 'ktos@example.org';
      if (/password/i.test(name)) return 'correct-horse-battery';
      if (/On$/.test(name)) return '2031-06-02';
      return 'Tekst do sprawdzenia';
  }
}

/** `value` with `id` put at `steps` (copies on the way down; optional fields left out are added). */
function withIdAt(value: unknown, steps: (string | 0)[], id: string): unknown {
  if (!steps.length) return id;
  const [step, ...rest] = steps;
  if (step === 0) return [withIdAt((value as unknown[] | undefined)?.[0], rest, id)];
  return { ...(value as object | undefined), [step!]: withIdAt((value as Record<string, unknown> | undefined)?.[step!], rest, id) };
}

/** The operation's required arguments plus the slot's, with `id` in the slot; as variables or as literals. */
function request(op: Operation, slot: IdSlot, id: string, inline: boolean) {
  const args = op.field.args.filter((a) => a.name === slot.arg || (isNonNullType(a.type) && a.defaultValue === undefined));
  const values = Object.fromEntries(args.map((a) => {
    const value = plausible(a.type, a.name);
    return [a.name, a.name === slot.arg ? withIdAt(value, slot.steps, id) : value];
  }));
  const call = `${op.field.name}(${args.map((a) => `${a.name}: ${inline ? toLiteral(values[a.name], a.type) : `$${a.name}`}`).join(', ')})${op.selection}`;
  if (inline) return { query: `${op.kind} { ${call} }` };
  return { query: `${op.kind} (${args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')}) { ${call} }`, variables: values };
}

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; fields?: { field: string; code: string }[] } }[] };
}

async function send(client: TestClient, body: { query: string; variables?: Record<string, unknown> }): Promise<Answer> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-municipality': 'leszno', ...(client.cookie ? { cookie: client.cookie } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
}

let app: TestApp;
let schema: GraphQLSchema;
const callers: Record<string, TestClient> = {};

beforeAll(async () => {
  app = await startTestApp();
  callers.anonymous = app.client();
  callers.resident = (await app.clientAs(Role.RESIDENT)).client;
  callers.staff = (await app.clientAs(Role.STAFF)).client;
  schema = buildClientSchema(await callers.anonymous.ok<IntrospectionQuery>(getIntrospectionQuery()));
});
afterAll(() => app?.close());

const withIds = () =>
  operationsOf(schema)
    .map((op) => ({ op, slots: op.field.args.flatMap((a) => idSlots(a.type, a.name)) }))
    .filter(({ slots }) => slots.length);

test('the introspection finds ids at every depth: arguments, input objects, lists', () => {
  const found = withIds().flatMap(({ op, slots }) => slots.map((s) => `${op.kind} ${op.field.name} ${s.path}`));
  expect(found).toEqual(expect.arrayContaining([
    'query speedDatingSession id', 'query fair id', 'query openDaysSlotAttendees slotId',
    'mutation bookOpenDaysSlot input.slotId', 'mutation applyForStand input.wantedNeighbors[0]', 'mutation removeOpenDaysSlot id',
  ]));
  expect(found.length).toBeGreaterThan(60);
});

describe.each(['anonymous', 'resident', 'staff'])('as %s', (caller) => {
  test('a malformed id is an unknown id to a query and refused by name in a mutation; nothing is an internal error', async () => {
    const client = callers[caller]!;
    const violations: string[] = [];
    for (const { op, slots } of withIds()) {
      for (const slot of slots) {
        const known = await send(client, request(op, slot, UNKNOWN, false));
        const where = `${op.kind} ${op.field.name}(${slot.path})`;
        for (const [label, id] of [...HOSTILE_IDS, ['upper-case UUID', UPPER_CASE_UUID] as const]) {
          for (const inline of [false, true]) {
            const answer = await send(client, request(op, slot, id, inline));
            const call = `${where} with ${label}${inline ? ' (literal)' : ''}`;
            const leak = LEAKS.find((pattern) => pattern.test(answer.text));
            if (answer.status >= 500 || leak) violations.push(`${call}: HTTP ${answer.status} ${leak ?? ''} ${answer.text.slice(0, 300)}`);
            else if (op.kind === 'query' || id === UPPER_CASE_UUID) {
              // Mutations may store something the first time (a sign-up, a booking), so compare codes only.
              const same = op.kind === 'query'
                ? JSON.stringify(answer.body) === JSON.stringify(known.body)
                : answer.body.errors?.[0]?.extensions?.code === known.body.errors?.[0]?.extensions?.code;
              if (!same) violations.push(`${call}: ${answer.text.slice(0, 300)}\n  but for an unknown id: ${known.text.slice(0, 300)}`);
            } else {
              const error = answer.body.errors?.[0];
              const named = error?.extensions?.code === 'BAD_USER_INPUT' && error.extensions.fields?.some((f) => f.field === slot.path && f.code === 'invalidId');
              if (!named) violations.push(`${call}: not BAD_USER_INPUT invalidId on ${slot.path}: ${answer.text.slice(0, 300)}`);
            }
          }
        }
      }
    }
    expect(violations).toEqual([]);
  }, 300_000);
});

test('an upper-case id finds what its lower-case form names', async () => {
  const staff = callers.staff!;
  const DAY = 86_400_000;
  const { createBaubleCampaign: { id } } = await staff.ok<{ createBaubleCampaign: { id: string } }>(
    `mutation($input: CampaignInput!) { createBaubleCampaign(input: $input) { id } }`,
    {
      input: {
        year: 2040, title: 'Choinka', baublesPrepared: 10, limitOrganization: 5, limitInstitution: 5, limitResident: 2, pickupPlace: 'Biuro NGO', treeEventPlace: 'Rynek',
        pickupWindows: [{ startsAt: new Date(Date.now() + DAY).toISOString(), endsAt: new Date(Date.now() + DAY + 3_600_000).toISOString() }],
        returnDeadline: new Date(Date.now() + 10 * DAY).toISOString(), treeEventAt: new Date(Date.now() + 11 * DAY).toISOString(),
      },
    },
  );
  const found = await staff.ok(`query($id: ID!) { baubleCampaign(id: $id) { id title } }`, { id: id.toUpperCase() });
  expect(found.baubleCampaign).toEqual({ id, title: 'Choinka' });
  const opened = await staff.ok(`mutation($id: ID!) { setBaubleCampaignStatus(id: $id, status: OPEN) { id status } }`, { id: id.toUpperCase() });
  expect(opened.setBaubleCampaignStatus).toEqual({ id, status: 'OPEN' });
});
