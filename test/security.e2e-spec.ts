import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { codes, TestApp } from './support/test-app.js';
import { BEARINGS, BUYER, CASTINGS } from './support/fixtures.js';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;

describe('hardening (development settings)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ trustProxy: 1, corsOrigins: ['https://portal.anchorlink.example'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('GraphQL limits', () => {
    it('accepts the deepest legitimate query and refuses deeper ones', async () => {
      // The contract's deepest acyclic path: 8 fields.
      const deepest = `query($id: ID!) { shipmentNotices(purchaseOrderId: $id) { purchaseOrder { lines { part { supplierParts { supplier { id } } } } } } }`;
      expect(codes(await t.gql(deepest, { id: '00000000-0000-4000-8000-000000000000' }, BUYER))).toEqual(['NOT_FOUND']);
      // Cycles (version → standard → versions …) reach any depth: 9 is allowed, 10 is not.
      const nine = `{ rollouts { package { requiredStandards { standard { versions { standard { versions { standard { code } } } } } } } } }`;
      expect(codes(await t.gql(nine, {}, BUYER))).toEqual([]);
      const ten = nine.replace('standard { code }', 'standard { versions { id } }');
      const refused = await t.gql(ten, {}, BUYER);
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].message).toMatch(/depth/i);
      expect(refused.data).toBeUndefined();
      // Fragments do not hide depth.
      const viaFragments = `{ rollouts { ...P } } fragment P on Rollout { package { requiredStandards { standard { versions { ...V } } } } }
        fragment V on StandardVersion { standard { versions { standard { versions { id } } } } }`;
      expect(codes(await t.gql(viaFragments, {}, BUYER))).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses more than 15 aliases, 2,000 tokens or 50 directives', async () => {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
      expect(codes(await t.gql(aliases(15), {}, BUYER))).toEqual([]);
      expect(codes(await t.gql(aliases(16), {}, BUYER))).toEqual(['BAD_USER_INPUT']);
      const tokens = `{ me { ${Array.from({ length: 700 }, () => 'id email').join(' ')} } }`;
      expect(codes(await t.gql(tokens, {}, BUYER))).toEqual(['BAD_USER_INPUT']);
      const directives = await t.gql(`{ me { id ${Array.from({ length: 51 }, () => '@include(if: true)').join(' ')} } }`, {}, BUYER);
      expect([...new Set(codes(directives))]).toEqual(['BAD_USER_INPUT']);
      expect(directives.errors!.some((e) => /directives/i.test(e.message))).toBe(true);
      expect(directives.data).toBeUndefined();
    });

    it('refuses batched requests and oversized bodies', async () => {
      const batch = await t.http
        .post('/graphql')
        .set('content-type', 'application/json')
        .send([{ query: '{ __typename }' }]);
      expect(batch.status).toBe(400);
      const huge = await t.http
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: 'query($x: String) { __typename }', variables: { x: 'x'.repeat(6 * 1024 * 1024) } });
      // A document over the size limit answers as every other limit does: 400 and BAD_USER_INPUT.
      expect(huge.status).toBe(400);
      expect(huge.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  it('sends security headers and allows only the configured CORS origins', async () => {
    const res = await t.http.get('/health').set('origin', 'https://portal.anchorlink.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBe('https://portal.anchorlink.example');
    const other = await t.http.get('/health').set('origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  describe('sign-in throttling', () => {
    const attempt = (email: string, password: string, ip: string) =>
      t.gql(LOGIN, { e: email, p: password }, undefined, { 'x-forwarded-for': ip });

    it('locks an account for 15 minutes after 10 failed attempts, even with the right password then', async () => {
      for (let i = 0; i < 10; i++) expect(codes(await attempt(CASTINGS, 'wrong-password!', `10.0.0.${i}`))).toEqual(['UNAUTHENTICATED']);
      const locked = await attempt(CASTINGS, 'Anchorlink-Demo-2026', '10.0.1.1');
      expect(codes(locked)).toEqual(['RATE_LIMITED']);
      expect(locked.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(800);
      // Other accounts are not affected.
      expect(codes(await attempt(BUYER, 'Anchorlink-Demo-2026', '10.0.1.1'))).toEqual([]);
    });

    it('limits one IP trying many accounts', async () => {
      for (let i = 0; i < 10; i++)
        expect(codes(await attempt(`nobody${i}@spray.demo`, 'Password-guess-1', '10.9.9.9'))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await attempt(BEARINGS, 'Anchorlink-Demo-2026', '10.9.9.9'))).toEqual(['RATE_LIMITED']);
      expect(codes(await attempt(BEARINGS, 'Anchorlink-Demo-2026', '10.9.9.10'))).toEqual([]);
    });

    it('takes about as long for an unknown e-mail as for a wrong password', async () => {
      const time = async (email: string, ip: string) => {
        const started = process.hrtime.bigint();
        await attempt(email, 'Not-the-password-7', ip);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 5; i++) {
        known.push(await time(BUYER, `10.1.0.${i}`));
        unknown.push(await time(`ghost${i}@nowhere.demo`, `10.2.0.${i}`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // Both run one argon2id verification; without it an unknown e-mail would answer in a fraction of the time.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
      expect(median(unknown)).toBeLessThan(median(known) * 2);
    });
  });

  it('answers unexpected failures with INTERNAL_SERVER_ERROR, the request id, and nothing internal', async () => {
    await t.sql(`REVOKE SELECT ON parts FROM anchorlink_app`);
    try {
      const res = await t.http
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${await t.tokenFor(BUYER)}`)
        .send({ query: '{ parts { nodes { id } } }' });
      expect(res.status).toBe(200);
      const [error] = res.body.errors;
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: res.headers['x-request-id'] });
      expect(error.message).toContain(res.headers['x-request-id']);
      expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toMatch(
        /permission|denied|SELECT|relation|\.ts|at /,
      );
    } finally {
      await t.sql(`GRANT SELECT ON parts TO anchorlink_app`);
    }
  });
});

describe('hardening (production settings)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ nodeEnv: 'production', isProduction: true, jwtSecret: 'a-production-grade-secret-of-48-characters-xyz12' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('turns introspection, field suggestions and limit details off', async () => {
    expect(codes(await t.gql(`{ __schema { types { name } } }`, {}, BUYER))).toEqual(['BAD_USER_INPUT']);
    const typo = await t.gql(`{ me { emial } }`, {}, BUYER);
    expect(codes(typo)).toEqual(['BAD_USER_INPUT']);
    expect(typo.errors![0].message).not.toMatch(/Did you mean/);
    const aliases = await t.gql(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')} }`, {}, BUYER);
    expect(aliases.errors![0].message).not.toMatch(/15/);
    const page = await t.http.get('/graphql').set('accept', 'text/html');
    expect(page.text ?? '').not.toMatch(/sandbox/i);
  });
});
