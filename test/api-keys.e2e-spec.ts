import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { codes, TestApp } from './support/test-app.js';
import { ANCHOR_ADMIN, BUYER, CASTINGS, ORG } from './support/fixtures.js';
import { castingsLines, CREATE_ORDER } from './support/orders.js';

const CREATE_KEY = `mutation($name: String!, $roles: [Role!]!) { createApiKey(name: $name, roles: $roles) { id name secret } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) }`;
const KEYS = `{ apiKeys { id name roles createdAt lastUsedAt revokedAt } }`;
const ORDERS = `{ purchaseOrders(first: 200) { totalCount nodes { id anchor { id } supplier { id } } } }`;

describe('API keys', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** POST /graphql with X-Api-Key instead of a sign-in. */
  const withKey = (secret: string, query: string, variables: Record<string, unknown> = {}) => t.gql(query, variables, undefined, { 'x-api-key': secret });

  it('are created by an ORG_ADMIN only; the secret is shown once and stored as a hash', async () => {
    expect(codes(await t.gql(CREATE_KEY, { name: 'ERP', roles: ['PROCUREMENT'] }, BUYER))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(CREATE_KEY, { name: 'ERP', roles: [] }, ANCHOR_ADMIN))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(CREATE_KEY, { name: '  ', roles: ['VIEWER'] }, ANCHOR_ADMIN))).toEqual(['BAD_USER_INPUT']);
    const key = (await t.ok(CREATE_KEY, { name: 'SAP 接口', roles: ['PROCUREMENT', 'PROCUREMENT'] }, ANCHOR_ADMIN)).createApiKey;
    expect(key.secret).toMatch(/^alk_[\w-]{43}$/);
    const [row] = await t.sql(`SELECT secret_hash, roles::text[] AS roles, org_id FROM api_keys WHERE id = $1`, [key.id]);
    expect(row).toEqual({ secret_hash: createHash('sha256').update(key.secret).digest('hex'), roles: ['PROCUREMENT'], org_id: ORG.anchor });
    const listed = (await t.ok(KEYS, {}, ANCHOR_ADMIN)).apiKeys;
    expect(listed.find((k: any) => k.id === key.id)).toMatchObject({ name: 'SAP 接口', roles: ['PROCUREMENT'], lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    expect((await t.ok(KEYS, {}, CASTINGS)).apiKeys.map((k: any) => k.id)).not.toContain(key.id);
  });

  it('act for their organization with their roles only, and record their use', async () => {
    const key = (await t.ok(CREATE_KEY, { name: 'ERP', roles: ['PROCUREMENT'] }, ANCHOR_ADMIN)).createApiKey;
    const orders = await withKey(key.secret, ORDERS);
    expect(orders.errors).toBeUndefined();
    expect(orders.data!.purchaseOrders.nodes.every((o: any) => o.anchor.id === ORG.anchor)).toBe(true);

    // PROCUREMENT may create orders ...
    const created = await withKey(key.secret, CREATE_ORDER, { input: { supplierId: ORG.castings, currency: 'CNY', lines: castingsLines() } });
    expect(created.errors).toBeUndefined();
    const orderId = created.data!.createPurchaseOrder.id;
    // ... but not publish forecasts (PLANNER) nor manage keys, whatever roles it holds.
    const forecast = await withKey(key.secret, `mutation { publishForecast(input: { supplierId: "${ORG.castings}", granularity: WEEK, horizonStart: "2026-12-21", bucketCount: 1, firmBuckets: 1, lines: [] }) { id } }`);
    expect(codes(forecast)).toEqual(['FORBIDDEN']);
    const admin = (await t.ok(CREATE_KEY, { name: 'admin', roles: ['ORG_ADMIN'] }, ANCHOR_ADMIN)).createApiKey;
    expect(codes(await withKey(admin.secret, CREATE_KEY, { name: 'more', roles: ['ORG_ADMIN'] }))).toEqual(['FORBIDDEN']);
    expect(codes(await withKey(admin.secret, REVOKE_KEY, { id: key.id }))).toEqual(['FORBIDDEN']);

    // The change is audited as the key's, on behalf of the admin who made it.
    const [audit] = await t.sql(
      `SELECT a.api_key_id, u.email FROM audit_events a JOIN users u ON u.id = a.actor_user_id WHERE a.entity_id = $1 AND a.action = 'order.created'`,
      [orderId],
    );
    expect(audit).toEqual({ api_key_id: key.id, email: ANCHOR_ADMIN });
    const [used] = await t.sql(`SELECT last_used_at FROM api_keys WHERE id = $1`, [key.id]);
    expect(used.last_used_at).toBeInstanceOf(Date);
  });

  it('stop working the moment they are revoked', async () => {
    const key = (await t.ok(CREATE_KEY, { name: 'ERP', roles: ['VIEWER'] }, ANCHOR_ADMIN)).createApiKey;
    expect((await withKey(key.secret, ORDERS)).errors).toBeUndefined();
    expect(codes(await t.gql(REVOKE_KEY, { id: key.id }, CASTINGS))).toEqual(['NOT_FOUND']);
    expect((await t.ok(REVOKE_KEY, { id: key.id }, ANCHOR_ADMIN)).revokeApiKey).toBe(true);
    expect((await t.ok(REVOKE_KEY, { id: key.id }, ANCHOR_ADMIN)).revokeApiKey).toBe(false);
    const refused = await withKey(key.secret, ORDERS);
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(refused.data).toBeFalsy();
    expect((await t.ok(KEYS, {}, ANCHOR_ADMIN)).apiKeys.find((k: any) => k.id === key.id).revokedAt).not.toBeNull();
  });

  it('refuse unknown, malformed and empty keys', async () => {
    for (const secret of ['alk_' + 'x'.repeat(43), 'nonsense', '']) {
      expect({ secret, codes: codes(await withKey(secret, ORDERS)) }).toEqual({ secret, codes: ['UNAUTHENTICATED'] });
    }
  });

  it('work on the REST endpoints too', async () => {
    const key = (await t.ok(CREATE_KEY, { name: 'export', roles: ['VIEWER'] }, ANCHOR_ADMIN)).createApiKey;
    const res = await t.http.get('/api/purchase-orders/export.csv').set('x-api-key', key.secret);
    expect(res.status).toBe(200);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const refused = await t.http.get('/api/purchase-orders/export.csv').set('x-api-key', 'alk_' + 'y'.repeat(43));
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
  });
});
