import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashPassword } from '@anchorlink/identity';
import { codes, TestApp } from './support/test-app.js';

const ORGS = 20;
const REQUESTS = 1000;
const CONCURRENCY = 50;
const PASSWORD = 'Leak-test-password-2026';

/**
 * 1,000 interleaved requests from 20 organizations at concurrency 50, a
 * quarter of them failing in the middle of their transaction: every answer
 * holds the caller's data only, so nothing of one request's tenant settings
 * survives on a pooled connection into another's.
 */
describe('no tenant leaks through the connection pool', () => {
  let t: TestApp;
  const orgs: { id: string; token: string; prefix: string }[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ dbPoolSize: 10 });
    const hash = await hashPassword(PASSWORD);
    for (let i = 0; i < ORGS; i++) {
      const prefix = `LEAK-${String(i).padStart(2, '0')}-`;
      const [{ id }] = await t.sql(`INSERT INTO organizations (name, kind) VALUES ($1, 'ANCHOR') RETURNING id`, [`泄漏测试 ${i}`]);
      await t.sql(`INSERT INTO users (org_id, email, password_hash, display_name, roles) VALUES ($1, $2, $3, 'leak', '{PROCUREMENT}')`, [
        id,
        `leak${i}@leak.demo`,
        hash,
      ]);
      await t.sql(
        `INSERT INTO parts (anchor_org_id, part_number, description, uom, attributes) VALUES ($1, $2, 'a', 'H87', '{"material":"Q235"}'), ($1, $3, 'b', 'H87', '{"material":"Q235"}')`,
        [id, `${prefix}A`, `${prefix}B`],
      );
      orgs.push({ id, prefix, token: await t.tokenFor(`leak${i}@leak.demo`, PASSWORD) });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it(`answers ${REQUESTS} interleaved requests of ${ORGS} organizations with their own data only`, async () => {
    const problems: string[] = [];
    let failedMidTransaction = 0;
    const run = async (i: number) => {
      const org = orgs[i % ORGS];
      const other = orgs[(i + 7) % ORGS];
      switch (i % 4) {
        case 0: {
          const res = await t.gql(`{ me { organization { id } } parts(first: 200) { nodes { partNumber } } }`, {}, org.token);
          if (res.data?.me.organization.id !== org.id) problems.push(`${i}: me is ${res.data?.me?.organization?.id}`);
          for (const p of res.data?.parts.nodes ?? []) if (!p.partNumber.startsWith(org.prefix)) problems.push(`${i}: saw ${p.partNumber}`);
          break;
        }
        case 1: {
          // A unique violation after the INSERT was sent: the transaction fails half-way through.
          const res = await t.gql(
            `mutation($i: PartInput!) { createPart(input: $i) { id } }`,
            { i: { partNumber: `${org.prefix}A`, description: 'dup', uom: 'H87', attributes: { material: 'Q235' } } },
            org.token,
          );
          if (codes(res).join() !== 'CONFLICT') problems.push(`${i}: duplicate gave ${JSON.stringify(res.errors)}`);
          else failedMidTransaction++;
          break;
        }
        case 2: {
          const res = await t.gql(`query($id: ID!) { organization(id: $id) { id name } }`, { id: other.id }, org.token);
          if (codes(res).join() !== 'NOT_FOUND') problems.push(`${i}: saw organization ${other.id}`);
          break;
        }
        case 3: {
          const res = await t.gql(
            `mutation($i: PartInput!) { createPart(input: $i) { id partNumber } } `,
            { i: { partNumber: `${org.prefix}N${i}`, description: 'new', uom: 'H87', attributes: { material: 'Q235' } } },
            org.token,
          );
          if (!res.data?.createPart?.partNumber.startsWith(org.prefix)) problems.push(`${i}: create gave ${JSON.stringify(res)}`);
          break;
        }
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) await run(next++);
      }),
    );
    expect(problems).toEqual([]);
    expect(failedMidTransaction).toBe(REQUESTS / 4);
    // Every part landed with its own anchor, and none of the failed inserts left anything behind.
    const wrong = await t.sql(
      `SELECT p.part_number FROM parts p JOIN organizations o ON o.id = p.anchor_org_id
        WHERE p.part_number LIKE 'LEAK-%' AND o.name <> '泄漏测试 ' || (substr(p.part_number, 6, 2))::int`,
    );
    expect(wrong).toEqual([]);
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM parts WHERE part_number LIKE 'LEAK-%'`);
    expect(n).toBe(ORGS * 2 + REQUESTS / 4);
  });
});
