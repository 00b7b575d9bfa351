import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { countTokens } from '@anchorlink/core';
import { GRAPHQL_LIMITS } from '../apps/api/src/graphql-armor.js';
import { BUYER } from './support/fixtures.js';
import { publishedOrder } from './support/orders.js';
import { TestApp } from './support/test-app.js';

/**
 * Every document limit, at its boundary: a document exactly at the limit is
 * served, one just past it is refused with BAD_USER_INPUT (HTTP 400 over
 * HTTP; an error message for that one subscription over graphql-ws, the
 * socket staying open for the others).
 */

/**
 * Exactly `n` tokens: the operation `root(k)` (with k more fields of one token each), then whole
 * operations of 5 tokens that are never run (the request names its operation, Main).
 */
function withTokens(root: (moreFields: number) => string, n: number): string {
  const base = countTokens(root(0));
  const queries = Math.floor((n - base) / 5);
  const document = [root(n - base - queries * 5), ...Array.from({ length: queries }, (_, i) => `query Q${i} { __typename }`)].join(' ');
  if (countTokens(document) !== n) throw new Error(`withTokens: ${countTokens(document)} tokens, not ${n}`);
  return document;
}

const aliases = (field: string, n: number) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const directives = (field: string, n: number) => Array.from({ length: n }, () => `${field} @include(if: true)`).join(' ');

/** Query documents over HTTP, at each limit and one past it (`operationName` Main where given). */
const HTTP_LIMITS = [
  {
    limit: 'tokens',
    at: withTokens((k) => `query Main { me { id${' id'.repeat(k)} } }`, GRAPHQL_LIMITS.maxTokens),
    over: withTokens((k) => `query Main { me { id${' id'.repeat(k)} } }`, GRAPHQL_LIMITS.maxTokens + 1),
    message: /tokens/,
  },
  {
    // __typename included: every alias counts.
    limit: 'aliases',
    at: `{ ${aliases('__typename', GRAPHQL_LIMITS.maxAliases)} }`,
    over: `{ ${aliases('__typename', GRAPHQL_LIMITS.maxAliases + 1)} }`,
    message: /Aliases limit of 15 exceeded, found 16/,
  },
  {
    // Cycles (version → standard → versions …) reach any depth.
    limit: 'depth',
    at: `{ rollouts { package { requiredStandards { standard { versions { standard { versions { standard { code } } } } } } } } }`,
    over: `{ rollouts { package { requiredStandards { standard { versions { standard { versions { standard { versions { id } } } } } } } } } }`,
    message: /depth limit of 9 exceeded, found 10/,
  },
  {
    limit: 'directives',
    at: `{ me { ${directives('id', GRAPHQL_LIMITS.maxDirectives)} } }`,
    over: `{ me { ${directives('id', GRAPHQL_LIMITS.maxDirectives + 1)} } }`,
    message: /Directives limit of 50 exceeded, found 51/,
  },
  {
    // parts(first: 5714) { totalCount } costs (2 + 1.5 × 1) × 5714 = 19,999, each __typename 1.
    limit: 'cost',
    at: `{ parts(first: 5714) { totalCount } __typename }`,
    over: `{ parts(first: 5714) { totalCount } __typename __typename }`,
    message: /Cost limit of 20000 exceeded, found 20001\b/,
  },
];

/**
 * A subscription of cost exactly 20,000 (graphql-armor: an object costs 2 plus 1.5 × its children, a
 * scalar 1, a fragment spread 1 plus 1.5 × its fragment): G = 8 (spread 13), H = 80 (spread 121),
 * I = 728 (spread 1,093); orderEvents = 2 + 1.5 × (12 × 1,093 + 121 + 7 × 13 + 4) = 20,000.
 * A subscription has one root field, whose children each add 1.5: one more `type` is the smallest step past it.
 */
const costlySubscription = (extra: number) => `subscription {
  orderEvents { ${'...I '.repeat(12)} ...H ${'...G '.repeat(7)} ${'type '.repeat(4 + extra)} }
}
fragment G on OrderEvent { type type type type }
fragment H on OrderEvent { ...G ...G ...G ...G }
fragment I on OrderEvent { ...H ...H ...H ...H }`;

const WS_LIMITS = [
  {
    limit: 'tokens',
    at: withTokens((k) => `subscription Main { orderEvents { type${' type'.repeat(k)} } }`, GRAPHQL_LIMITS.maxTokens),
    over: withTokens((k) => `subscription Main { orderEvents { type${' type'.repeat(k)} } }`, GRAPHQL_LIMITS.maxTokens + 1),
    message: /tokens/,
  },
  {
    limit: 'aliases',
    at: `subscription { orderEvents { ${aliases('type', GRAPHQL_LIMITS.maxAliases)} } }`,
    over: `subscription { orderEvents { ${aliases('type', GRAPHQL_LIMITS.maxAliases + 1)} } }`,
    message: /Aliases limit of 15 exceeded, found 16/,
  },
  {
    // The Subscription type's deepest path is 4 fields (orderEvents → actor → organization → id): a valid
    // document cannot reach 9. Past the limit, the depth rule refuses it alongside the unknown fields.
    limit: 'depth',
    at: `subscription { orderEvents { actor { organization { id } } } }`,
    over: `subscription { orderEvents { actor { organization { a { b { c { d { e { f { g } } } } } } } } } }`,
    message: /depth limit of 9 exceeded, found 10/,
  },
  {
    limit: 'directives',
    at: `subscription { orderEvents { ${directives('type', GRAPHQL_LIMITS.maxDirectives)} } }`,
    over: `subscription { orderEvents { ${directives('type', GRAPHQL_LIMITS.maxDirectives + 1)} } }`,
    message: /Directives limit of 50 exceeded, found 51/,
  },
  {
    limit: 'cost',
    at: costlySubscription(0),
    over: costlySubscription(1),
    message: /Cost limit of 20000 exceeded, found 20001.5\b/,
  },
];

/** A body of exactly `bytes` bytes: the JSON, then spaces (insignificant to JSON). */
function bodyOf(value: unknown, bytes: number): string {
  const json = JSON.stringify(value);
  return json + ' '.repeat(bytes - Buffer.byteLength(json));
}

/**
 * Two spellings of the content type: the plain one (which the direct GraphQL route took while it
 * existed) and one with a parameter, which always went through Express and Apollo's Express integration.
 */
const CONTENT_TYPES = ['application/json', 'application/json; profile=limits'];

describe('GraphQL document limits', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await TestApp.start();
    token = await t.tokenFor(BUYER);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe.each(CONTENT_TYPES)('over HTTP (%s)', (contentType) => {
    const post = (body: string | object) =>
      t.http.post('/graphql').set('content-type', contentType).set('authorization', `Bearer ${token}`).send(body);

    it.each(HTTP_LIMITS)(
      '$limit: served at the limit, refused one past it with HTTP 400 and BAD_USER_INPUT',
      async ({ at, over, message }) => {
        const served = await post({ query: at, operationName: at.startsWith('query Main') ? 'Main' : undefined });
        expect({ status: served.status, errors: served.body.errors }).toEqual({ status: 200, errors: undefined });
        const refused = await post({ query: over, operationName: over.startsWith('query Main') ? 'Main' : undefined });
        expect(refused.status).toBe(400);
        expect(refused.body.data).toBeUndefined();
        expect(refused.body.errors.length).toBeGreaterThan(0);
        expect(refused.body.errors.every((e: any) => e.extensions.code === 'BAD_USER_INPUT')).toBe(true);
        expect(refused.body.errors.some((e: any) => message.test(e.message))).toBe(true);
      },
    );

    it('body size: a body of exactly 5 MiB is served, one byte more is refused with BAD_USER_INPUT', async () => {
      const query = { query: '{ __typename }' };
      const served = await post(bodyOf(query, GRAPHQL_LIMITS.maxBodyBytes));
      expect({ status: served.status, data: served.body.data }).toEqual({ status: 200, data: { __typename: 'Query' } });
      const refused = await post(bodyOf(query, GRAPHQL_LIMITS.maxBodyBytes + 1));
      // 400, as every other limit answers (the body parser's own status would be 413).
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: any) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('over graphql-ws (subscriptions)', () => {
    let client: Client;
    let url: string;
    beforeAll(async () => {
      url = `ws://127.0.0.1:${await t.listen()}/graphql`;
      client = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: false,
        retryAttempts: 0,
      });
      await new Promise<void>((resolve, reject) => {
        client.on('connected', () => resolve());
        client.on('closed', (e) => reject(new Error(`closed ${(e as { code?: number }).code}`)));
      });
    });
    afterAll(async () => {
      await client?.dispose();
    });

    interface Outcome {
      next: unknown[];
      error?: any[];
    }
    const subscribe = (payload: { query: string; operationName?: string; variables?: Record<string, unknown> }): Outcome => {
      const outcome: Outcome = { next: [] };
      client.subscribe(payload, {
        next: (value) => outcome.next.push(value),
        error: (error) => {
          outcome.error = error as any[];
        },
        complete: () => undefined,
      });
      return outcome;
    };
    const settle = async (done: () => boolean) => {
      for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
    };

    it('refuses a subscription one past each limit with BAD_USER_INPUT, and serves those at the limit on the same socket', async () => {
      const padding = (bytes: number) => {
        const payload = { query: 'subscription { orderEvents { type } }', variables: { pad: '' } };
        payload.variables.pad = 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify(payload)));
        expect(Buffer.byteLength(JSON.stringify(payload))).toBe(bytes);
        return payload;
      };
      const operationName = (query: string) => (query.startsWith('subscription Main') ? 'Main' : undefined);
      const refused = [
        ...WS_LIMITS.map(({ limit, over, message }) => ({
          limit,
          message,
          outcome: subscribe({ query: over, operationName: operationName(over) }),
        })),
        { limit: 'size', message: /too large|过大/, outcome: subscribe(padding(GRAPHQL_LIMITS.maxBodyBytes + 1)) },
      ];
      await settle(() => refused.every((r) => r.outcome.error));
      for (const { limit, message, outcome } of refused) {
        expect({ limit, next: outcome.next, codes: [...new Set(outcome.error?.map((e) => e.extensions?.code))] }).toEqual({
          limit,
          next: [],
          codes: ['BAD_USER_INPUT'],
        });
        expect({ limit, matches: outcome.error!.some((e) => message.test(e.message)) }).toEqual({ limit, matches: true });
      }

      // The same socket still serves subscriptions exactly at each limit.
      const served = [
        ...WS_LIMITS.map(({ limit, at }) => ({ limit, outcome: subscribe({ query: at, operationName: operationName(at) }) })),
        { limit: 'size', outcome: subscribe(padding(GRAPHQL_LIMITS.maxBodyBytes)) },
      ];
      await new Promise((r) => setTimeout(r, 300));
      await publishedOrder(t);
      await settle(() => served.every((s) => s.outcome.next.length > 0 || s.outcome.error));
      for (const { limit, outcome } of served) {
        expect({ limit, error: outcome.error, delivered: outcome.next.length > 0 }).toEqual({ limit, error: undefined, delivered: true });
      }
    });
  });
});

describe('GraphQL document limits in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ nodeEnv: 'production', isProduction: true, jwtSecret: 'a-production-grade-secret-of-48-characters-xyz12' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does not give the limits away, over HTTP or graphql-ws', async () => {
    const token = await t.tokenFor(BUYER);
    for (const { over } of HTTP_LIMITS) {
      const refused = await t.gql(over, {}, token, {});
      expect(refused.status).toBe(400);
      expect(refused.errors!.every((e) => e.extensions.code === 'BAD_USER_INPUT')).toBe(true);
      expect(JSON.stringify(refused.errors!.map((e) => e.message))).not.toMatch(/2000|\b15\b|\b9\b|\b50\b|20000|found/);
    }
    const client = createClient({
      url: `ws://127.0.0.1:${await t.listen()}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    try {
      for (const { over } of WS_LIMITS) {
        const errors = await new Promise<any[]>((resolve) =>
          client.subscribe(
            { query: over, operationName: over.startsWith('subscription Main') ? 'Main' : undefined },
            { next: () => resolve([]), error: (e) => resolve(e as any[]), complete: () => undefined },
          ),
        );
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.every((e) => e.extensions.code === 'BAD_USER_INPUT')).toBe(true);
        expect(JSON.stringify(errors.map((e) => e.message))).not.toMatch(/2000|\b15\b|\b9\b|\b50\b|20000|found/);
      }
    } finally {
      await client.dispose();
    }
  });
});
