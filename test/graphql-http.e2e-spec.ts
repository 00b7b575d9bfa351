import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '@anchorlink/demo-data';
import { TestApp } from './support/test-app.js';
import { BUYER } from './support/fixtures.js';

const ORIGIN = 'https://portal.anchorlink.example';

/**
 * Signs in through `path` with an X-Forwarded-For header and returns the client address the sign-in's
 * audit event recorded: the address the request context was given.
 */
async function signedInFrom(t: TestApp, path: string, forwardedFor: string): Promise<string | undefined> {
  const login = JSON.stringify({ query: `mutation { login(email: "${BUYER}", password: "${DEMO_PASSWORD}") { accessToken } }` });
  const res = await t.http.post(path).set('content-type', 'application/json').set('x-forwarded-for', forwardedFor).send(login);
  expect(res.body.errors).toBeUndefined();
  const [event] = await t.sql<{ ip: string }>(
    `SELECT details->>'ip' AS ip FROM audit_events WHERE request_id = $1 AND action = 'session.signed_in'`,
    [res.headers['x-request-id']],
  );
  return event?.ip;
}

describe('GraphQL over HTTP: the same pipeline as every route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ trustProxy: 1, corsOrigins: [ORIGIN] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    let req = t.http.post(path).set('content-type', 'application/json').set('origin', ORIGIN);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return req.send(body);
  };

  it("answers a JSON POST with the access log's id, the security headers and CORS, as any other route", async () => {
    const body = JSON.stringify({ query: '{ me { email organization { name } } }' });
    const res = await post('/graphql', body, { authorization: `Bearer ${await t.tokenFor(BUYER)}` });
    expect(res.status).toBe(200);
    expect(res.body.data.me.email).toBe(BUYER);
    expect(res.headers['x-request-id']).toMatch(/^[\w-]{36}$/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['x-powered-by']).toBeUndefined();
    // The same headers on a REST route and on the health probe.
    for (const other of [await t.http.get('/api/purchase-orders/export.csv'), await t.http.get('/health')]) {
      expect(other.headers['x-request-id']).toMatch(/^[\w-]{36}$/);
      expect(other.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('answers a body that is not a JSON object with BAD_USER_INPUT and 400', async () => {
    for (const body of ['{"query":', '"just a string"']) {
      for (const path of ['/graphql', '/GraphQL']) {
        const res = await post(path, body);
        expect(res.status).toBe(400);
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
        expect(res.body.errors[0].message).toMatch(/^The request body is not a JSON object/);
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    }
  });

  it('refuses a body in another charset with 415', async () => {
    const latin1 = await post('/graphql', '{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expect(latin1.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(latin1.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('takes the client address from the configured proxy', async () => {
    // One trusted proxy: the address it says it forwarded for, the last in the list; earlier ones are the client's say.
    expect(await signedInFrom(t, '/graphql', '198.51.100.7')).toBe('198.51.100.7');
    expect(await signedInFrom(t, '/graphql', '203.0.113.1, 198.51.100.8')).toBe('198.51.100.8');
  });
});

describe('GraphQL over HTTP with no proxy trusted (TRUST_PROXY unset)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ignores X-Forwarded-For: the address is the connection’s', async () => {
    expect(await signedInFrom(t, '/graphql', '198.51.100.7')).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });
});
