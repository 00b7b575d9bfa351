/**
 * Two API processes behind one database and one Redis: a GraphQL
 * subscriber connected to instance B hears the events of an order changed
 * through instance A (whose in-process worker takes them from the outbox).
 * Run with `npm run check:instances` (builds first). Needs PostgreSQL and
 * Redis (REDIS_URL, default redis://127.0.0.1:6379). Exits 1 on failure.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { gql, login as signIn, sql, startBuilt, stop, urlFor } from './support.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const database = `anchorlink_instances_${process.pid}`;
const portA = 40_000 + (process.pid % 1000);
const portB = portA + 1000;
const secret = randomUUID() + randomUUID();

const admin = (text: string) => sql('postgres', text);

function start(port: number, runWorker: boolean): Promise<ChildProcess> {
  const env = {
    DATABASE_URL: urlFor(database),
    REDIS_URL: redisUrl,
    PORT: String(port),
    JWT_SECRET: secret,
    SEED_DEMO: 'true',
    SEED_DEMO_ACTIVITY: 'false',
    LOG_LEVEL: 'fatal',
    RUN_WORKER: String(runWorker),
  };
  return startBuilt('api', env, port);
}

async function main(): Promise<void> {
  await admin(`CREATE DATABASE ${database}`);
  // A first, alone: it migrates and seeds; then B joins without a worker.
  const a = await start(portA, true);
  const b = await start(portB, false);
  let ok = false;
  try {
    const login = (email: string) => signIn(portA, email);
    const supplier = await login('sales@castings.demo');
    const buyer = await login('buyer@anchor.demo');
    const received: string[] = [];
    const client = createClient({ url: `ws://127.0.0.1:${portB}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${supplier}` } });
    client.subscribe({ query: 'subscription { orderEvents { type purchaseOrderId } }' }, {
      next: (value) => received.push((value.data as any)?.orderEvents?.type),
      error: (error) => console.error(error),
      complete: () => undefined,
    });
    await new Promise((r) => setTimeout(r, 500));

    const castings = (await gql(portA, buyer, `{ partnerships { supplier { id name } } }`)).partnerships.find((p: any) => p.supplier.name === '精工铸造');
    const part = (await gql(portA, buyer, `{ parts(search: "YH-CST-1001") { nodes { id } } }`)).parts.nodes[0];
    const draft = (
      await gql(portA, buyer, `mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id version } }`, {
        input: { supplierId: castings.supplier.id, currency: 'CNY', lines: [{ partId: part.id, quantity: '2', unitPrice: '10', requestedDate: '2026-12-15' }] },
      })
    ).createPurchaseOrder;
    await gql(portA, buyer, `mutation($id: ID!, $v: Int!) { publishPurchaseOrder(id: $id, expectedVersion: $v) { id } }`, { id: draft.id, v: draft.version });
    for (let i = 0; i < 100 && received.length < 1; i++) await new Promise((r) => setTimeout(r, 100));
    await client.dispose();
    ok = received.includes('PUBLISHED');
    console.log(`two-instances: ${ok ? 'ok  ' : 'FAIL'} a subscriber on instance B heard ${JSON.stringify(received)} for an order published through instance A`);
  } finally {
    await stop(b);
    await stop(a);
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
  if (!ok) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
