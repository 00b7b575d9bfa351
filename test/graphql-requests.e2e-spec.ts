import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { BUYER } from './support/fixtures.js';
import { TestApp } from './support/test-app.js';

/** Malformed GraphQL requests: the caller's fault, answered as such (4xx, BAD_USER_INPUT), never as a server failure. */

/**
 * Two spellings of the content type: the plain one (which the direct GraphQL route took while it
 * existed) and one with a parameter, which always went through Express and Apollo's Express integration.
 */
const CONTENT_TYPES = ['application/json', 'application/json; profile=requests'];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Mistakes graphql-js answers with a suggestion ("Did you mean …?"): field, enum value, argument, input field, type. */
const HTTP_TYPOS: { query: string; variables?: Record<string, unknown> }[] = [
  { query: '{ me { emial } }' },
  { query: '{ purchaseOrders(filter: { status: [PUBLISHD] }) { totalCount } }' },
  { query: 'query($s: [PurchaseOrderStatus!]) { purchaseOrders(filter: { status: $s }) { totalCount } }', variables: { s: ['PUBLISHD'] } },
  { query: '{ purchaseOrders(filtr: {}) { totalCount } }' },
  { query: '{ purchaseOrders(filter: { stauts: [DRAFT] }) { totalCount } }' },
  { query: 'query($f: PurchaseOrderFilter) { purchaseOrders(filter: $f) { totalCount } }', variables: { f: { stauts: ['DRAFT'] } } },
  { query: 'query($f: PurchaseOrderFiltr) { purchaseOrders(filter: $f) { totalCount } }' },
];
const WS_TYPOS = [
  'subscription { orderEvents { tpye } }',
  'subscription { orderEvents { ... on OrderEvnt { type } } }',
  'subscription { orderEvents { type @include(iff: true) } }',
];

/** The error messages each document gets: over HTTP (both content types), then over graphql-ws as `token`'s. */
async function typoMessages(t: TestApp, token: string): Promise<string[][]> {
  const answers: string[][] = [];
  for (const contentType of CONTENT_TYPES) {
    for (const body of HTTP_TYPOS) {
      const res = await t.http.post('/graphql').set('content-type', contentType).send(body);
      expect({ body, status: res.status, codes: [...new Set(res.body.errors?.map((e: any) => e.extensions.code))] }).toEqual({
        body,
        status: 400,
        codes: ['BAD_USER_INPUT'],
      });
      answers.push(res.body.errors.map((e: any) => e.message));
    }
  }
  const client = createClient({
    url: `ws://127.0.0.1:${await t.listen()}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  try {
    for (const query of WS_TYPOS) {
      const errors = await new Promise<any[]>((resolve) =>
        client.subscribe({ query }, { next: () => resolve([]), error: (e) => resolve(e as any[]), complete: () => undefined }),
      );
      expect({ query, codes: [...new Set(errors.map((e) => e.extensions?.code))] }).toEqual({ query, codes: ['BAD_USER_INPUT'] });
      answers.push(errors.map((e) => e.message));
    }
  } finally {
    await client.dispose();
  }
  return answers;
}

/** What the API logged above info level while `work` ran: NestJS loggers (ours, through nestjs-pino) and the console (Apollo's and graphql-ws's own logger). */
async function loggedDuring(work: () => Promise<void>): Promise<{ level: string; args: unknown[] }[]> {
  const spies = [
    ...(['error', 'warn', 'fatal'] as const).map((level) => ({ level, spy: jest.spyOn(Logger.prototype, level) })),
    ...(['error', 'warn'] as const).map((level) => ({
      level: `console.${level}`,
      spy: jest.spyOn(console, level).mockImplementation(() => undefined),
    })),
  ];
  try {
    await work();
    return spies.flatMap(({ level, spy }) => spy.mock.calls.map((args) => ({ level, args })));
  } finally {
    for (const { spy } of spies) spy.mockRestore();
  }
}

describe('malformed GraphQL requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe.each(CONTENT_TYPES)('automatic persisted queries (%s)', (contentType) => {
    const post = (body: object) => t.http.post('/graphql').set('content-type', contentType).send(body);

    it('refuse a wrong hash or version with 400 BAD_USER_INPUT', async () => {
      const query = '{ __typename }';
      for (const persistedQuery of [
        { version: 1, sha256Hash: sha256('{ other }') },
        { version: 1, sha256Hash: 42 },
        { version: 2, sha256Hash: sha256(query) },
        { version: '1', sha256Hash: sha256(query) },
        'yes',
      ]) {
        const res = await post({ query, extensions: { persistedQuery } });
        expect({ persistedQuery, status: res.status, codes: res.body.errors?.map((e: any) => e.extensions.code) }).toEqual({
          persistedQuery,
          status: 400,
          codes: ['BAD_USER_INPUT'],
        });
        expect(res.body.errors[0].message).toMatch(/sha|version/);
        expect(res.body.data).toBeUndefined();
      }
    });

    it('still follow the protocol: an unknown hash is PersistedQueryNotFound, then registered and served by hash', async () => {
      const query = `{ __typename ping: __typename } # ${contentType}`;
      const persistedQuery = { version: 1, sha256Hash: sha256(query) };
      const missing = await post({ extensions: { persistedQuery } });
      // Apollo's clients retry with the query on this message.
      expect(missing.body.errors.map((e: any) => e.message)).toEqual(['PersistedQueryNotFound']);
      expect(missing.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect((await post({ query, extensions: { persistedQuery } })).body).toEqual({ data: { __typename: 'Query', ping: 'Query' } });
      expect((await post({ extensions: { persistedQuery } })).body).toEqual({ data: { __typename: 'Query', ping: 'Query' } });
    });
  });

  it('keeps suggestions ("Did you mean …?") in development', async () => {
    const answers = await typoMessages(t, await t.tokenFor(BUYER));
    for (const messages of answers) expect(messages.join(' ')).toMatch(/Did you mean/);
  });

  it('answers malformed anonymous requests without logging them as failures', async () => {
    const post = (contentType: string, body: string | object) => t.http.post('/graphql').set('content-type', contentType).send(body);
    const logged = await loggedDuring(async () => {
      for (const contentType of CONTENT_TYPES) {
        const answers = [
          await post(contentType, { query: '{ me { ' }),
          await post(contentType, { query: '{ nope }' }),
          await post(contentType, { query: '{ parts(first: "x") { totalCount } }' }),
          await post(contentType, { query: '{ purchaseOrders(filter: { status: [PUBLISHD] }) { totalCount } }' }),
          await post(contentType, { query: 'query($f: Int) { parts(first: $f) { totalCount } }', variables: { f: 'x' } }),
          await post(contentType, { query: 'query($f: Int!) { parts(first: $f) { totalCount } }' }),
          await post(contentType, { query: 'query A { __typename } query B { __typename }' }),
          await post(contentType, { query: '{ __typename }', operationName: 'C' }),
          await post(contentType, { query: '{ auditLog(filter: { from: "yesterday" }) { totalCount } }' }),
          await post(contentType, { query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
          await post(contentType, { query: `{ ${'__typename '.repeat(2001)} }` }),
          await post(contentType, { query: '{ __typename } # \u0000' }),
          await post(contentType, { query: 5 }),
          await post(contentType, { query: '{ __typename }', variables: 'x' }),
          await post(contentType, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }),
          await post(contentType, '{"query": '),
          await post(contentType, { query: '{ me { email } }' }),
          await t.http.get('/graphql?query=%7Bnope%7D').set('apollo-require-preflight', '1'),
          await t.http.get('/graphql?query=%7B__typename%7D&variables=x').set('apollo-require-preflight', '1'),
          await t.http.get('/graphql?query=mutation%7Blogout(refreshToken%3A%22x%22)%7D').set('apollo-require-preflight', '1'),
          await t.http
            .post('/graphql')
            .set('content-type', contentType)
            .set('authorization', 'Bearer not-a-token')
            .send({ query: '{ me { email } }' }),
        ];
        answers.forEach((res, request) => {
          const internal = (res.body.errors ?? []).filter(
            (e: any) => e.extensions?.code !== 'BAD_USER_INPUT' && e.extensions?.code !== 'UNAUTHENTICATED',
          );
          expect({ request, answered: res.status < 500 && (res.body.errors ?? []).length > 0, internal }).toEqual({
            request,
            answered: true,
            internal: [],
          });
        });
      }
    });
    expect(logged).toEqual([]);
  });

  it('answers malformed subscriptions as BAD_USER_INPUT without logging them as failures', async () => {
    const client = createClient({
      url: `ws://127.0.0.1:${await t.listen()}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await t.tokenFor(BUYER)}` },
      retryAttempts: 0,
    });
    const subscribe = (payload: { query: string; variables?: Record<string, unknown>; operationName?: string }) =>
      new Promise<any[]>((resolve) =>
        client.subscribe(payload, {
          next: (value) => resolve((value.errors as any[]) ?? []),
          error: (e) => resolve(e as any[]),
          complete: () => resolve([]),
        }),
      );
    try {
      const logged = await loggedDuring(async () => {
        for (const payload of [
          { query: 'subscription { orderEvents { ' },
          { query: 'subscription { orderEvents { nope } }' },
          { query: 'subscription($b: Boolean!) { orderEvents { type @include(if: $b) } }', variables: { b: 'yes' } },
          { query: 'subscription($b: Boolean!) { orderEvents { type @include(if: $b) } }' },
          { query: 'subscription A { orderEvents { type } } subscription B { orderEvents { id } }' },
          { query: 'subscription A { orderEvents { type } }', operationName: 'C' },
          { query: '{ __typename }' },
          { query: `subscription { orderEvents { ${'type '.repeat(2001)} } }` },
        ]) {
          const errors = await subscribe(payload);
          expect({ payload, codes: [...new Set(errors.map((e) => e.extensions?.code))] }).toEqual({ payload, codes: ['BAD_USER_INPUT'] });
        }
      });
      expect(logged).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('logs an unexpected failure as an error, with the request id', async () => {
    await t.sql(`REVOKE SELECT ON parts FROM anchorlink_app`);
    try {
      let requestId = '';
      const logged = await loggedDuring(async () => {
        const res = await t.http
          .post('/graphql')
          .set('content-type', 'application/json')
          .set('authorization', `Bearer ${await t.tokenFor(BUYER)}`)
          .send({ query: '{ parts { nodes { id } } }' });
        requestId = res.headers['x-request-id'];
        expect(res.body.errors.map((e: any) => e.extensions.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      });
      expect(logged).toEqual([
        { level: 'error', args: [expect.objectContaining({ requestId, err: expect.any(Error) }), 'internal error'] },
      ]);
    } finally {
      await t.sql(`GRANT SELECT ON parts TO anchorlink_app`);
    }
  });
});

describe('malformed GraphQL requests in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ nodeEnv: 'production', isProduction: true, jwtSecret: 'a-production-grade-secret-of-48-characters-xyz12' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are answered without suggestions ("Did you mean …?"), over HTTP and graphql-ws', async () => {
    const answers = await typoMessages(t, await t.tokenFor(BUYER));
    for (const messages of answers) {
      expect(messages.join(' ')).not.toMatch(/Did you mean|Suggestion/);
      expect(messages.every((m) => m.length > 0)).toBe(true);
    }
  });
});
