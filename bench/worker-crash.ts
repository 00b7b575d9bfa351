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
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { gql as call, login as signIn, sql as query, startBuilt, stop, urlFor } from './support.js';

const database = `anchorlink_worker_crash_${process.pid}`;
const port = 39_000 + (process.pid % 1000);
const ORDERS = 40;
const sql = <T = any>(text: string, params: unknown[] = [], db = database) => query<T>(db, text, params);
const gql = (token: string | null, text: string, variables: unknown = {}) => call(port, token, text, variables);
const login = (email: string) => signIn(port, email);

const env = {
  DATABASE_URL: '',
  PORT: String(port),
  NODE_ENV: 'development',
  JWT_SECRET: randomUUID() + randomUUID(),
  SEED_DEMO: 'true',
  SEED_DEMO_ACTIVITY: 'false',
  LOG_LEVEL: 'fatal',
  WORKER_POLL_INTERVAL_MS: '500',
};

const startApi = () => startBuilt('api', { ...env, RUN_WORKER: 'false' }, port);
const startWorker = () => startBuilt('worker', env);
const kill9 = (child: ChildProcess) => stop(child, 'SIGKILL');

const failures: string[] = [];
function check(name: string, ok: boolean, detail = ''): void {
  console.log(`worker-crash: ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures.push(name);
}

async function main(): Promise<void> {
  await sql(`CREATE DATABASE ${database}`, [], 'postgres');
  env.DATABASE_URL = urlFor(database);
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
          input: {
            supplierId: supplier,
            currency: 'CNY',
            lines: [{ partId: part, quantity: '1', unitPrice: '1', requestedDate: '2026-12-15' }],
          },
        })
      ).createPurchaseOrder;
      await gql(buyer, `mutation($id: ID!, $v: Int!) { publishPurchaseOrder(id: $id, expectedVersion: $v) { id } }`, {
        id: draft.id,
        v: draft.version,
      });
    }
    console.log(`worker-crash: ${ORDERS} orders published while no worker ran; starting the worker`);

    worker = await startWorker();
    for (let i = 0; received.size < ORDERS / 4; i++) {
      if (i > 600) throw new Error('the worker delivered nothing');
      await new Promise((r) => setTimeout(r, 50));
    }
    await kill9(worker);
    const atKill = received.size;
    console.log(
      `worker-crash: kill -9 after ${atKill} deliveries; restarting (a job of the dead worker is retried once it expires, ~90 s)`,
    );
    worker = await startWorker();
    const started = Date.now();
    while (received.size < ORDERS && Date.now() - started < 300_000) await new Promise((r) => setTimeout(r, 250));
    console.log(`worker-crash: all delivered ${Math.round((Date.now() - started) / 1000)} s after the restart`);

    const events = await sql<{ id: string }>(`SELECT id FROM outbox_events WHERE type = 'order.published'`);
    check(
      'every event reached the receiver',
      events.every((e) => received.has(e.id)),
      `${received.size}/${events.length}`,
    );
    const twice = [...received.values()].filter((n) => n > 1).length;
    check('at most the in-flight delivery arrived twice', twice <= 1, `${twice} duplicated`);
    const rows = await sql<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM webhook_deliveries GROUP BY status`,
    );
    check(
      'the database recorded each delivery once, all DELIVERED',
      rows.length === 1 && rows[0].status === 'DELIVERED' && rows[0].n === events.length,
      JSON.stringify(rows),
    );
    const [{ n: undispatched }] = await sql(`SELECT count(*)::int AS n FROM outbox_events WHERE dispatched_at IS NULL`);
    check('every outbox event was dispatched', undispatched === 0, `${undispatched} left`);
  } finally {
    if (worker) await kill9(worker);
    await stop(api);
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
