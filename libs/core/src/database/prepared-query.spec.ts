import { describe, expect, it, jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { idsCondition, preparedQuery } from './prepared-query.js';

function manager() {
  const calls: unknown[] = [];
  const em = { query: jest.fn(async (query: unknown) => (calls.push(query), [{ ok: 1 }])) } as unknown as EntityManager;
  return { em, calls };
}

describe('preparedQuery', () => {
  it('names a statement by its text: the same text the same name, another text another name', async () => {
    const { em, calls } = manager();
    expect(await preparedQuery(em, 'spec.a', 'SELECT 1 WHERE $1::int = 1', [1])).toEqual([{ ok: 1 }]);
    await preparedQuery(em, 'spec.a', 'SELECT 1 WHERE $1::int = 1', [2]);
    await preparedQuery(em, 'spec.a', 'SELECT 2 WHERE $1::int = 1', [1]);
    const [a, b, c] = calls as { name: string; text: string }[];
    expect(a!.name).toMatch(/^al_[\w-]{27}$/);
    expect(b!.name).toBe(a!.name);
    expect(c!.name).not.toBe(a!.name);
    expect(c!.text).toBe('SELECT 2 WHERE $1::int = 1');
    expect((em.query as jest.Mock).mock.calls[1]![1]).toEqual([2]);
  });

  it('names at most 64 texts of a family and runs the rest unnamed, without taking names from other families', async () => {
    const { em, calls } = manager();
    for (let i = 0; i < 100; i++) await preparedQuery(em, 'spec.flood', `SELECT ${i} -- flood`, []);
    expect(calls.filter((q) => typeof q === 'object')).toHaveLength(64);
    expect(calls.at(-1)).toBe('SELECT 99 -- flood');
    await preparedQuery(em, 'spec.other', 'SELECT 1 -- other', []);
    expect(calls.at(-1)).toMatchObject({ text: 'SELECT 1 -- other' });
  });

  it('says one id as = $n and several as = ANY($n::uuid[]), with the value to bind', () => {
    expect(idsCondition('o.id', '$2', ['a'])).toEqual(['o.id = $2', 'a']);
    expect(idsCondition('o.id', '$2', ['a', 'b'])).toEqual(['o.id = ANY($2::uuid[])', ['a', 'b']]);
  });
});
