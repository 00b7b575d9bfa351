import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from './support/test-app.js';
import { ORG } from './support/fixtures.js';

/**
 * Tables without row-level security. Anything else must be protected by it.
 * The outbox holds tenant events but is closed to requests in another way:
 * they may only INSERT (checked below); the worker reads it.
 */
const NON_TENANT_TABLES = new Set(['migrations', 'assessment_criteria', 'outbox_events']);

describe('database: migrations, entities and row-level security', () => {
  let t: TestApp;
  let tenantTables: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    const rows = await t.sql<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    );
    tenantTables = rows.map((r) => r.relname).filter((name) => !NON_TENANT_TABLES.has(name));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Runs statements as a request would: request role, given settings, in a transaction rolled back afterwards. */
  async function asRequest<T>(
    settings: Record<string, string>,
    work: (q: (sql: string, params?: unknown[]) => Promise<any[]>) => Promise<T>,
  ): Promise<T> {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SET LOCAL ROLE anchorlink_app`);
      for (const [name, value] of Object.entries(settings)) await runner.query(`SELECT set_config($1, $2, true)`, [name, value]);
      return await work((sql, params) => runner.query(sql, params));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('has entities and migrations in agreement (no drift)', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it("lets a request's status filter use the status index despite row-level security (status equality is leakproof)", async () => {
    // Under RLS a condition is only used inside an index scan when its operator is leakproof: enum equality is not,
    // which left every status-filtered order list scanning the organization's whole history (OrderStatusText1765008000000).
    const plan = await asRequest({ 'app.org_id': ORG.anchor }, async (q) => {
      await q(`SET LOCAL enable_seqscan = off`);
      const [row] = await q(
        `EXPLAIN (FORMAT JSON) SELECT o.id FROM purchase_orders o
          WHERE o.anchor_org_id = $1 AND o.status = $2 ORDER BY o.updated_at DESC, o.id DESC LIMIT 51`,
        [ORG.anchor, 'PUBLISHED'],
      );
      return JSON.stringify(row['QUERY PLAN']);
    });
    expect(plan).toContain('purchase_orders_anchor_status_updated_idx');
    expect(plan).toMatch(/"Index Cond":"[^"]*status[^"]*"/);
  });

  it('lets a search use its trigram indexes despite row-level security (ILIKE is marked leakproof)', async () => {
    const [leakproof] = await t.sql(`SELECT proleakproof FROM pg_proc WHERE oid = 'texticlike(text, text)'::regprocedure`);
    expect(leakproof).toEqual({ proleakproof: true });
    // Enough orders of the anchor that walking them all costs more than the index.
    await t.sql(
      `INSERT INTO purchase_orders (anchor_org_id, supplier_org_id, number, status, currency)
       SELECT $1, $2, 'S-' || substr(md5(g::text), 1, 12), 'DRAFT', 'CNY' FROM generate_series(1, 20000) g`,
      [ORG.anchor, ORG.castings],
    );
    await t.sql(`ANALYZE purchase_orders`);
    const plan = await asRequest({ 'app.org_id': ORG.anchor }, async (q) => {
      await q(`SET LOCAL enable_seqscan = off`);
      const [row] = await q(
        `EXPLAIN (FORMAT JSON) SELECT so.id FROM purchase_orders so WHERE so.number ILIKE $2 AND so.anchor_org_id = $1`,
        [ORG.anchor, '%B-0001%'],
      );
      return JSON.stringify(row['QUERY PLAN']);
    });
    expect(plan).toContain('purchase_orders_number_trgm_idx');
    expect(plan).toMatch(/"Index Cond":"[^"]*~~\*[^"]*"/);
  });

  /** The distributed tables of docs/scaling.md (distribution column supplier_org_id). */
  const DISTRIBUTED = [
    'purchase_orders',
    'purchase_order_lines',
    'order_events',
    'shipment_notices',
    'shipment_lines',
    'goods_receipts',
    'goods_receipt_lines',
    'forecasts',
    'forecast_buckets',
  ];

  it('keeps the supplier organization in every key between the high-volume tables (ready to distribute by it)', async () => {
    const keys = await t.sql<{ table: string; name: string; type: string; columns: string[] }>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS type,
              array(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) AS columns
         FROM pg_constraint c
        WHERE c.conrelid::regclass::text = ANY($1) AND c.contype IN ('p', 'u', 'f')
          AND (c.contype <> 'f' OR c.confrelid::regclass::text = ANY($1))`,
      [DISTRIBUTED],
    );
    expect(new Set(keys.filter((k) => k.type === 'p').map((k) => k.table))).toEqual(new Set(DISTRIBUTED));
    expect(keys.filter((k) => k.type === 'f')).toHaveLength(8);
    // The one exception, explained in the migration: order numbers are unique per anchor.
    const lacking = keys.filter((k) => !k.columns.includes('supplier_org_id')).map((k) => k.name);
    expect(lacking).toEqual(['purchase_orders_anchor_number_key']);
  });

  it("refuses a line whose supplier is not its order's supplier", async () => {
    const [order] = await t.sql<{ id: string }>(
      `INSERT INTO purchase_orders (anchor_org_id, supplier_org_id, number, status, currency) VALUES ($1, $2, 'KEY-1', 'DRAFT', 'CNY') RETURNING id`,
      [ORG.anchor, ORG.hydraulics],
    );
    const [part] = await t.sql<{ id: string }>(`SELECT id FROM parts WHERE anchor_org_id = $1 LIMIT 1`, [ORG.anchor]);
    const line = (supplier: string) =>
      t.sql(
        `INSERT INTO purchase_order_lines (order_id, anchor_org_id, supplier_org_id, line_number, part_id, quantity, uom, unit_price, requested_date, original_requested_date)
         VALUES ($1, $2, $3, 1, $4, 1, 'H87', 1, '2026-12-01', '2026-12-01')`,
        [order.id, ORG.anchor, supplier, part.id],
      );
    await expect(line(ORG.castings)).rejects.toThrow(/purchase_order_lines_order_id_fkey/);
    await expect(line(ORG.hydraulics)).resolves.toBeDefined();
  });

  it('forces row-level security on every tenant table, with USING and WITH CHECK policies', async () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(7);
    const flags = await t.sql<{ relname: string; enabled: boolean; forced: boolean }>(
      `SELECT relname, relrowsecurity AS enabled, relforcerowsecurity AS forced FROM pg_class
        WHERE relname = ANY($1) AND relnamespace = 'public'::regnamespace`,
      [tenantTables],
    );
    for (const table of tenantTables) {
      expect({ table, ...flags.find((f) => f.relname === table) }).toEqual({ table, relname: table, enabled: true, forced: true });
    }
    const policies = await t.sql<{ tablename: string; has_using: boolean; has_check: boolean; roles: string }>(
      `SELECT tablename, bool_or(qual IS NOT NULL) AS has_using, bool_or(with_check IS NOT NULL) AS has_check
         FROM pg_policies WHERE schemaname = 'public' GROUP BY tablename`,
    );
    for (const table of tenantTables) {
      expect({ table, ...policies.find((p) => p.tablename === table) }).toMatchObject({ table, has_using: true, has_check: true });
    }
  });

  it('switches requests to a role that is not superuser, owns nothing and cannot bypass RLS', async () => {
    const [role] = await t.sql(
      `SELECT rolsuper, rolbypassrls, rolcanlogin, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'anchorlink_app'`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false, rolcreaterole: false, rolcreatedb: false });
    const [owned] = await t.sql(
      `SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::int
            + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)::int
            + (SELECT count(*) FROM pg_type WHERE typowner = r.oid)::int
            + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid)::int AS owned
         FROM pg_roles r WHERE rolname = 'anchorlink_app'`,
    );
    expect(owned.owned).toBe(0);
  });

  it('shows no rows of any tenant table when no organization is set', async () => {
    const counts = await asRequest({}, async (q) => {
      const result: Record<string, number> = {};
      for (const table of tenantTables) result[table] = (await q(`SELECT count(*)::int AS n FROM "${table}"`))[0].n;
      return result;
    });
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    // ... and the same on a pooled connection whose earlier transaction had set one.
    await asRequest({ 'app.org_id': ORG.anchor }, async (q) => expect((await q(`SELECT count(*)::int AS n FROM parts`))[0].n).toBe(14));
    const after = await asRequest({}, async (q) => (await q(`SELECT count(*)::int AS n FROM parts`))[0].n);
    expect(after).toBe(0);
    // The demo data is there: the zeros above are the policies, not an empty database.
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM parts`);
    expect(n).toBeGreaterThan(0);
  });

  it("refuses writes into another organization's rows (WITH CHECK)", async () => {
    await expect(
      asRequest({ 'app.org_id': ORG.anchor }, (q) =>
        q(`INSERT INTO parts (anchor_org_id, part_number, description, uom) VALUES ($1, 'EVIL-1', 'x', 'H87')`, [ORG.anchor2]),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await asRequest({ 'app.org_id': ORG.anchor }, (q) =>
      q(`UPDATE parts SET description = 'hijacked' WHERE anchor_org_id = $1`, [ORG.anchor2]),
    );
    expect(updated[1]).toBe(0);
    // A supplier reads its partnership but cannot change it, nor move a row to another tenant.
    const supplierUpdate = await asRequest({ 'app.org_id': ORG.castings }, (q) =>
      q(`UPDATE partnerships SET status = 'SUSPENDED' WHERE supplier_org_id = $1`, [ORG.castings]),
    );
    expect(supplierUpdate[1]).toBe(0);
    await expect(
      asRequest({ 'app.org_id': ORG.anchor }, (q) =>
        q(`UPDATE partnerships SET supplier_org_id = $1 WHERE anchor_org_id = $2`, [ORG.castings, ORG.anchor]),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('lets a request append to the outbox but never read, change or empty it', async () => {
    await asRequest({ 'app.org_id': ORG.anchor }, async (q) => {
      await q(
        `INSERT INTO outbox_events (id, type, organization_ids, entity_type, entity_id, ordering_key, data)
         VALUES (gen_random_uuid(), 'test.event', ARRAY[$1::uuid], 'Test', gen_random_uuid(), 'k', '{}')`,
        [ORG.anchor],
      );
    });
    for (const statement of [
      `SELECT count(*) FROM outbox_events`,
      `UPDATE outbox_events SET dispatched_at = now()`,
      `DELETE FROM outbox_events`,
      `TRUNCATE outbox_events`,
    ]) {
      await expect(asRequest({ 'app.org_id': ORG.anchor }, (q) => q(statement))).rejects.toThrow(/permission denied/);
    }
  });

  it('keeps the audit log append-only for requests and for the owner alike', async () => {
    const [row] = await t.sql(`SELECT id FROM audit_events LIMIT 1`);
    expect(row).toBeDefined();
    await expect(asRequest({ 'app.org_id': ORG.anchor }, (q) => q(`UPDATE audit_events SET action = 'x'`))).rejects.toThrow(
      /permission denied/,
    );
    await expect(asRequest({ 'app.org_id': ORG.anchor }, (q) => q(`DELETE FROM audit_events`))).rejects.toThrow(/permission denied/);
    await expect(asRequest({ 'app.org_id': ORG.anchor }, (q) => q(`TRUNCATE audit_events`))).rejects.toThrow(/permission denied/);
    // The trigger refuses even the connecting (owner) user.
    await expect(t.sql(`UPDATE audit_events SET action = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_events WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
  });
});
