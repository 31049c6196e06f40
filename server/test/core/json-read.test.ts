import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { jsonObject, type JsonShape } from '../../src/core/db/json-read.js';
import { Selection } from '../../src/core/graphql/selection.js';

/** Builds a selection from a nested object of field names, e.g. { a: {}, kids: { v: {} } }. */
type Tree = { [field: string]: Tree };
const select = (tree: Tree): Selection => new Selection(new Map(Object.entries(tree).map(([k, v]) => [k, select(v)])));

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: `${inject('postgresServerUrl')}/postgres` });
  await client.connect();
});
afterAll(() => client.end());

/** Runs the built expression for each row of t(a, b) = (1, 'one'), (2, 'two'). */
async function read(shape: JsonShape, tree: Tree) {
  const { text, params } = jsonObject(shape, select(tree));
  let n = 0;
  const sql = `select ${text} as row from (values (1, 'one'), (2, 'two')) as t(a, b) order by t.a`.replace(/\?/g, () => `$${++n}`);
  expect(n).toBe(params.length);
  return (await client.query<{ row: unknown }>(sql, params)).rows.map((r) => r.row);
}

const shape: JsonShape = {
  a: 't.a',
  b: 't.b',
  label: { needs: ['b'] },
  pair: { object: { first: 't.a', second: 't.b' } },
  biggest: { one: { from: '(values (1, 10), (1, 12), (2, 20)) as k(parent, v)', where: { text: 'k.parent = t.a and k.v < ?', params: [20] }, orderBy: 'k.v desc', shape: { v: 'k.v' } } },
  kids: {
    list: {
      from: '(values (1, 10), (1, 11), (1, 12), (2, 20)) as k(parent, v)',
      where: { text: 'k.parent = t.a and k.v <> ?', params: [11] },
      orderBy: 'k.v desc',
      shape: {
        v: 'k.v',
        grandkids: { list: { from: 'generate_series(1, 3) as g(n)', where: { text: 'g.n <= ? and k.v < ?', params: [2, 20] }, orderBy: 'g.n', shape: { n: 'g.n' } } },
      },
    },
  },
};

test('only what is selected is read; fields the shape does not name are left to GraphQL', async () => {
  expect(await read(shape, { a: {}, __typename: {} })).toEqual([{ a: 1 }, { a: 2 }]);
  expect(await read(shape, { pair: { second: {} } })).toEqual([{ pair: { second: 'one' } }, { pair: { second: 'two' } }]);
});

test('a single nested object is the first in its order, or null', async () => {
  expect(await read(shape, { biggest: { v: {} } })).toEqual([{ biggest: { v: 12 } }, { biggest: null }]);
});

test('a field computed in code brings the fields it needs', async () => {
  expect(await read(shape, { label: {} })).toEqual([{ b: 'one' }, { b: 'two' }]);
});

test('nested lists keep their order, their conditions and each parameter in its place', async () => {
  expect(await read(shape, { a: {}, kids: { v: {}, grandkids: { n: {} } } })).toEqual([
    { a: 1, kids: [{ v: 12, grandkids: [{ n: 1 }, { n: 2 }] }, { v: 10, grandkids: [{ n: 1 }, { n: 2 }] }] },
    { a: 2, kids: [{ v: 20, grandkids: [] }] },
  ]);
});

test('objects wider than json_build_object allows (100 arguments) are built in parts', async () => {
  const wide: JsonShape = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}`, `t.a + ${i}`]));
  const tree = Object.fromEntries(Object.keys(wide).map((k) => [k, {}]));
  const [first] = (await read(wide, tree)) as Record<string, number>[];
  expect(Object.keys(first!)).toHaveLength(70);
  expect(first!.f69).toBe(70);
});
