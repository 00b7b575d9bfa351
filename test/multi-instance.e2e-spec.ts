import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { codes, TestApp } from './support/test-app.js';
import { BUYER, CASTINGS, ORG } from './support/fixtures.js';
import { castingsLines, CONFIRM, CREATE_ORDER, createOrder, PUBLISH_ORDER } from './support/orders.js';
import { subscribeToOrderEvents } from './support/subscriptions.js';

const REDIS_URL = process.env.ANCHORLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Several API instances behind a load balancer: events committed through one
 * reach GraphQL subscribers connected to another, through Redis pub/sub.
 */
describe('several API instances', () => {
  let a: TestApp;
  let b: TestApp;
  let lonely: TestApp;
  const clients: Client[] = [];

  beforeAll(async () => {
    // A runs the worker; B is an API instance only; `lonely` has no Redis, so nothing reaches it.
    a = await TestApp.start({ redisUrl: REDIS_URL, runWorker: true, workerPollIntervalMs: 500, trustProxy: 1 });
    b = await TestApp.startBeside(a, { redisUrl: REDIS_URL, runWorker: false, trustProxy: 1 });
    lonely = await TestApp.startBeside(a, { runWorker: false });
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await lonely?.close();
    await b?.close();
    await a?.close();
  });

  const subscribe = (app: TestApp, email: string) => subscribeToOrderEvents(app, email, clients, 'type purchaseOrderId actor { email }');

  it('delivers events committed on one instance to subscribers on another, through Redis', async () => {
    const tap = new Redis(REDIS_URL);
    const onTheWire: string[] = [];
    await tap.psubscribe('anchorlink:events:*');
    tap.on('pmessage', (_pattern, _channel, message: string) => onTheWire.push(JSON.parse(message).type));
    try {
      const onB = await subscribe(b, CASTINGS);
      const onLonely = await subscribe(lonely, CASTINGS);
      const draft = await createOrder(a);
      const published = (await a.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
      await a.ok(CONFIRM, { id: published.id, v: published.version }, CASTINGS);
      for (let i = 0; i < 100 && onB.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
      expect(onB.map((e) => e.type)).toEqual(['PUBLISHED', 'RESPONDED', 'CONFIRMED']);
      expect(onB.every((e) => e.purchaseOrderId === draft.id)).toBe(true);
      expect(onB[0].actor.email).toBe(BUYER);
      expect(onTheWire).toEqual(expect.arrayContaining(['order.created', 'order.published', 'order.confirmed']));
      // Without Redis an API instance that does not run the worker hears nothing.
      expect(onLonely).toEqual([]);
    } finally {
      await tap.quit();
    }
  });

  it('counts failed sign-ins across instances (throttling in Redis)', async () => {
    const email = `ghost-${Date.now()}@throttle.demo`;
    const LOGIN = `mutation($e: String!) { login(email: $e, password: "Wrong-password-1") { accessToken } }`;
    for (let i = 0; i < 10; i++) {
      const instance = i % 2 === 0 ? a : b;
      expect(codes(await instance.gql(LOGIN, { e: email }, undefined, { 'x-forwarded-for': `10.1.0.${i}` }))).toEqual(['UNAUTHENTICATED']);
    }
    // The eleventh attempt is refused whichever instance it reaches.
    expect(codes(await a.gql(LOGIN, { e: email }, undefined, { 'x-forwarded-for': '10.1.1.1' }))).toEqual(['RATE_LIMITED']);
    expect(codes(await b.gql(LOGIN, { e: email }, undefined, { 'x-forwarded-for': '10.1.1.2' }))).toEqual(['RATE_LIMITED']);
  });

  it('answers an idempotent retry sent to another instance with the first result', async () => {
    const key = `retry-${Date.now()}`;
    const input = { supplierId: ORG.castings, currency: 'CNY', lines: castingsLines(), idempotencyKey: key };
    const first = (await a.ok(CREATE_ORDER, { input }, BUYER)).createPurchaseOrder;
    const retried = (await b.ok(CREATE_ORDER, { input }, BUYER)).createPurchaseOrder;
    expect(retried.id).toBe(first.id);
    expect(retried.number).toBe(first.number);
    const [{ n }] = await a.sql(`SELECT count(*)::int AS n FROM purchase_orders WHERE id = $1`, [first.id]);
    expect(n).toBe(1);
    const [{ orders }] = await a.sql(`SELECT count(*)::int AS orders FROM idempotency_keys WHERE key = $1`, [key]);
    expect(orders).toBe(1);
  });
});
