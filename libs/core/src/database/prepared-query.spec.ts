import { describe, expect, it, jest } from '@jest/globals';
import type { Sql } from './database-gate.js';
import { idsCondition, preparedQuery } from './prepared-query.js';

function manager() {
  const calls: { text: string; params: readonly unknown[] | undefined; name: string | undefined }[] = [];
  const query = jest.fn(
    async (text: string, params?: readonly unknown[], name?: string) => (calls.push({ text, params, name }), [{ ok: 1 }]),
  );
  const em = { query } as unknown as Sql;
  return { em, calls };
}

describe('preparedQuery', () => {
  it('names a statement by its text: the same text the same name, another text another name', async () => {
    const { em, calls } = manager();
    expect(await preparedQuery(em, 'spec.a', 'SELECT 1 WHERE $1::int = 1', [1])).toEqual([{ ok: 1 }]);
    await preparedQuery(em, 'spec.a', 'SELECT 1 WHERE $1::int = 1', [2]);
    await preparedQuery(em, 'spec.a', 'SELECT 2 WHERE $1::int = 1', [1]);
    const [a, b, c] = calls;
    expect(a.name).toMatch(/^al_[\w-]{27}$/);
    expect(b.name).toBe(a.name);
    expect(c.name).not.toBe(a.name);
    expect(c.text).toBe('SELECT 2 WHERE $1::int = 1');
    expect(b.params).toEqual([2]);
  });

  it('names at most 64 texts of a family and runs the rest unnamed, without taking names from other families', async () => {
    const { em, calls } = manager();
    for (let i = 0; i < 100; i++) await preparedQuery(em, 'spec.flood', `SELECT ${i} -- flood`, []);
    expect(calls.filter((q) => q.name !== undefined)).toHaveLength(64);
    expect(calls.at(-1)).toEqual({ text: 'SELECT 99 -- flood', params: [], name: undefined });
    await preparedQuery(em, 'spec.other', 'SELECT 1 -- other', []);
    expect(calls.at(-1)!.name).toMatch(/^al_/);
  });

  it('says one id as = $n and several as = ANY($n::uuid[]), with the value to bind', () => {
    expect(idsCondition('o.id', '$2', ['a'])).toEqual(['o.id = $2', 'a']);
    expect(idsCondition('o.id', '$2', ['a', 'b'])).toEqual(['o.id = ANY($2::uuid[])', ['a', 'b']]);
  });
});
