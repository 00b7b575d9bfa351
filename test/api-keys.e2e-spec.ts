import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { codes, TestApp } from './support/test-app.js';
import { ALLIANCE_ADMIN, ANCHOR_ADMIN, BUYER, CASTINGS, ORG } from './support/fixtures.js';
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
  const withKey = (secret: string, query: string, variables: Record<string, unknown> = {}) =>
    t.gql(query, variables, undefined, { 'x-api-key': secret });

  /** Sets a demo user's roles directly (there is no role management in the API yet). */
  const setRoles = (email: string, roles: string[]) => t.sql(`UPDATE users SET roles = $2::role[] WHERE email = $1`, [email, roles]);

  it('are created by an ORG_ADMIN only; the secret is shown once and stored as a hash', async () => {
    expect(codes(await t.gql(CREATE_KEY, { name: 'ERP', roles: ['PROCUREMENT'] }, BUYER))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(CREATE_KEY, { name: 'ERP', roles: [] }, ANCHOR_ADMIN))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(CREATE_KEY, { name: '  ', roles: ['VIEWER'] }, ANCHOR_ADMIN))).toEqual(['BAD_USER_INPUT']);
    const key = (await t.ok(CREATE_KEY, { name: 'SAP 接口', roles: ['ORG_ADMIN', 'ORG_ADMIN'] }, ANCHOR_ADMIN)).createApiKey;
    expect(key.secret).toMatch(/^alk_[\w-]{43}$/);
    const [row] = await t.sql(`SELECT secret_hash, roles::text[] AS roles, org_id FROM api_keys WHERE id = $1`, [key.id]);
    expect(row).toEqual({ secret_hash: createHash('sha256').update(key.secret).digest('hex'), roles: ['ORG_ADMIN'], org_id: ORG.anchor });
    const listed = (await t.ok(KEYS, {}, ANCHOR_ADMIN)).apiKeys;
    expect(listed.find((k: any) => k.id === key.id)).toMatchObject({
      name: 'SAP 接口',
      roles: ['ORG_ADMIN'],
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    expect((await t.ok(KEYS, {}, CASTINGS)).apiKeys.map((k: any) => k.id)).not.toContain(key.id);
  });

  it('never hold a role their creator does not have', async () => {
    // 远航重工's admin is ORG_ADMIN only; 精工铸造's is ORG_ADMIN and SUPPLIER_SALES.
    for (const [as, roles] of [
      [ANCHOR_ADMIN, ['PROCUREMENT']],
      [ANCHOR_ADMIN, ['ORG_ADMIN', 'PLANNER']],
      [CASTINGS, ['PROCUREMENT']],
      [CASTINGS, ['STANDARDS_ADMIN']],
      [ALLIANCE_ADMIN, ['SUPPLIER_SALES']],
    ] as const) {
      const res = await t.gql(CREATE_KEY, { name: 'ERP', roles }, as);
      expect({ as, roles, codes: codes(res) }).toEqual({ as, roles, codes: ['FORBIDDEN'] });
    }
    const zh = await t.gql(CREATE_KEY, { name: 'ERP', roles: ['PROCUREMENT', 'STANDARDS_ADMIN'] }, CASTINGS);
    expect(zh.errors![0].message).toBe('API 密钥不能拥有您自己没有的角色：PROCUREMENT, STANDARDS_ADMIN');
    const en = await t.gql(CREATE_KEY, { name: 'ERP', roles: ['STANDARDS_ADMIN'] }, CASTINGS, { 'accept-language': 'en' });
    expect(en.errors![0].message).toBe('An API key cannot hold roles you do not have yourself: STANDARDS_ADMIN');
    // Nothing was created by the refusals.
    const [{ n }] = await t.sql(
      `SELECT count(*)::int AS n FROM api_keys WHERE roles && '{PROCUREMENT,STANDARDS_ADMIN,PLANNER}'::role[] OR (org_id = $1 AND 'SUPPLIER_SALES' = ANY (roles))`,
      [ORG.alliance],
    );
    expect(n).toBe(0);

    // Roles the creator holds are fine, and VIEWER (reading, which every member may do) always is.
    expect((await t.ok(CREATE_KEY, { name: 'ERP', roles: ['SUPPLIER_SALES', 'ORG_ADMIN'] }, CASTINGS)).createApiKey.id).toBeDefined();
    expect((await t.ok(CREATE_KEY, { name: 'ERP', roles: ['VIEWER'] }, ANCHOR_ADMIN)).createApiKey.id).toBeDefined();

    // The creator's roles are read from the database, not from a token issued before they changed.
    await t.tokenFor(ANCHOR_ADMIN, undefined, true);
    await setRoles(ANCHOR_ADMIN, ['ORG_ADMIN', 'PROCUREMENT']);
    try {
      expect((await t.ok(CREATE_KEY, { name: 'ERP', roles: ['PROCUREMENT'] }, ANCHOR_ADMIN)).createApiKey.id).toBeDefined();
    } finally {
      await setRoles(ANCHOR_ADMIN, ['ORG_ADMIN']);
    }
    expect(codes(await t.gql(CREATE_KEY, { name: 'ERP', roles: ['PROCUREMENT'] }, ANCHOR_ADMIN))).toEqual(['FORBIDDEN']);
  });

  it('lose the roles their creator loses, and stop working when the creator is gone', async () => {
    const respond = (secret: string) =>
      withKey(secret, `mutation { respondToPurchaseOrder(id: "${ORG.castings}", expectedVersion: 1, lines: []) { id } }`);
    const key = (await t.ok(CREATE_KEY, { name: 'ERP', roles: ['SUPPLIER_SALES', 'VIEWER'] }, CASTINGS)).createApiKey;
    expect((await withKey(key.secret, ORDERS)).errors).toBeUndefined();
    // SUPPLIER_SALES passes the guard (the id matches no order: NOT_FOUND, not FORBIDDEN).
    expect(codes(await respond(key.secret))).toEqual(['NOT_FOUND']);
    try {
      await setRoles(CASTINGS, ['ORG_ADMIN']);
      expect(codes(await respond(key.secret))).toEqual(['FORBIDDEN']);
      expect((await withKey(key.secret, ORDERS)).errors).toBeUndefined(); // VIEWER remains
      // A creator left with no role at all is as good as deactivated: the key no longer authenticates.
      await setRoles(CASTINGS, []);
      expect(codes(await withKey(key.secret, ORDERS))).toEqual(['UNAUTHENTICATED']);
      await setRoles(CASTINGS, ['ORG_ADMIN', 'SUPPLIER_SALES']);
      expect(codes(await respond(key.secret))).toEqual(['NOT_FOUND']);
    } finally {
      await setRoles(CASTINGS, ['ORG_ADMIN', 'SUPPLIER_SALES']);
    }

    // A key whose roles are all gone from its creator does not authenticate either.
    const sales = (await t.ok(CREATE_KEY, { name: 'ERP', roles: ['SUPPLIER_SALES'] }, CASTINGS)).createApiKey;
    try {
      await setRoles(CASTINGS, ['ORG_ADMIN']);
      expect(codes(await withKey(sales.secret, ORDERS))).toEqual(['UNAUTHENTICATED']);
    } finally {
      await setRoles(CASTINGS, ['ORG_ADMIN', 'SUPPLIER_SALES']);
    }

    // The creator removed: the key keeps its row (created_by is set to NULL) and stops working.
    const [admin] = await t.sql(
      `INSERT INTO users (org_id, email, password_hash, display_name, roles) SELECT org_id, 'leaver@castings.demo', password_hash, 'Leaver', roles FROM users WHERE email = $1 RETURNING id`,
      [CASTINGS],
    );
    const orphan = (await t.ok(CREATE_KEY, { name: 'ERP', roles: ['VIEWER'] }, 'leaver@castings.demo')).createApiKey;
    expect((await withKey(orphan.secret, ORDERS)).errors).toBeUndefined();
    await t.sql(`DELETE FROM users WHERE id = $1`, [admin.id]);
    const refused = await withKey(orphan.secret, ORDERS);
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(refused.data).toBeFalsy();
  });

  it('act for their organization with their roles only, and record their use', async () => {
    await setRoles(ANCHOR_ADMIN, ['ORG_ADMIN', 'PROCUREMENT']);
    const key = (await t.ok(CREATE_KEY, { name: 'ERP', roles: ['PROCUREMENT'] }, ANCHOR_ADMIN)).createApiKey;
    const orders = await withKey(key.secret, ORDERS);
    expect(orders.errors).toBeUndefined();
    expect(orders.data!.purchaseOrders.nodes.every((o: any) => o.anchor.id === ORG.anchor)).toBe(true);

    // PROCUREMENT may create orders ...
    const created = await withKey(key.secret, CREATE_ORDER, {
      input: { supplierId: ORG.castings, currency: 'CNY', lines: castingsLines() },
    });
    expect(created.errors).toBeUndefined();
    const orderId = created.data!.createPurchaseOrder.id;
    // ... but not publish forecasts (PLANNER) nor manage keys, whatever roles it holds.
    const forecast = await withKey(
      key.secret,
      `mutation { publishForecast(input: { supplierId: "${ORG.castings}", granularity: WEEK, horizonStart: "2026-12-21", bucketCount: 1, firmBuckets: 1, lines: [] }) { id } }`,
    );
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
    await setRoles(ANCHOR_ADMIN, ['ORG_ADMIN']);
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
