/**
 * Crash safety: `kill -9` of the API in the middle of a bulk forecast publish
 * and in the middle of a burst of order mutations, then a restart, then checks
 * that nothing is half-written. Run with `npm run crash-test` (builds first).
 *
 * Creates and drops its own database on DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres). Exits 1 when an invariant fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `anchorlink_crash_${process.pid}`;
const port = 38_000 + (process.pid % 1000);
const secret = randomUUID() + randomUUID();

function urlFor(db: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${db}`;
  return url.toString();
}

async function sql<T = any>(text: string, params: unknown[] = [], db = database): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlFor(db) });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function start(): Promise<ChildProcess> {
  const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: urlFor(database),
      PORT: String(port),
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      SEED_DEMO: 'true',
      SEED_DEMO_ACTIVITY: 'false',
      LOG_LEVEL: 'fatal',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return api;
    if (i > 300 || api.exitCode !== null) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function kill9(api: ChildProcess): Promise<void> {
  api.kill('SIGKILL');
  await new Promise((r) => api.once('exit', r));
}

async function gql(token: string | null, query: string, variables: unknown = {}): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

async function login(email: string): Promise<string> {
  const body = await gql(null, `mutation { login(email: "${email}", password: "Anchorlink-Demo-2026") { accessToken } }`);
  return body.data.login.accessToken;
}

const failures: string[] = [];
function check(name: string, ok: boolean, detail = ''): void {
  console.log(`crash-safety: ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures.push(name);
}

async function forecastScenario(): Promise<void> {
  let api = await start();
  const [{ anchor, supplier }] = await sql(
    `SELECT (SELECT id FROM organizations WHERE name = '远航重工') AS anchor, (SELECT id FROM organizations WHERE name = '精工铸造') AS supplier`,
  );
  await sql(
    `INSERT INTO parts (anchor_org_id, part_number, description, uom, attributes)
     SELECT $1, 'CRASH-' || g, 'crash part', 'H87', '{"material":"Q235"}' FROM generate_series(1, 5000) g`,
    [anchor],
  );
  await sql(
    `INSERT INTO supplier_parts (part_id, anchor_org_id, supplier_org_id, supplier_part_number)
     SELECT id, $1, $2, 'S-' || part_number FROM parts WHERE part_number LIKE 'CRASH-%'`,
    [anchor, supplier],
  );
  const parts = (await sql(`SELECT id FROM parts WHERE part_number LIKE 'CRASH-%'`)).map((r) => r.id);
  const token = await login('planner@anchor.demo');
  const publish = () =>
    gql(token, `mutation($input: PublishForecastInput!) { publishForecast(input: $input) { id revision } }`, {
      input: {
        supplierId: supplier,
        granularity: 'WEEK',
        horizonStart: '2027-01-04',
        bucketCount: 52,
        firmBuckets: 4,
        lines: parts.map((partId) => ({ partId, quantities: Array(52).fill('7') })),
      },
    });
  // A complete first revision, then kill -9 while the second is being written.
  await publish();
  const pending = publish().catch(() => null);
  await new Promise((r) => setTimeout(r, 1200));
  await kill9(api);
  await pending;
  api = await start();
  const revisions = await sql(
    `SELECT f.revision, f.status, count(b.*)::int AS buckets FROM forecasts f LEFT JOIN forecast_buckets b ON b.forecast_id = f.id
      WHERE f.supplier_org_id = $1 GROUP BY f.id, f.supplier_org_id ORDER BY f.revision`,
    [supplier],
  );
  check(
    'every forecast revision is complete (260,000 buckets) or absent',
    revisions.every((r) => r.buckets === 5000 * 52),
    JSON.stringify(revisions),
  );
  check('exactly one current revision', revisions.filter((r) => r.status === 'PUBLISHED').length === 1);
  const [{ n: orphans }] = await sql(
    `SELECT count(*)::int AS n FROM forecast_buckets b WHERE NOT EXISTS (SELECT 1 FROM forecasts f WHERE f.id = b.forecast_id)`,
  );
  check('no buckets without their forecast', orphans === 0);
  const audits = await sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'forecast.published'`);
  check('one audit row per stored revision', audits[0].n === revisions.length, `${audits[0].n} audit rows, ${revisions.length} revisions`);
  // Publishing works again after the restart.
  const again = await publish();
  check('publishing works after the restart', Boolean(again.data?.publishForecast), JSON.stringify(again.errors ?? ''));
  await kill9(api);
}

async function orderScenario(): Promise<void> {
  let api = await start();
  const [{ supplier }] = await sql(`SELECT id AS supplier FROM organizations WHERE name = '精工铸造'`);
  const part = (await sql(`SELECT id FROM parts WHERE part_number = 'YH-CST-1001'`))[0].id;
  const buyer = await login('buyer@anchor.demo');
  const sales = await login('sales@castings.demo');
  const flow = async (i: number) => {
    const created = await gql(buyer, `mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id version } }`, {
      input: {
        supplierId: supplier,
        currency: 'CNY',
        idempotencyKey: `crash-${i}`,
        lines: [
          { partId: part, quantity: '3', unitPrice: '10.5', requestedDate: '2027-01-15' },
          { partId: part, quantity: '1', unitPrice: '2', requestedDate: '2027-01-20' },
        ],
      },
    });
    const order = created.data?.createPurchaseOrder;
    if (!order) return;
    const published = await gql(buyer, `mutation($id: ID!, $v: Int!) { publishPurchaseOrder(id: $id, expectedVersion: $v) { version } }`, {
      id: order.id,
      v: order.version,
    });
    if (!published.data) return;
    await gql(sales, `mutation($id: ID!, $v: Int!) { confirmPurchaseOrder(id: $id, expectedVersion: $v) { version } }`, {
      id: order.id,
      v: published.data.publishPurchaseOrder.version,
    });
  };
  const burst = Promise.allSettled(Array.from({ length: 60 }, (_, i) => flow(i)));
  await new Promise((r) => setTimeout(r, 700));
  await kill9(api);
  await burst;
  api = await start();
  const orders = await sql(
    `SELECT o.id, o.status, o.total_amount, o.version,
            (SELECT count(*) FROM purchase_order_lines l WHERE l.order_id = o.id)::int AS lines,
            (SELECT COALESCE(sum(l.quantity * l.unit_price), 0) FROM purchase_order_lines l WHERE l.order_id = o.id AND l.status <> 'CANCELLED') AS computed,
            (SELECT count(*) FROM order_events e WHERE e.order_id = o.id)::int AS events,
            (SELECT count(*) FROM audit_events a WHERE a.entity_id = o.id)::int AS audits,
            (SELECT count(*) FROM purchase_order_lines l WHERE l.order_id = o.id AND l.status = 'ACCEPTED')::int AS accepted
       FROM purchase_orders o`,
  );
  console.log(
    `crash-safety: ${orders.length} orders survived the crash (${orders.filter((o) => o.status === 'CONFIRMED').length} confirmed)`,
  );
  check(
    'every order has both its lines',
    orders.every((o) => o.lines === 2),
  );
  check(
    'every total matches its lines',
    orders.every((o) => Number(o.total_amount) === Number(o.computed)),
  );
  check(
    'every change has its order event and its audit row',
    orders.every((o) => o.events >= 1 && o.events === o.audits),
  );
  check(
    'status and lines agree',
    orders.every((o) => (o.status === 'CONFIRMED') === (o.accepted === 2)),
  );
  const [{ n: dangling }] = await sql(`SELECT count(*)::int AS n FROM idempotency_keys WHERE result_id IS NULL`);
  check('no idempotency key without its result', dangling === 0);
  // A retry of every flow with the same keys creates nothing twice.
  await Promise.allSettled(Array.from({ length: 60 }, (_, i) => flow(i)));
  const [{ n: after }] = await sql(`SELECT count(*)::int AS n FROM purchase_orders`);
  check('retries after the crash create each order once', after === 60, `${after} orders`);
  await kill9(api);
}

async function main(): Promise<void> {
  await sql(`CREATE DATABASE "${database}"`, [], new URL(serverUrl).pathname.slice(1) || 'postgres');
  try {
    await forecastScenario();
    await orderScenario();
  } finally {
    await sql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`, [], new URL(serverUrl).pathname.slice(1) || 'postgres');
  }
  console.log(failures.length ? `crash-safety: ${failures.length} invariant(s) broken` : 'crash-safety: all invariants hold');
  process.exit(failures.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
