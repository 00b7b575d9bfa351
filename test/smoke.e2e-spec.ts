import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { codes, TestApp } from './support/test-app.js';
import { BUYER } from './support/fixtures.js';

describe('the API process', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers GET /health with the database status', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('tags every response with a request id, keeping a sane one the caller sent', async () => {
    const generated = await t.http.get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http.get('/health').set('x-request-id', 'edge-proxy-123');
    expect(kept.headers['x-request-id']).toBe('edge-proxy-123');
    const replaced = await t.http.get('/health').set('x-request-id', 'x'.repeat(200));
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves GraphQL at POST /graphql', async () => {
    const data = await t.ok(`{ me { email organization { name } } }`, {}, BUYER);
    expect(data.me).toEqual({ email: BUYER, organization: { name: '远航重工' } });
  });

  it('maps malformed operations onto BAD_USER_INPUT and refuses batches', async () => {
    expect(codes(await t.gql(`{ me { nope } }`, {}, BUYER))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(`{ me { `, {}, BUYER))).toEqual(['BAD_USER_INPUT']);
    const batch = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(batch.status).toBe(400);
  });

  // On Node 20 one entered store makes a hook run for every promise of the process from then on (a fifth of
  // a simple query's CPU): the request context travels as an argument, and no library may enter one per request.
  it('serves queries, mutations and REST calls without entering an AsyncLocalStorage store', async () => {
    const entered: string[] = [];
    const run = AsyncLocalStorage.prototype.run;
    const enterWith = AsyncLocalStorage.prototype.enterWith;
    AsyncLocalStorage.prototype.run = function (this: AsyncLocalStorage<unknown>, ...args: Parameters<typeof run>) {
      entered.push(new Error().stack ?? 'run');
      return run.apply(this, args);
    } as typeof run;
    AsyncLocalStorage.prototype.enterWith = function (this: AsyncLocalStorage<unknown>, store: unknown) {
      entered.push(new Error().stack ?? 'enterWith');
      return enterWith.call(this, store);
    };
    try {
      await t.ok(`{ me { email organization { name } } }`, {}, BUYER);
      const missing = '00000000-0000-4000-8000-000000000000';
      expect(
        codes(await t.gql(`mutation { cancelPurchaseOrder(id: "${missing}", expectedVersion: 1, reason: "x") { id } }`, {}, BUYER)),
      ).toEqual(['NOT_FOUND']);
      const csv = await t.http.get('/api/purchase-orders/export.csv').set('authorization', `Bearer ${await t.tokenFor(BUYER)}`);
      expect(csv.status).toBe(200);
    } finally {
      AsyncLocalStorage.prototype.run = run;
      AsyncLocalStorage.prototype.enterWith = enterWith;
    }
    expect(entered).toEqual([]);
  });

  it('answers expected GraphQL errors without logging them as failures', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error');
    try {
      expect(codes(await t.gql(`{ me { email } }`))).toEqual(['UNAUTHENTICATED']);
      const missing = '00000000-0000-4000-8000-000000000000';
      expect(codes(await t.gql(`{ purchaseOrder(id: "${missing}") { id } }`, {}, BUYER))).toEqual(['NOT_FOUND']);
      expect(
        codes(await t.gql(`mutation { cancelPurchaseOrder(id: "${missing}", expectedVersion: 1, reason: "x") { id } }`, {}, BUYER)),
      ).toEqual(['NOT_FOUND']);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it('refuses cross-site simple requests (CSRF prevention)', async () => {
    const res = await t.http.get('/graphql?query=%7B__typename%7D');
    expect(res.status).toBe(400);
  });
});
