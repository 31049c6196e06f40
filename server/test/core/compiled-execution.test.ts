import { type GraphQLSchema, isEnumType, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Role } from '../../src/core/auth/roles.js';
import { ID, NO_SUCH_ID } from '../../src/core/graphql/id.js';
import { createAppPubSub } from '../../src/core/pubsub.js';
import { buildAppSchema } from '../../src/schema.js';
import { startTestApp, type TestApp, type TestClient } from '../support/harness.js';

/**
 * Queries run on graphql-js the first time a document is asked for and compiled by graphql-jit from
 * the second time on (core/graphql/compiled-execution.ts). Whatever a client asks, the compiled
 * answer must be the answer graphql-js gives: so each question below is asked three times.
 */

describe('values the compiled path receives already coerced by graphql-js', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema(createAppPubSub().pubSub);
  });

  test('every enum value is called by its name, so coercing it again changes nothing', () => {
    const enums = Object.values(schema.getTypeMap()).filter(isEnumType).filter((type) => !type.name.startsWith('__'));
    expect(enums.length).toBeGreaterThan(10);
    for (const type of enums) {
      for (const value of type.getValues()) expect(`${type.name}.${String(value.value)}`).toBe(`${type.name}.${value.name}`);
    }
  });

  test('a plain field is read straight off its object: only field resolvers have a resolve function', () => {
    // type-graphql wraps every field in a resolver unless its type says `simpleResolvers: true`; the
    // compiled query then calls that wrapper, with an info object and a path, for every field of
    // every list item (a third of the fair plan's CPU).
    const storage = getMetadataStorage();
    const typeName = new Map<unknown, string>(storage.objectTypes.map((type) => [type.target, type.name]));
    const fieldResolvers = new Set(storage.fieldResolvers.map((r) => `${typeName.get(r.getObjectType?.())}.${r.schemaName}`));
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
    const objectTypes = Object.values(schema.getTypeMap()).filter(isObjectType).filter((type) => !type.name.startsWith('__') && !roots.has(type));
    expect(objectTypes.length).toBeGreaterThan(30);
    const wrapped = objectTypes.flatMap((type) => Object.values(type.getFields())
      .filter((field) => field.resolve && !fieldResolvers.has(`${type.name}.${field.name}`))
      .map((field) => `${type.name}.${field.name}`));
    expect(wrapped).toEqual([]);
    expect(fieldResolvers.size).toBeGreaterThan(10);
  });

  test('our ID and DateTimeISO coerce their own output to itself', () => {
    for (const raw of ['7D9F2C4E-1A2B-4C3D-8E9F-0A1B2C3D4E5F', 'not-an-id', '']) {
      const once = ID.parseValue(raw);
      expect(ID.parseValue(once)).toBe(once);
    }
    expect(ID.parseValue('not-an-id')).toBe(NO_SUCH_ID);
    const dateTime = schema.getType('DateTimeISO') as typeof ID;
    const instant = dateTime.parseValue('2026-06-06T10:00:00.000Z');
    expect(dateTime.parseValue(instant)).toEqual(new Date('2026-06-06T10:00:00.000Z'));
  });
});

describe('the same answers from graphql-js and from the compiled query', () => {
  let app: TestApp;
  let staff: TestClient;
  let resident: TestClient;
  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
    staff = (await app.clientAs(Role.STAFF)).client;
    resident = (await app.clientAs(Role.RESIDENT)).client;
  });
  afterAll(async () => app?.close());

  /** The raw answer (data and errors) to the same request, three times over. */
  const thrice = async (client: TestClient, query: string, variables?: Record<string, unknown>) => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await client.request(query, variables));
    return answers;
  };

  const DIRECTORY = `query Directory($first: Int!, $filter: OrganizationFilter) {
    organizations(first: $first, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id slug name legalForm activityAreas lookingForVolunteers address { street city district } members { role user { displayName } } } }
    }
  }`;

  test('the directory, filtered by enums and text, as staff and as anyone', async () => {
    for (const client of [staff, app.client()]) {
      for (const variables of [{ first: 5 }, { first: 50, filter: { legalForms: ['ASSOCIATION', 'FOUNDATION'], search: 'leszno' } }]) {
        const [first, ...later] = await thrice(client, DIRECTORY, variables);
        expect(first!.errors).toBeUndefined();
        expect(first!.data!.organizations.edges.length).toBeGreaterThan(0);
        for (const answer of later) expect(answer).toEqual(first);
      }
    }
  });

  test('the Open Days programme with the resident’s own bookings, and the fair plan', async () => {
    const { openDaysEditions } = await resident.ok('{ openDaysEditions { id status } }');
    const edition = openDaysEditions.find((e: { status: string }) => e.status === 'PUBLISHED');
    expect(edition).toBeDefined();
    const PROGRAMME = `query($editionId: ID!) { openDaysProgramme(editionId: $editionId, first: 20) {
      totalCount edges { node { id startsAt endsAt seatsLeft bookable viewerBooking { id status } activity { title type organization { name } } } } } }`;
    const [programme, ...laterProgrammes] = await thrice(resident, PROGRAMME, { editionId: edition.id });
    expect(programme!.data!.openDaysProgramme.edges.length).toBeGreaterThan(0);
    for (const answer of laterProgrammes) expect(answer).toEqual(programme);

    const { fairs } = await app.client().ok('{ fairs { id status } }');
    expect(fairs.length).toBeGreaterThan(0);
    const FAIR = `query($id: ID!) { fair(id: $id) { id name status opensAt stands { id code zone x y } placements { standId organization { name } } } }`;
    for (const fair of fairs) {
      const [plan, ...laterPlans] = await thrice(app.client(), FAIR, { id: fair.id });
      for (const answer of laterPlans) expect(answer).toEqual(plan);
    }
  });

  test('refusals keep their code, message and path: unknown and malformed ids, forbidden fields, bad variables', async () => {
    const EDITION = 'query($id: ID!) { openDaysEdition(id: $id) { id name } }';
    for (const id of ['0b7e6a1c-2f3d-4e5a-9b8c-7d6e5f4a3b2c', 'not-an-id', 'ZZZ\u0000']) {
      const answers = await thrice(app.client(), EDITION, { id });
      for (const answer of answers) {
        expect(answer.errors).toEqual([expect.objectContaining({ path: ['openDaysEdition'], extensions: { code: 'NOT_FOUND' } })]);
      }
    }
    // A resident may not read the CSV export: FORBIDDEN every time, with the field's path.
    for (const answer of await thrice(resident, 'query { organizationsCsv }')) {
      expect(answer.errors).toEqual([expect.objectContaining({ path: ['organizationsCsv'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    }
    // A variable of the wrong type is named by graphql-js, before anything runs.
    const [badFirst, ...laterBad] = await thrice(app.client(), DIRECTORY, { first: 'ten' });
    expect(badFirst!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badFirst!.errors?.[0]?.message).toContain('$first');
    for (const answer of laterBad) expect(answer).toEqual(badFirst);
    // An enum the schema does not know, in a filter.
    const [badEnum, ...laterEnum] = await thrice(app.client(), DIRECTORY, { first: 5, filter: { legalForms: ['PARTY'] } });
    expect(badEnum!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const answer of laterEnum) expect(answer).toEqual(badEnum);
  });
});
