import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
    const batch = await t.http.post('/graphql').set('content-type', 'application/json').send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(batch.status).toBe(400);
  });

  it('refuses cross-site simple requests (CSRF prevention)', async () => {
    const res = await t.http.get('/graphql?query=%7B__typename%7D');
    expect(res.status).toBe(400);
  });
});
