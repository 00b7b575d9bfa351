/**
 * The performance data set, loaded set-based into a migrated database. At
 * scale factor 1 (the side-by-side benchmark's data): one anchor, 200
 * suppliers (each with a sales user), 5,000 parts mapped to suppliers, 50,000
 * purchase orders with 5 lines and their events, and a 26-week forecast per
 * supplier (500 parts for the first one). A factor multiplies suppliers,
 * parts and orders alike, so each supplier keeps 25 parts, 250 orders and a
 * 25-part forecast (bench/scale.ts loads factor 10: 2,000 suppliers, 500,000
 * orders, 2.5 million lines). Orders stay one minute apart, newest last.
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

export interface BenchSize {
  factor: number;
  suppliers: number;
  parts: number;
  orders: number;
  linesPerOrder: number;
  forecastWeeks: number;
  bigForecastParts: number;
  /** Digits of the order numbers' counter: 6 ('PO-B-000001') until the orders need more. */
  numberWidth: number;
}

/** The data set at a scale factor: 1 is the benchmark's; the first supplier's forecast keeps 500 parts. */
export function benchSize(factor = 1): BenchSize {
  const suppliers = Math.round(SUPPLIERS * factor);
  // The first supplier's big forecast needs BIG_FORECAST_PARTS parts; reads and confirmations need two suppliers.
  if (!(suppliers >= BIG_FORECAST_PARTS / (PARTS / SUPPLIERS)) || suppliers > 1_000_000)
    throw new Error(`scale factor ${factor} is out of range (0.1 to 5000)`);
  const orders = suppliers * (ORDERS / SUPPLIERS);
  return {
    factor,
    suppliers,
    parts: suppliers * (PARTS / SUPPLIERS),
    orders,
    linesPerOrder: LINES_PER_ORDER,
    forecastWeeks: FORECAST_WEEKS,
    bigForecastParts: BIG_FORECAST_PARTS,
    numberWidth: Math.max(6, String(orders).length),
  };
}

/** Deterministic ids, so scenarios can name objects without asking the database. */
export const benchId = (kind: number, n: number) => `00000000-0000-4000-8${String(kind).padStart(3, '0')}-${String(n).padStart(12, '0')}`;
export const ANCHOR_ID = benchId(1, 1);
export const ANCHOR_BUYER_ID = benchId(2, 1);
export const supplierId = (s: number) => benchId(3, s);
export const supplierUserId = (s: number) => benchId(4, s);
export const orderId = (n: number) => benchId(5, n);
export const forecastId = (s: number) => benchId(6, s);
export const orderNumber = (n: number, size = benchSize(1)) => `PO-B-${String(n).padStart(size.numberWidth, '0')}`;
/** Orders n ≡ 1 (mod 10) of every supplier stay PUBLISHED and untouched by reads: the confirmations' pool. */
export const supplierOfOrder = (n: number, size = benchSize(1)) => ((n - 1) % size.suppliers) + 1;

/** The tables large enough that their indexes and foreign keys are built after the rows go in. */
const BULK_TABLES = ['purchase_orders', 'purchase_order_lines', 'order_events', 'forecast_buckets'];

interface Definition {
  table: string;
  name: string;
  kind: 'constraint' | 'foreign key' | 'index';
  sql: string;
}

/**
 * The bulk tables' primary keys, unique constraints, indexes and the foreign keys from or to them,
 * exactly as the migrations left them (PostgreSQL's own definitions), to drop before the load and
 * recreate after it: building an index over sorted rows once is far cheaper than millions of
 * random inserts into it (row ids are random UUIDs), and a foreign key added to a filled table is
 * checked with one join instead of one lookup per row.
 */
async function bulkDefinitions(client: pg.Client): Promise<Definition[]> {
  const { rows: constraints } = await client.query<{ table: string; name: string; contype: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
      WHERE c.contype IN ('p', 'u', 'f', 'x')
        AND (c.conrelid = ANY($1::regclass[]) OR (c.contype = 'f' AND c.confrelid = ANY($1::regclass[])))
      ORDER BY 1, 2`,
    [BULK_TABLES],
  );
  const { rows: indexes } = await client.query<{ table: string; name: string; def: string }>(
    `SELECT i.indrelid::regclass::text AS table, x.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY 1, 2`,
    [BULK_TABLES],
  );
  const ident = (name: string) => client.escapeIdentifier(name);
  return [
    ...constraints.map((c) => ({
      table: c.table,
      name: c.name,
      kind: c.contype === 'f' ? ('foreign key' as const) : ('constraint' as const),
      sql: `ALTER TABLE ${c.table} ADD CONSTRAINT ${ident(c.name)} ${c.def}`,
    })),
    ...indexes.map((i) => ({ table: i.table, name: i.name, kind: 'index' as const, sql: i.def })),
  ];
}

export interface LoadReport {
  seconds: number;
  /** Seconds per phase: rows, indexes and keys, vacuum/analyze. */
  phases: Record<string, number>;
}

export async function loadBenchData(
  connectionString: string,
  passwordHash: string,
  size = benchSize(1),
  options: { vacuum?: boolean } = {},
): Promise<LoadReport> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const q = (text: string, params: unknown[] = []) => client.query(text, params);
  const started = Date.now();
  const phases: Record<string, number> = {};
  let phaseStart = started;
  const phase = (name: string) => {
    const now = Date.now();
    phases[name] = (now - phaseStart) / 1000;
    phaseStart = now;
  };
  const { suppliers: S, parts: P, orders: O, linesPerOrder: L } = size;
  // Ids as SQL expressions over a generate_series counter, matching benchId().
  const id = (kind: number, n: string) => `('00000000-0000-4000-8${String(kind).padStart(3, '0')}-' || lpad((${n})::text, 12, '0'))::uuid`;
  const supplierOf = (n: string) => `((${n} - 1) % ${S}) + 1`;
  try {
    await q('BEGIN');
    await q(`SET LOCAL synchronous_commit = off`);
    await q(`SET LOCAL maintenance_work_mem = '512MB'`);
    const definitions = await bulkDefinitions(client);
    for (const d of definitions.filter((x) => x.kind === 'foreign key'))
      await q(`ALTER TABLE ${d.table} DROP CONSTRAINT ${client.escapeIdentifier(d.name)}`);
    for (const d of definitions.filter((x) => x.kind === 'constraint'))
      await q(`ALTER TABLE ${d.table} DROP CONSTRAINT ${client.escapeIdentifier(d.name)}`);
    for (const d of definitions.filter((x) => x.kind === 'index')) await q(`DROP INDEX ${client.escapeIdentifier(d.name)}`);

    await q(`INSERT INTO organizations (id, name, kind) VALUES ($1, '基准重工 Bench Heavy Industry', 'ANCHOR')`, [ANCHOR_ID]);
    await q(
      `INSERT INTO organizations (id, name, kind, credit_code)
       SELECT ${id(3, 's')}, '供应商 ' || s || ' Supplier', 'SUPPLIER', NULL FROM generate_series(1, ${S}) s`,
    );
    await q(
      `INSERT INTO partnerships (anchor_org_id, supplier_org_id, status, supplier_code, activated_at)
       SELECT $1, ${id(3, 's')}, 'ACTIVE', 'S' || s, now() FROM generate_series(1, ${S}) s`,
      [ANCHOR_ID],
    );
    await q(
      `INSERT INTO users (id, org_id, email, password_hash, display_name, roles)
       VALUES ($1, $2, 'buyer@bench.demo', $3, 'Bench buyer', '{PROCUREMENT,PLANNER}')`,
      [ANCHOR_BUYER_ID, ANCHOR_ID, passwordHash],
    );
    await q(
      `INSERT INTO users (id, org_id, email, password_hash, display_name, roles)
       SELECT ${id(4, 's')}, ${id(3, 's')}, 'sales' || s || '@bench.demo', $1, 'Sales ' || s, '{ORG_ADMIN,SUPPLIER_SALES}'
         FROM generate_series(1, ${S}) s`,
      [passwordHash],
    );
    await q(
      `INSERT INTO parts (id, anchor_org_id, part_number, description, uom, attributes)
       SELECT ${id(7, 'p')}, $1, 'BP-' || lpad(p::text, ${Math.max(5, String(P).length)}, '0'), '基准物料 ' || p || ' bench part', 'H87', '{"material":"Q235"}'
         FROM generate_series(1, ${P}) p`,
      [ANCHOR_ID],
    );
    // Part p belongs to supplier ((p - 1) % suppliers) + 1; the first supplier also maps the first 500 parts (its big forecast).
    await q(
      `INSERT INTO supplier_parts (part_id, anchor_org_id, supplier_org_id, supplier_part_number, lead_time_days)
       SELECT ${id(7, 'p')}, $1::uuid, ${id(3, supplierOf('p'))}, 'SP-' || p, 14 FROM generate_series(1, ${P}) p
       UNION ALL
       SELECT ${id(7, 'p')}, $1::uuid, $2::uuid, 'SP1-' || p, 14 FROM generate_series(1, ${size.bigForecastParts}) p WHERE (p - 1) % ${S} <> 0`,
      [ANCHOR_ID, supplierId(1)],
    );
    phase('small tables');
    // Orders: supplier by n; statuses mixed; one minute apart, newest change = highest n. Every order has the
    // same lines (quantity 10k at 100.5 + k for k = 1..5), so its total is one number, computed once.
    const status = (n: string) =>
      `CASE WHEN ${n} % 10 IN (1, 2, 3, 4, 5, 6) THEN 'PUBLISHED' WHEN ${n} % 10 IN (7, 8) THEN 'CONFIRMED' WHEN ${n} % 10 = 9 THEN 'CLOSED' ELSE 'DRAFT' END`;
    const at = (n: string) => `now() - ((${O} - ${n}) || ' minutes')::interval`;
    await q(
      `INSERT INTO purchase_orders (id, anchor_org_id, supplier_org_id, number, status, currency, total_amount, created_at, updated_at, created_by, published_at, confirmed_at)
       SELECT ${id(5, 'n')}, $1, ${id(3, supplierOf('n'))}, 'PO-B-' || lpad(n::text, ${size.numberWidth}, '0'), s.status, 'CNY', t.total,
              ${at('n')}, ${at('n')}, $2,
              CASE WHEN s.status <> 'DRAFT' THEN ${at('n')} END,
              CASE WHEN s.status IN ('CONFIRMED', 'CLOSED') THEN ${at('n')} END
         FROM (SELECT sum((k * 10)::numeric * ((100 + k)::numeric + 0.5)) AS total FROM generate_series(1, ${L}) k) t
        CROSS JOIN generate_series(1, ${O}) n
        CROSS JOIN LATERAL (SELECT ${status('n')} AS status) s`,
      [ANCHOR_ID, ANCHOR_BUYER_ID],
    );
    phase('orders');
    // Line k of order n: the supplier's parts are s, s + suppliers, s + 2 × suppliers, ... (25 of them).
    await q(
      `INSERT INTO purchase_order_lines (order_id, anchor_org_id, supplier_org_id, line_number, part_id, supplier_part_number,
                                         quantity, uom, unit_price, requested_date, original_requested_date, status,
                                         confirmed_quantity, confirmed_date, confirmed_unit_price)
       SELECT ${id(5, 'n')}, $1::uuid, ${id(3, 'o.s')}, k, ${id(7, 'p.part')}, 'SP-' || p.part,
              (k * 10)::numeric, 'H87', (100 + k)::numeric + 0.5, date '2027-01-04' + (k * 7), date '2027-01-04' + (k * 7),
              CASE WHEN o.accepted THEN 'ACCEPTED' ELSE 'PENDING' END::order_line_status,
              CASE WHEN o.accepted THEN (k * 10)::numeric END,
              CASE WHEN o.accepted THEN date '2027-01-04' + (k * 7) END,
              CASE WHEN o.accepted THEN (100 + k)::numeric + 0.5 END
         FROM generate_series(1, ${O}) n
        CROSS JOIN LATERAL (SELECT ${supplierOf('n')} AS s, n % 10 IN (7, 8, 9) AS accepted) o
        CROSS JOIN generate_series(1, ${L}) k
        CROSS JOIN LATERAL (SELECT o.s + ${S} * ((n + k) % ${P / S}) AS part) p`,
      [ANCHOR_ID],
    );
    phase('order lines');
    await q(
      `INSERT INTO order_events (order_id, anchor_org_id, supplier_org_id, type, revision, actor_user_id, at, details, supplier_visible)
       SELECT id, anchor_org_id, supplier_org_id, 'CREATED'::order_event_type, 1, $1::uuid, created_at, jsonb_build_object('number', number, 'lines', ${L}), false FROM purchase_orders
       UNION ALL
       SELECT id, anchor_org_id, supplier_org_id, 'PUBLISHED'::order_event_type, 1, $1::uuid, published_at, jsonb_build_object('number', number), true FROM purchase_orders WHERE published_at IS NOT NULL`,
      [ANCHOR_BUYER_ID],
    );
    phase('order events');
    // A 26-week forecast per supplier: its 25 parts (the first supplier: 500 parts).
    await q(
      `INSERT INTO forecasts (id, anchor_org_id, supplier_org_id, revision, status, granularity, horizon_start, bucket_count, firm_buckets, published_by)
       SELECT ${id(6, 's')}, $1, ${id(3, 's')}, 1, 'PUBLISHED', 'WEEK', date '2027-01-04', ${size.forecastWeeks}, 4, $2 FROM generate_series(1, ${S}) s`,
      [ANCHOR_ID, ANCHOR_BUYER_ID],
    );
    await q(
      `INSERT INTO forecast_buckets (forecast_id, part_id, bucket_index, anchor_org_id, supplier_org_id, period_start, quantity)
       SELECT f.id, sp.part_id, b, f.anchor_org_id, f.supplier_org_id, f.horizon_start + b * 7, (10 + b)::numeric
         FROM forecasts f
         JOIN supplier_parts sp ON sp.supplier_org_id = f.supplier_org_id
         CROSS JOIN generate_series(0, ${size.forecastWeeks - 1}) b
        WHERE f.anchor_org_id = $1`,
      [ANCHOR_ID],
    );
    phase('forecasts');

    for (const d of definitions.filter((x) => x.kind === 'constraint')) await q(d.sql);
    for (const d of definitions.filter((x) => x.kind === 'index')) await q(d.sql);
    for (const d of definitions.filter((x) => x.kind === 'foreign key')) await q(d.sql);
    const rebuilt = await bulkDefinitions(client);
    const key = (list: Definition[]) =>
      list
        .map((d) => `${d.kind} ${d.name}: ${d.sql}`)
        .sort()
        .join('\n');
    if (key(rebuilt) !== key(definitions))
      throw new Error(`the rebuilt indexes and keys differ from the migrations':\n${key(definitions)}\n---\n${key(rebuilt)}`);
    phase('indexes and keys');
    await q('COMMIT');
    // A settled database (visibility map set, as autovacuum would leave it) for the scale runs; the
    // side-by-side benchmark keeps its freshly analysed one.
    await q(options.vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE');
    phase(options.vacuum ? 'vacuum analyze' : 'analyze');
  } catch (error) {
    await q('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return { seconds: (Date.now() - started) / 1000, phases };
}

/**
 * (Re)creates `database`, migrated by the built app itself (on `port`), and
 * loads the data set at `size`; returns the load's timings.
 */
export async function createBenchDatabase(
  database: string,
  jwtSecret: string,
  port: number,
  size = benchSize(1),
  options: { vacuum?: boolean } = {},
): Promise<LoadReport> {
  await sql('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await sql('postgres', `CREATE DATABASE ${database}`);
  const migrator = await startBuilt(
    'api',
    {
      DATABASE_URL: urlFor(database),
      JWT_SECRET: jwtSecret,
      PORT: String(port),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      RUN_WORKER: 'false',
    },
    port,
  );
  await stop(migrator);
  return loadBenchData(urlFor(database), await argon2.hash('Bench-password-2026', { type: argon2.argon2id }), size, options);
}
