import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOrm, type Orm } from '../../src/core/db/orm.js';
import { queryPrepared, STATEMENTS_PER_CONNECTION, toPositional } from '../../src/core/db/prepared.js';
import { entities } from '../../src/entities.js';
import { startTestApp, type TestApp } from '../support/harness.js';

describe('toPositional', () => {
  test('numbers placeholders in order and spreads an array parameter into a list, as inlining would', () => {
    expect(toPositional('select ? from t where a = any(array[?]::uuid[]) and b = ?', [1, ['x', 'y'], true]))
      .toEqual({ text: 'select $1 from t where a = any(array[$2, $3]::uuid[]) and b = $4', values: [1, 'x', 'y', true] });
    expect(toPositional('select array[?]::text[]', [[]])).toEqual({ text: 'select array[]::text[]', values: [] });
  });

  test('keeps an escaped question mark (the jsonb operator) as it is', () => {
    expect(toPositional(`select d \\? 'k' and e = ?`, ['v'])).toEqual({ text: `select d ? 'k' and e = $1`, values: ['v'] });
  });

  test('refuses a statement whose placeholders and parameters do not match', () => {
    expect(() => toPositional('select ?, ?', [1])).toThrow(/more placeholders/);
    expect(() => toPositional('select ?', [1, 2])).toThrow(/1 placeholders for 2 parameters/);
    expect(() => toPositional('select ??', ['t'])).toThrow(/not supported/);
  });
});

describe('queryPrepared on PostgreSQL (a pool of one connection, so every statement meets the same session)', () => {
  let app: TestApp;
  let orm: Orm;
  const seen: string[] = [];
  beforeAll(async () => {
    app = await startTestApp();
    orm = await createOrm(app.orm.config.get('clientUrl')!, entities, {
      pool: { min: 0, max: 1 },
      onQuery: (sql) => {
        seen.push(sql);
        return sql;
      },
    });
    await orm.em.getConnection().execute('create table prepared_probe (id int primary key, tags text[], at timestamptz, data jsonb)');
  });
  afterAll(async () => {
    await orm?.close();
    await app?.close();
  });

  const preparedHere = async () => (await queryPrepared<{ statement: string; runs: number }>(orm.em.fork(),
    `select statement, (generic_plans + custom_plans)::int as runs from pg_prepared_statements where statement not like '%pg_prepared_statements%'`, []));

  test('answers what em.execute answers, for lists, dates, booleans, nulls and jsonb', async () => {
    const em = orm.em.fork();
    await em.getConnection().execute(`insert into prepared_probe values (1, '{a,b}', '2026-06-06T10:00:00Z', '{"k": 1}'), (2, '{c}', null, '{}')`);
    const sql = `select id, tags, at, data, data \\? 'k' as has_k, ?::boolean as flag from prepared_probe
                  where id = any(array[?]::int[]) and (at is null or at < ?) order by id`;
    const params = [true, [1, 2], new Date('2027-01-01T00:00:00Z')];
    const rows = await queryPrepared(em, sql, params);
    expect(rows).toEqual(await em.getConnection().execute(sql, params));
    // (Raw results answer timestamps as PostgreSQL writes them, as em.execute does.)
    expect(rows).toEqual([
      { id: 1, tags: ['a', 'b'], at: '2026-06-06 10:00:00+00', data: { k: 1 }, has_k: true, flag: true },
      { id: 2, tags: ['c'], at: null, data: {}, has_k: false, flag: true },
    ]);
  });

  test('a statement run again is parsed once and reused on its connection, and every run is reported to onQuery', async () => {
    const sql = 'select count(*)::int as n from prepared_probe where id > ?';
    seen.length = 0;
    for (const floor of [0, 1, 0]) await queryPrepared(orm.em.fork(), sql, [floor]);
    expect(seen).toEqual([sql, sql, sql]);
    const mine = (await preparedHere()).filter((s) => s.statement === 'select count(*)::int as n from prepared_probe where id > $1');
    expect(mine).toEqual([{ statement: 'select count(*)::int as n from prepared_probe where id > $1', runs: 3 }]);
  });

  test(`a connection keeps at most ${STATEMENTS_PER_CONNECTION} statements; the rest run unnamed and still answer`, async () => {
    for (let i = 0; i < STATEMENTS_PER_CONNECTION + 20; i++) {
      const [row] = await queryPrepared<{ n: number }>(orm.em.fork(), `select ?::int + ${i} as n`, [1]);
      expect(row!.n).toBe(1 + i);
    }
    expect((await preparedHere()).length).toBeLessThanOrEqual(STATEMENTS_PER_CONNECTION);
  });

  test('a refused statement is converted as MikroORM converts it, stores nothing and leaves the connection usable', async () => {
    const em = orm.em.fork();
    const error = await queryPrepared(em, 'insert into prepared_probe (id) values (?), (?)', [3, 1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueConstraintViolationException);
    expect((error as { code?: string }).code).toBe('23505');
    expect(await queryPrepared(em, 'select id from prepared_probe where id = ?', [3])).toEqual([]);
  });

  test('inside a transaction it runs on the transaction\'s connection: it sees the uncommitted row, and a rollback keeps nothing', async () => {
    const tx = orm.em.fork();
    await tx.begin();
    await tx.execute('insert into prepared_probe (id) values (10)');
    expect(await queryPrepared(tx, 'select id from prepared_probe where id = ?', [10])).toEqual([{ id: 10 }]);
    await tx.rollback();
    expect(await queryPrepared(orm.em.fork(), 'select id from prepared_probe where id = ?', [10])).toEqual([]);
  });
});
