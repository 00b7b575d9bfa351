import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Response } from 'supertest';
import { DEMO_PASSWORD } from '@anchorlink/demo-data';
import { TestApp } from './support/test-app.js';
import { BUYER } from './support/fixtures.js';

const ORIGIN = 'https://portal.anchorlink.example';

interface ExpressLayer {
  name: string;
  handle: unknown;
  route?: unknown;
  match(path: string): boolean;
}

/** Response headers that differ between any two answers whatever the route. */
const VARYING = new Set(['date', 'x-request-id', 'connection', 'keep-alive', 'content-length']);

function headerNames(res: Response): string[] {
  return Object.keys(res.headers)
    .map((name) => name.toLowerCase())
    .filter((name) => !VARYING.has(name))
    .sort();
}

/**
 * Signs in through `path` with an X-Forwarded-For header and returns the client address the sign-in's
 * audit event recorded: the address the request context was given.
 */
async function signedInFrom(t: TestApp, path: string, forwardedFor: string): Promise<string | undefined> {
  const login = JSON.stringify({ query: `mutation { login(email: "${BUYER}", password: "${DEMO_PASSWORD}") { accessToken } }` });
  const res = await t.http.post(path).set('content-type', 'application/json').set('x-forwarded-for', forwardedFor).send(login);
  expect(res.body.errors).toBeUndefined();
  const [event] = await t.sql<{ ip: string }>(`SELECT details->>'ip' AS ip FROM audit_events WHERE request_id = $1 AND action = 'session.signed_in'`, [
    res.headers['x-request-id'],
  ]);
  return event?.ip;
}

describe('GraphQL over HTTP: the direct route and the Express route', () => {
  let t: TestApp;
  let expressHandle: ReturnType<typeof jest.spyOn>;
  beforeAll(async () => {
    t = await TestApp.start({ trustProxy: 1, corsOrigins: [ORIGIN] });
    expressHandle = jest.spyOn(t.app.getHttpAdapter().getInstance() as unknown as { handle: () => void }, 'handle');
  });
  afterAll(async () => {
    expressHandle?.mockRestore();
    await t?.close();
  });

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    let req = t.http.post(path).set('content-type', 'application/json').set('origin', ORIGIN);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return req.send(body);
  };

  it('answers an ordinary JSON POST without Express, exactly as Express answers the same request', async () => {
    const body = JSON.stringify({ query: '{ me { email organization { name } } }' });
    const auth = { authorization: `Bearer ${await t.tokenFor(BUYER)}` };
    expressHandle.mockClear();
    const direct = await post('/graphql', body, auth);
    expect(expressHandle).not.toHaveBeenCalled();
    // Another spelling of the path is Express's (case-insensitive, trailing slash allowed).
    const viaExpress = await post('/graphql/', body, auth);
    expect(expressHandle).toHaveBeenCalledTimes(1);

    expect(direct.status).toBe(200);
    expect(direct.body).toEqual(viaExpress.body);
    expect(direct.body.data.me.email).toBe(BUYER);
    expect(headerNames(direct)).toEqual(headerNames(viaExpress));
    // The access log's id, helmet's headers and CORS, as on every other route.
    expect(direct.headers['x-request-id']).toMatch(/^[\w-]{36}$/);
    expect(direct.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(direct.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('skips nothing of the Express route but what it does itself', () => {
    // What Express runs for POST /graphql, in order: NestJS's request and response hooks (none are set: bootstrap.ts
    // checks), then the three the direct route runs itself (its `before`), the JSON body parser (whose work it
    // does), and Apollo Server's Express integration after NestJS's `req.body` default. A layer added here
    // would be skipped by the direct route: add it to `before` in bootstrap.ts too.
    const router = (t.app.getHttpAdapter().getInstance() as unknown as { router: { stack: ExpressLayer[] } }).router;
    const layers = router.stack.filter((layer) => !layer.route && layer.match('/graphql'));
    // Apollo Server's Express integration answers every request it gets: nothing after it runs.
    const apollo = layers.findIndex((layer) => String(layer.handle).includes('executeHTTPGraphQLRequest'));
    expect(apollo).toBeGreaterThan(0);
    const names = layers.slice(0, apollo + 1).map((layer) => layer.name);
    expect(names).toEqual(['<anonymous>', 'logAccess', 'setSecurityHeaders', 'corsMiddleware', 'jsonParser', 'graphqlBodyErrors', '<anonymous>', '<anonymous>']);
  });

  it('answers a body that is not a JSON object with the same BAD_USER_INPUT on both routes', async () => {
    for (const body of ['{"query":', '"just a string"']) {
      const direct = await post('/graphql', body);
      const viaExpress = await post('/GraphQL', body);
      for (const res of [direct, viaExpress]) {
        expect(res.status).toBe(400);
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
        expect(res.body.errors[0].message).toMatch(/^The request body is not a JSON object/);
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    }
  });

  it('leaves a body in another charset to Express, which refuses it as before', async () => {
    expressHandle.mockClear();
    const latin1 = await post('/graphql', '{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expect(latin1.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(latin1.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(expressHandle).toHaveBeenCalledTimes(1);
  });

  it('works out the client address as Express does behind the configured proxy', async () => {
    // One trusted proxy: the address it says it forwarded for, the last in the list; earlier ones are the client's say.
    expect(await signedInFrom(t, '/graphql', '198.51.100.7')).toBe('198.51.100.7');
    expect(await signedInFrom(t, '/graphql', '203.0.113.1, 198.51.100.8')).toBe('198.51.100.8');
    expect(await signedInFrom(t, '/graphql/', '203.0.113.1, 198.51.100.8')).toBe('198.51.100.8');
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

  it('ignores X-Forwarded-For on both routes: the address is the connection’s', async () => {
    const direct = await signedInFrom(t, '/graphql', '198.51.100.7');
    expect(direct).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    expect(await signedInFrom(t, '/graphql/', '198.51.100.7')).toBe(direct);
  });
});
