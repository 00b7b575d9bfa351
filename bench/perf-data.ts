/**
 * The performance data set, loaded set-based into a migrated database: one
 * anchor, 200 suppliers (each with a sales user), 5,000 parts mapped to
 * suppliers, 50,000 purchase orders with 5 lines and their events, and a
 * 26-week forecast per supplier (500 parts for the first one).
 */
import argon2 from 'argon2';
import pg from 'pg';
import { sql, startBuilt, stop, urlFor } from './support.js';

export const SUPPLIERS = 200;
export const PARTS = 5_000;
export const ORDERS = 50_000;
export const LINES_PER_ORDER = 5;
export const FORECAST_WEEKS = 26;
export const BIG_FORECAST_PARTS = 500;

/** Deterministic ids, so scenarios can name objects without asking the database. */
export const benchId = (kind: number, n: number) => `00000000-0000-4000-8${String(kind).padStart(3, '0')}-${String(n).padStart(12, '0')}`;
export const ANCHOR_ID = benchId(1, 1);
export const ANCHOR_BUYER_ID = benchId(2, 1);
export const supplierId = (s: number) => benchId(3, s);
export const supplierUserId = (s: number) => benchId(4, s);
export const orderId = (n: number) => benchId(5, n);
export const forecastId = (s: number) => benchId(6, s);
/** Orders n ≡ 1 (mod 10) of every supplier stay PUBLISHED and untouched by reads: the confirmations' pool. */
export const supplierOfOrder = (n: number) => ((n - 1) % SUPPLIERS) + 1;

export async function loadBenchData(connectionString: string, passwordHash: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const q = (text: string, params: unknown[] = []) => client.query(text, params);
  try {
    await q('BEGIN');
    await q(`SET LOCAL synchronous_commit = off`);
    await q(`INSERT INTO organizations (id, name, kind) VALUES ($1, '基准重工 Bench Heavy Industry', 'ANCHOR')`, [ANCHOR_ID]);
    await q(
      `INSERT INTO organizations (id, name, kind, credit_code)
       SELECT ('00000000-0000-4000-8003-' || lpad(s::text, 12, '0'))::uuid, '供应商 ' || s || ' Supplier', 'SUPPLIER', NULL
         FROM generate_series(1, $1::int) s`,
      [SUPPLIERS],
    );
    await q(
      `INSERT INTO partnerships (anchor_org_id, supplier_org_id, status, supplier_code, activated_at)
       SELECT $1, ('00000000-0000-4000-8003-' || lpad(s::text, 12, '0'))::uuid, 'ACTIVE', 'S' || s, now() FROM generate_series(1, $2::int) s`,
      [ANCHOR_ID, SUPPLIERS],
    );
    await q(
      `INSERT INTO users (id, org_id, email, password_hash, display_name, roles)
       VALUES ($1, $2, 'buyer@bench.demo', $3, 'Bench buyer', '{PROCUREMENT,PLANNER}')`,
      [ANCHOR_BUYER_ID, ANCHOR_ID, passwordHash],
    );
    await q(
      `INSERT INTO users (id, org_id, email, password_hash, display_name, roles)
       SELECT ('00000000-0000-4000-8004-' || lpad(s::text, 12, '0'))::uuid, ('00000000-0000-4000-8003-' || lpad(s::text, 12, '0'))::uuid,
              'sales' || s || '@bench.demo', $1, 'Sales ' || s, '{ORG_ADMIN,SUPPLIER_SALES}'
         FROM generate_series(1, $2::int) s`,
      [passwordHash, SUPPLIERS],
    );
    await q(
      `INSERT INTO parts (id, anchor_org_id, part_number, description, uom, attributes)
       SELECT ('00000000-0000-4000-8007-' || lpad(p::text, 12, '0'))::uuid, $1, 'BP-' || lpad(p::text, 5, '0'),
              '基准物料 ' || p || ' bench part', 'H87', '{"material":"Q235"}'
         FROM generate_series(1, $2::int) p`,
      [ANCHOR_ID, PARTS],
    );
    // Part p belongs to supplier ((p - 1) % 200) + 1; the first supplier also maps the first 500 parts (its big forecast).
    await q(
      `INSERT INTO supplier_parts (part_id, anchor_org_id, supplier_org_id, supplier_part_number, lead_time_days)
       SELECT ('00000000-0000-4000-8007-' || lpad(p::text, 12, '0'))::uuid, $1::uuid,
              ('00000000-0000-4000-8003-' || lpad((((p - 1) % $2::int) + 1)::text, 12, '0'))::uuid, 'SP-' || p, 14
         FROM generate_series(1, $3::int) p
       UNION ALL
       SELECT ('00000000-0000-4000-8007-' || lpad(p::text, 12, '0'))::uuid, $1::uuid, $4::uuid, 'SP1-' || p, 14
         FROM generate_series(1, $5::int) p WHERE (p - 1) % $2::int <> 0`,
      [ANCHOR_ID, SUPPLIERS, PARTS, supplierId(1), BIG_FORECAST_PARTS],
    );
    // Orders: supplier by n; statuses mixed; newest change first = highest n.
    await q(
      `INSERT INTO purchase_orders (id, anchor_org_id, supplier_org_id, number, status, currency, created_at, updated_at, created_by, published_at, confirmed_at)
       SELECT ('00000000-0000-4000-8005-' || lpad(n::text, 12, '0'))::uuid, $1,
              ('00000000-0000-4000-8003-' || lpad((((n - 1) % $2::int) + 1)::text, 12, '0'))::uuid,
              'PO-B-' || lpad(n::text, 6, '0'),
              s.status, 'CNY',
              now() - (($3::int - n) || ' minutes')::interval, now() - (($3::int - n) || ' minutes')::interval, $4,
              CASE WHEN s.status <> 'DRAFT' THEN now() - (($3::int - n) || ' minutes')::interval END,
              CASE WHEN s.status IN ('CONFIRMED', 'CLOSED') THEN now() - (($3::int - n) || ' minutes')::interval END
         FROM generate_series(1, $3::int) n
         CROSS JOIN LATERAL (SELECT CASE
           WHEN n % 10 IN (1, 2, 3, 4, 5, 6) THEN 'PUBLISHED'
           WHEN n % 10 IN (7, 8) THEN 'CONFIRMED'
           WHEN n % 10 = 9 THEN 'CLOSED'
           ELSE 'DRAFT' END AS status) s`,
      [ANCHOR_ID, SUPPLIERS, ORDERS, ANCHOR_BUYER_ID],
    );
    await q(
      `INSERT INTO purchase_order_lines (order_id, anchor_org_id, supplier_org_id, line_number, part_id, supplier_part_number,
                                         quantity, uom, unit_price, requested_date, original_requested_date, status,
                                         confirmed_quantity, confirmed_date, confirmed_unit_price)
       SELECT o.id, o.anchor_org_id, o.supplier_org_id, k, ('00000000-0000-4000-8007-' || lpad(p.part::text, 12, '0'))::uuid, 'SP-' || p.part,
              (k * 10)::numeric, 'H87', (100 + k)::numeric + 0.5, date '2027-01-04' + (k * 7), date '2027-01-04' + (k * 7),
              CASE WHEN o.status IN ('CONFIRMED', 'CLOSED') THEN 'ACCEPTED' ELSE 'PENDING' END::order_line_status,
              CASE WHEN o.status IN ('CONFIRMED', 'CLOSED') THEN (k * 10)::numeric END,
              CASE WHEN o.status IN ('CONFIRMED', 'CLOSED') THEN date '2027-01-04' + (k * 7) END,
              CASE WHEN o.status IN ('CONFIRMED', 'CLOSED') THEN (100 + k)::numeric + 0.5 END
         FROM (SELECT id, anchor_org_id, supplier_org_id, status::text AS status,
                      substr(number, 6)::int AS n, ((substr(number, 6)::int - 1) % $1::int) + 1 AS s
                 FROM purchase_orders WHERE anchor_org_id = $2) o
         CROSS JOIN generate_series(1, $3::int) k
         -- the supplier's parts: s, s + 200, s + 400, ... (25 of them)
         CROSS JOIN LATERAL (SELECT o.s + $1::int * ((o.n + k) % ($4::int / $1::int)) AS part) p`,
      [SUPPLIERS, ANCHOR_ID, LINES_PER_ORDER, PARTS],
    );
    await q(
      `UPDATE purchase_orders o SET total_amount = t.total
         FROM (SELECT order_id, sum(quantity * unit_price) AS total FROM purchase_order_lines GROUP BY order_id) t
        WHERE t.order_id = o.id`,
    );
    await q(
      `INSERT INTO order_events (order_id, anchor_org_id, supplier_org_id, type, revision, actor_user_id, at, details, supplier_visible)
       SELECT id, anchor_org_id, supplier_org_id, 'CREATED'::order_event_type, 1, $1::uuid, created_at, jsonb_build_object('number', number, 'lines', 5), false FROM purchase_orders
       UNION ALL
       SELECT id, anchor_org_id, supplier_org_id, 'PUBLISHED'::order_event_type, 1, $1::uuid, published_at, jsonb_build_object('number', number), true FROM purchase_orders WHERE published_at IS NOT NULL`,
      [ANCHOR_BUYER_ID],
    );
    // A 26-week forecast per supplier: its 25 parts (the first supplier: 500 parts).
    await q(
      `INSERT INTO forecasts (id, anchor_org_id, supplier_org_id, revision, status, granularity, horizon_start, bucket_count, firm_buckets, published_by)
       SELECT ('00000000-0000-4000-8006-' || lpad(s::text, 12, '0'))::uuid, $1, ('00000000-0000-4000-8003-' || lpad(s::text, 12, '0'))::uuid,
              1, 'PUBLISHED', 'WEEK', date '2027-01-04', $2, 4, $3
         FROM generate_series(1, $4::int) s`,
      [ANCHOR_ID, FORECAST_WEEKS, ANCHOR_BUYER_ID, SUPPLIERS],
    );
    await q(
      `INSERT INTO forecast_buckets (forecast_id, part_id, bucket_index, anchor_org_id, supplier_org_id, period_start, quantity)
       SELECT f.id, sp.part_id, b, f.anchor_org_id, f.supplier_org_id, f.horizon_start + b * 7, (10 + b)::numeric
         FROM forecasts f
         JOIN supplier_parts sp ON sp.supplier_org_id = f.supplier_org_id
         CROSS JOIN generate_series(0, $1::int - 1) b
        WHERE f.anchor_org_id = $2`,
      [FORECAST_WEEKS, ANCHOR_ID],
    );
    await q('COMMIT');
    await q('ANALYZE');
  } catch (error) {
    await q('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * (Re)creates `database`, migrated by the built app itself (on `port`), and
 * loads the data set; returns the seconds the load took.
 */
export async function createBenchDatabase(database: string, jwtSecret: string, port: number): Promise<number> {
  await sql('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await sql('postgres', `CREATE DATABASE ${database}`);
  const migrator = await startBuilt('api', { DATABASE_URL: urlFor(database), JWT_SECRET: jwtSecret, PORT: String(port), SEED_DEMO: 'false', LOG_LEVEL: 'warn', RUN_WORKER: 'false' }, port);
  await stop(migrator);
  const started = Date.now();
  await loadBenchData(urlFor(database), await argon2.hash('Bench-password-2026', { type: argon2.argon2id }));
  return (Date.now() - started) / 1000;
}
