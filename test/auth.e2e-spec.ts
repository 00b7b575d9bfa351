import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { codes, TestApp } from './support/test-app.js';
import { BUYER, CASTINGS, ORG } from './support/fixtures.js';

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken accessTokenExpiresAt user { email roles organization { id kind } } }
}`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { email } } }`;
const LOGOUT = `mutation($t: String!) { logout(refreshToken: $t) }`;
const ME = `{ me { id email displayName roles locale organization { id name kind } } }`;

describe('sign-in (login, refresh, logout, me)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password = 'Anchorlink-Demo-2026', headers: Record<string, string> = {}) =>
    t.gql(LOGIN, { email, password }, undefined, headers);

  it('signs a demo user in with a 15-minute access token and reads me', async () => {
    const before = Date.now();
    const res = await login(BUYER);
    expect(res.errors).toBeUndefined();
    const payload = res.data!.login;
    expect(payload.user).toEqual({ email: BUYER, roles: ['PROCUREMENT'], organization: { id: ORG.anchor, kind: 'ANCHOR' } });
    const ttl = new Date(payload.accessTokenExpiresAt).getTime() - before;
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    const me = await t.ok(ME, {}, payload.accessToken);
    expect(me.me).toMatchObject({ email: BUYER, locale: 'zh-CN', organization: { name: '远航重工', kind: 'ANCHOR' } });
  });

  it('treats the e-mail case-insensitively', async () => {
    expect((await login('Buyer@Anchor.DEMO')).data?.login.user.email).toBe(BUYER);
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const wrongPassword = await login(BUYER, 'not-the-password');
    const unknownEmail = await login('nobody@nowhere.demo', 'not-the-password');
    expect(codes(wrongPassword)).toEqual(['UNAUTHENTICATED']);
    expect(codes(unknownEmail)).toEqual(['UNAUTHENTICATED']);
    expect(unknownEmail.errors![0].message).toBe(wrongPassword.errors![0].message);
    expect(unknownEmail.data).toBeNull();
  });

  it('words errors in the language the caller asks for', async () => {
    const zh = await login(BUYER, 'wrong-password-1');
    const en = await login(BUYER, 'wrong-password-1', { 'accept-language': 'en-US,en;q=0.9' });
    expect(zh.errors![0].message).toBe('邮箱或密码错误');
    expect(en.errors![0].message).toBe('Wrong e-mail or password');
  });

  it("words a signed-in user's errors in their setting, unless the request names a language (the portal's switch)", async () => {
    const forbidden = `mutation { createDataStandard(input: { code: "X-1", name: "x", kind: CODE_LIST }) { id } }`;
    const setting = await t.gql(forbidden, {}, BUYER);
    expect(setting.errors![0].message).toMatch(/[\u4e00-\u9fff]/);
    const english = await t.gql(forbidden, {}, BUYER, { 'accept-language': 'en' });
    expect(english.errors![0].message).toMatch(/^[\x20-\x7e]+$/);
    // A header that asks for no supported language leaves the setting alone.
    expect((await t.gql(forbidden, {}, BUYER, { 'accept-language': 'fr-FR,fr;q=0.9' })).errors![0].message).toBe(
      setting.errors![0].message,
    );
    expect((await t.gql(forbidden, {}, BUYER, { 'accept-language': 'zh-CN,en;q=0.5' })).errors![0].message).toBe(
      setting.errors![0].message,
    );
  });

  it('requires a valid access token everywhere but the public operations', async () => {
    expect(codes(await t.gql(ME))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(ME, {}, 'not-a-jwt'))).toEqual(['UNAUTHENTICATED']);
    const jwt = new JwtService({ secret: 'e2e-tests-jwt-secret-0123456789abcdef' });
    const claims = { sub: '00000000-0000-4000-8000-000000000001', org: ORG.anchor, kind: 'ANCHOR', roles: ['ORG_ADMIN'], locale: 'en' };
    const expired = await jwt.signAsync(claims, { expiresIn: -10, issuer: 'anchorlink', audience: 'anchorlink-api' });
    expect(codes(await t.gql(ME, {}, expired))).toEqual(['UNAUTHENTICATED']);
    const forged = await new JwtService({ secret: 'another-secret-of-enough-length-123456' }).signAsync(claims, {
      expiresIn: 600,
      issuer: 'anchorlink',
      audience: 'anchorlink-api',
    });
    expect(codes(await t.gql(ME, {}, forged))).toEqual(['UNAUTHENTICATED']);
    // A stale token does not stop a new sign-in.
    expect((await t.gql(LOGIN, { email: BUYER, password: 'Anchorlink-Demo-2026' }, expired)).data?.login).toBeTruthy();
  });

  it('stops accepting a token at its expiry, however often it was accepted before (verified tokens are remembered)', async () => {
    const me = (await t.gql(ME, {}, BUYER)).data!.me;
    const jwt = new JwtService({ secret: 'e2e-tests-jwt-secret-0123456789abcdef' });
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await jwt.signAsync(
      { sub: me.id, org: me.organization.id, kind: 'ANCHOR', roles: me.roles, locale: 'en', exp },
      { issuer: 'anchorlink', audience: 'anchorlink-api' },
    );
    for (let i = 0; i < 3; i++) expect((await t.gql(ME, {}, token)).data?.me.id).toBe(me.id);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    expect(codes(await t.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const first = (await login(CASTINGS)).data!.login;
    const second = await t.gql(REFRESH, { t: first.refreshToken });
    expect(second.errors).toBeUndefined();
    const rotated = second.data!.refreshToken;
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.user.email).toBe(CASTINGS);
    expect((await t.gql(ME, {}, rotated.accessToken)).data?.me.email).toBe(CASTINGS);

    // The first token again: somebody copied it. Both it and the newest one stop working.
    expect(codes(await t.gql(REFRESH, { t: first.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(REFRESH, { t: rotated.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    const [family] = await t.sql(
      `SELECT count(*)::int AS total, count(revoked_at)::int AS revoked FROM refresh_tokens
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = encode(sha256($1::bytea), 'hex'))`,
      [first.refreshToken],
    );
    expect(family).toEqual({ total: 2, revoked: 2 });
  });

  it('lets exactly one of two concurrent refreshes with the same token win, then revokes the family', async () => {
    for (let round = 0; round < 3; round++) {
      const { refreshToken } = (await login(BUYER)).data!.login;
      const results = await Promise.all([t.gql(REFRESH, { t: refreshToken }), t.gql(REFRESH, { t: refreshToken })]);
      const winners = results.filter((r) => r.data?.refreshToken);
      expect(winners).toHaveLength(1);
      expect(results.flatMap(codes)).toEqual(['UNAUTHENTICATED']);
      // Two uses of one token look like theft: the winner's new token is revoked too.
      expect(codes(await t.gql(REFRESH, { t: winners[0].data!.refreshToken.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('logout revokes the refresh token', async () => {
    const { refreshToken } = (await login(BUYER)).data!.login;
    expect((await t.ok(LOGOUT, { t: refreshToken })).logout).toBe(true);
    expect(codes(await t.gql(REFRESH, { t: refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect((await t.ok(LOGOUT, { t: 'unknown-token' })).logout).toBe(false);
  });

  it('stores refresh tokens only as hashes', async () => {
    const { refreshToken } = (await login(BUYER)).data!.login;
    const rows = await t.sql(`SELECT 1 FROM refresh_tokens WHERE token_hash = $1`, [refreshToken]);
    expect(rows).toHaveLength(0);
  });
});
