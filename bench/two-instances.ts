/**
 * Two API processes behind one database and one Redis: a GraphQL
 * subscriber connected to instance B hears the events of an order changed
 * through instance A (whose in-process worker takes them from the outbox);
 * failed sign-ins count across both; an idempotent retry sent to B returns
 * what A created.
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
  let ok: boolean;
  try {
    const login = (email: string) => signIn(portA, email);
    const supplier = await login('sales@castings.demo');
    const buyer = await login('buyer@anchor.demo');
    const received: string[] = [];
    const client = createClient({
      url: `ws://127.0.0.1:${portB}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${supplier}` },
    });
    client.subscribe(
      { query: 'subscription { orderEvents { type purchaseOrderId } }' },
      {
        next: (value) => received.push((value.data as any)?.orderEvents?.type),
        error: (error) => console.error(error),
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 500));

    const castings = (await gql(portA, buyer, `{ partnerships { supplier { id name } } }`)).partnerships.find(
      (p: any) => p.supplier.name === '精工铸造',
    );
    const part = (await gql(portA, buyer, `{ parts(search: "YH-CST-1001") { nodes { id } } }`)).parts.nodes[0];
    const draft = (
      await gql(portA, buyer, `mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id version } }`, {
        input: {
          supplierId: castings.supplier.id,
          currency: 'CNY',
          lines: [{ partId: part.id, quantity: '2', unitPrice: '10', requestedDate: '2026-12-15' }],
        },
      })
    ).createPurchaseOrder;
    await gql(portA, buyer, `mutation($id: ID!, $v: Int!) { publishPurchaseOrder(id: $id, expectedVersion: $v) { id } }`, {
      id: draft.id,
      v: draft.version,
    });
    for (let i = 0; i < 100 && received.length < 1; i++) await new Promise((r) => setTimeout(r, 100));
    await client.dispose();
    const heard = received.includes('PUBLISHED');
    console.log(
      `two-instances: ${heard ? 'ok  ' : 'FAIL'} a subscriber on instance B heard ${JSON.stringify(received)} for an order published through instance A`,
    );

    // Throttling counts across both: ten failures alternating between A and B lock the account on both.
    const ghost = `ghost-${process.pid}@throttle.demo`;
    const attempt = async (port: number) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `mutation { login(email: "${ghost}", password: "Wrong-password-1") { accessToken } }` }),
      });
      return ((await res.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code;
    };
    for (let i = 0; i < 10; i++) await attempt(i % 2 ? portB : portA);
    const lockedA = await attempt(portA);
    const lockedB = await attempt(portB);
    const throttled = lockedA === 'RATE_LIMITED' && lockedB === 'RATE_LIMITED';
    console.log(
      `two-instances: ${throttled ? 'ok  ' : 'FAIL'} after 10 failed sign-ins spread over A and B, A says ${lockedA} and B says ${lockedB}`,
    );

    // An idempotent retry sent to the other instance returns the first result.
    const input = {
      supplierId: castings.supplier.id,
      currency: 'CNY',
      idempotencyKey: `retry-${process.pid}`,
      lines: [{ partId: part.id, quantity: '1', unitPrice: '1', requestedDate: '2026-12-15' }],
    };
    const CREATE = `mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id } }`;
    const first = (await gql(portA, buyer, CREATE, { input })).createPurchaseOrder.id;
    const retry = (await gql(portB, buyer, CREATE, { input })).createPurchaseOrder.id;
    const idempotent = first === retry;
    console.log(
      `two-instances: ${idempotent ? 'ok  ' : 'FAIL'} the retry on B returned ${idempotent ? 'the order created on A' : `another order (${retry} ≠ ${first})`}`,
    );
    ok = heard && throttled && idempotent;
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
