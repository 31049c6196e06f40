import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema, getOperationAST, type GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, type NonNullTypeNode, parse,
  specifiedRules, typeFromAST, validate,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../src/core/db/paths.js';
import { defaultQueryLimits, queryCost, shapeRules } from '../../src/core/graphql/protection.js';
import { startTestApp, type TestApp } from '../support/harness.js';

/** Every GraphQL document the web app sends, read from its sources (gql.tada `graphql(`…`)` calls). */
function webDocuments(): { file: string; source: string }[] {
  const root = path.join(projectRoot, 'web', 'src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|svelte)$/.test(f));
  return files.flatMap((file) =>
    [...readFileSync(path.join(root, file), 'utf8').matchAll(/graphql\(\s*`([\s\S]*?)`/g)].map((m) => ({ file, source: m[1]! })),
  );
}

/** Some valid value of an input type: the cost depends only on page sizes, but every variable must be given. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => [f.name, sampleValue(f.type)]));
  }
  const samples: Record<string, unknown> = { ID: '00000000-0000-4000-8000-000000000000', Int: 1, Float: 1, Boolean: true, DateTimeISO: '2026-12-01T10:00:00Z' };
  return samples[type.name] ?? 'x';
}

describe("the web app's own queries", () => {
  const schema = buildSchema(readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8'));
  const documents = webDocuments();

  test('are all found', () => {
    expect(documents.length).toBeGreaterThan(50);
  });

  test('pass every shape limit, and cost at most half the limit even with the largest pages', () => {
    let heaviest = { cost: 0, file: '' };
    for (const { file, source } of documents) {
      const document = parse(source, { maxTokens: defaultQueryLimits.maxTokens });
      expect(validate(schema, document, [...specifiedRules, ...shapeRules(defaultQueryLimits)]), file).toEqual([]);
      const operation = getOperationAST(document)!;
      // Page sizes from variables at the API's maximum: the worst a page of the app can ask.
      const variables = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [
        v.variable.name.value,
        v.variable.name.value === 'first' ? 100 : sampleValue(typeFromAST(schema, v.type as NonNullTypeNode)!),
      ]));
      const cost = queryCost(schema, document, undefined, variables, defaultQueryLimits);
      if (cost > heaviest.cost) heaviest = { cost, file };
    }
    expect(heaviest.cost, `heaviest: ${heaviest.file}`).toBeLessThanOrEqual(defaultQueryLimits.maxCost / 2);
  });
});

describe('abusive documents', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const nested = (levels: number) => {
    let selection = 'id';
    // Inside out, so that the outermost level (under a Slot) is `activity`.
    for (let i = levels - 1; i >= 0; i--) selection = i % 2 ? `id slots { ${selection} }` : `id activity { ${selection} }`;
    return `query($e: ID!) { openDaysProgramme(editionId: $e, first: 50) { edges { node { ${selection} } } } }`;
  };
  const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: organizations(first: 100) { totalCount }`).join(' ')} }`;
  const directives = (count: number) => `{ __typename ${'@include(if: true) '.repeat(count)} }`;
  const cases = [
    { name: 'the 24-level Slot/Activity cycle', query: nested(24), code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' },
    { name: 'a cycle within the depth limit but wide pages', query: nested(8), code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost' },
    { name: '25 aliases of a 100-row page', query: aliases(25), code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxAliases' },
    { name: '1,000 aliases of a 100-row page', query: aliases(1000), code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'a 100k-token document', query: `{ ${'a '.repeat(100_000)}}`, code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'a directive flood', query: directives(50), code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDirectives' },
  ];

  test.each(cases)('$name is refused with the limit it broke, and /health answers meanwhile', async ({ query, code, limit }) => {
    const client = app.client();
    const variables = { e: '00000000-0000-4000-8000-000000000000' };
    // Twenty at once, as an attacker would, with a health check in the middle of them.
    const attacks = Array.from({ length: 20 }, () => client.request(query, variables));
    const health = await fetch(app.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
    for (const response of await Promise.all(attacks)) {
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      if (limit) expect(response.errors?.[0]?.extensions).toMatchObject({ limit });
      expect(JSON.stringify(response)).not.toMatch(/Did you mean|\/work\/|\.ts:\d+/);
    }
  });

  test('a misspelt field gets no suggestions of other field names', async () => {
    const error = await app.client().fails('{ organizationz { totalCount } }');
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).not.toMatch(/Did you mean/);
  });

  test('a malformed JSON body gets a JSON 400, not an HTML stack page', async () => {
    const response = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-municipality': 'leszno' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/json/);
    const body = await response.text();
    expect(JSON.parse(body).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body).not.toMatch(/at |node_modules|\/work\//);
  });

  test('answers are compressed for clients that accept it', async () => {
    const response = await askForALongAnswer(app.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });

  test('API responses carry the hardening headers', async () => {
    const response = await fetch(app.url.replace('/graphql', '/health'));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('referrer-policy')).toBeTruthy();
  });
});

/** A query whose answer is long enough to be worth compressing, from a client that accepts gzip. */
function askForALongAnswer(url: string) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-municipality': 'leszno', 'accept-encoding': 'gzip' },
    body: JSON.stringify({ query: `{ ${Array.from({ length: 15 }, (_, i) => `m${i}: municipalities { slug name }`).join(' ')} }` }),
  });
}

describe('behind a proxy that compresses (COMPRESS_RESPONSES=false)', () => {
  let behindProxy: TestApp;
  beforeAll(async () => {
    behindProxy = await startTestApp({ compressResponses: false });
  });
  afterAll(() => behindProxy?.close());

  test('answers leave uncompressed, for the proxy to compress', async () => {
    const response = await askForALongAnswer(behindProxy.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBeNull();
    const body = await response.text();
    expect(body.length).toBeGreaterThan(1_000);
    expect(JSON.parse(body).data.m14).toEqual(expect.arrayContaining([expect.objectContaining({ slug: 'leszno' })]));
  });
});
