/**
 * Worker crash safety: `kill -9` of a separate outbox worker (apps/worker)
 * while it delivers webhooks, then a restart; checks that every event reached
 * the receiver, that the database recorded each delivery exactly once, and
 * that the receiver saw at most the one delivery that was in flight twice
 * (at-least-once: it deduplicates by Anchorlink-Event-Id).
 * Run with `npm run crash-test:worker` (builds first).
 *
 * Creates and drops its own database on DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres). Exits 1 when an invariant fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `anchorlink_worker_crash_${process.pid}`;
const port = 39_000 + (process.pid % 1000);
const secret = randomUUID() + randomUUID();
const ORDERS = 40;

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

const env = {
  ...process.env,
  DATABASE_URL: urlFor(database),
  PORT: String(port),
  NODE_ENV: 'development',
  JWT_SECRET: secret,
  SEED_DEMO: 'true',
  SEED_DEMO_ACTIVITY: 'false',
  LOG_LEVEL: 'fatal',
  WORKER_POLL_INTERVAL_MS: '500',
};

async function startApi(): Promise<ChildProcess> {
  const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env: { ...env, RUN_WORKER: 'false' }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; ; i++) {
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok).catch(() => false)) return api;
    if (i > 300 || api.exitCode !== null) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['dist/apps/worker/src/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function kill9(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

async function gql(token: string | null, query: string, variables: unknown = {}): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function login(email: string): Promise<string> {
  return (await gql(null, `mutation { login(email: "${email}", password: "Anchorlink-Demo-2026") { accessToken } }`)).login.accessToken;
}

const failures: string[] = [];
function check(name: string, ok: boolean, detail = ''): void {
  console.log(`worker-crash: ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures.push(name);
}

async function main(): Promise<void> {
  await sql(`CREATE DATABASE ${database}`, [], 'postgres');
  // The receiver: answers after 40 ms, counts what it got per event id.
  const received = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['anchorlink-event-id']);
      setTimeout(() => {
        received.set(id, (received.get(id) ?? 0) + 1);
        res.statusCode = 204;
        res.end();
      }, 40);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverPort = (receiver.address() as { port: number }).port;

  const api = await startApi();
  let worker: ChildProcess | null = null;
  try {
    const admin = await login('sales@castings.demo');
    await gql(admin, `mutation($url: String!) { createWebhookSubscription(url: $url, events: ["order.published"]) { secret } }`, {
      url: `http://127.0.0.1:${receiverPort}/erp`,
    });
    const buyer = await login('buyer@anchor.demo');
    const [{ supplier, part }] = await sql(
      `SELECT (SELECT id FROM organizations WHERE name = '精工铸造') AS supplier, (SELECT id FROM parts WHERE part_number = 'YH-CST-1001') AS part`,
    );
    for (let i = 0; i < ORDERS; i++) {
      const draft = (
        await gql(buyer, `mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id version } }`, {
          input: { supplierId: supplier, currency: 'CNY', lines: [{ partId: part, quantity: '1', unitPrice: '1', requestedDate: '2026-12-15' }] },
        })
      ).createPurchaseOrder;
      await gql(buyer, `mutation($id: ID!, $v: Int!) { publishPurchaseOrder(id: $id, expectedVersion: $v) { id } }`, { id: draft.id, v: draft.version });
    }
    console.log(`worker-crash: ${ORDERS} orders published while no worker ran; starting the worker`);

    worker = startWorker();
    for (let i = 0; received.size < ORDERS / 4; i++) {
      if (i > 600) throw new Error('the worker delivered nothing');
      await new Promise((r) => setTimeout(r, 50));
    }
    await kill9(worker);
    const atKill = received.size;
    console.log(`worker-crash: kill -9 after ${atKill} deliveries; restarting (a job of the dead worker is retried once it expires, ~90 s)`);
    worker = startWorker();
    const started = Date.now();
    while (received.size < ORDERS && Date.now() - started < 300_000) await new Promise((r) => setTimeout(r, 250));
    console.log(`worker-crash: all delivered ${Math.round((Date.now() - started) / 1000)} s after the restart`);

    const events = await sql<{ id: string }>(`SELECT id FROM outbox_events WHERE type = 'order.published'`);
    check('every event reached the receiver', events.every((e) => received.has(e.id)), `${received.size}/${events.length}`);
    const twice = [...received.values()].filter((n) => n > 1).length;
    check('at most the in-flight delivery arrived twice', twice <= 1, `${twice} duplicated`);
    const rows = await sql<{ status: string; n: number }>(`SELECT status::text, count(*)::int AS n FROM webhook_deliveries GROUP BY status`);
    check('the database recorded each delivery once, all DELIVERED', rows.length === 1 && rows[0]!.status === 'DELIVERED' && rows[0]!.n === events.length, JSON.stringify(rows));
    const [{ n: undispatched }] = await sql(`SELECT count(*)::int AS n FROM outbox_events WHERE dispatched_at IS NULL`);
    check('every outbox event was dispatched', undispatched === 0, `${undispatched} left`);
  } finally {
    if (worker && worker.exitCode === null) await kill9(worker);
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    receiver.close();
    await sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, [], 'postgres');
  }
  if (failures.length) {
    console.error(`worker-crash: ${failures.length} invariant(s) failed`);
    process.exit(1);
  }
  console.log('worker-crash: all invariants hold');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
