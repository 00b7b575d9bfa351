import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DEMO_PASSWORD } from '@anchorlink/demo-data';
import { type Locale, t as message } from '@anchorlink/core';
import { ANCHOR_ADMIN, BUYER, CASTINGS, PLANNER } from './support/fixtures.js';
import { codes, TestApp } from './support/test-app.js';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { email organization { name } } } }`;
const REFRESH = `mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken user { email } } }`;
const INVITE = `mutation($input: InviteSupplierInput!) { inviteSupplier(input: $input) { token } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken user { email organization { kind } } } }`;
const CREATE_KEY = `mutation($name: String!, $roles: [Role!]!) { createApiKey(name: $name, roles: $roles) { secret } }`;
const ME = `{ me { email } }`;

/**
 * Sign-ins (login, refreshToken, acceptInvitation) establish who the caller is: credentials already
 * on the request (a bearer token, an X-Api-Key, valid or not) are ignored by them, and a sign-in is
 * an operation of its own, refused with BAD_USER_INPUT beside a second one or any other field.
 */
describe('sign-in with credentials attached', () => {
  let t: TestApp;
  let castingsToken: string;
  let apiKey: string;
  beforeAll(async () => {
    t = await TestApp.start();
    castingsToken = await t.tokenFor(CASTINGS);
    apiKey = (await t.ok(CREATE_KEY, { name: 'ERP', roles: ['VIEWER'] }, ANCHOR_ADMIN)).createApiKey.secret;
  });
  afterAll(async () => {
    await t?.close();
  });

  const attached = (): { what: string; headers: Record<string, string> }[] => [
    { what: 'a bearer token of another user', headers: { authorization: `Bearer ${castingsToken}` } },
    { what: 'a valid API key', headers: { 'x-api-key': apiKey } },
    { what: 'an unknown API key', headers: { 'x-api-key': 'alk_' + 'x'.repeat(43) } },
    { what: 'an invalid bearer token', headers: { authorization: 'Bearer nonsense' } },
  ];

  it('login ignores them: the caller is signed in as the account whose password was given', async () => {
    for (const { what, headers } of attached()) {
      const res = await t.gql(LOGIN, { e: BUYER, p: DEMO_PASSWORD }, undefined, headers);
      expect({ what, errors: res.errors, user: res.data?.login.user }).toEqual({
        what,
        errors: undefined,
        user: { email: BUYER, organization: { name: '远航重工' } },
      });
      expect((await t.ok(ME, {}, res.data!.login.accessToken)).me.email).toBe(BUYER);
    }
    // Audited as the account signed in, not as the one whose token came along.
    const [row] = await t.sql(
      `SELECT u.email FROM audit_events a JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'session.signed_in' ORDER BY a.at DESC LIMIT 1`,
    );
    expect(row.email).toBe(BUYER);
  });

  it('refreshToken and acceptInvitation ignore them too', async () => {
    for (const { what, headers } of attached()) {
      const { refreshToken } = (await t.ok(LOGIN, { e: PLANNER, p: DEMO_PASSWORD })).login;
      const refreshed = await t.gql(REFRESH, { r: refreshToken }, undefined, headers);
      expect({ what, errors: refreshed.errors, email: refreshed.data?.refreshToken.user.email }).toEqual({
        what,
        errors: undefined,
        email: PLANNER,
      });
    }
    for (const [i, { what, headers }] of attached().entries()) {
      const { token } = (await t.ok(INVITE, { input: { supplierName: `冲压厂 ${i}`, email: `owner${i}@attached.demo` } }, BUYER))
        .inviteSupplier;
      const accepted = await t.gql(ACCEPT, { input: { token, displayName: '吴总', password: 'Stamping-Works-2026' } }, undefined, headers);
      expect({ what, errors: accepted.errors, user: accepted.data?.acceptInvitation.user }).toEqual({
        what,
        errors: undefined,
        user: { email: `owner${i}@attached.demo`, organization: { kind: 'SUPPLIER' } },
      });
    }
  });

  describe('a sign-in beside another field', () => {
    const counts = async () =>
      (
        await t.sql(
          `SELECT (SELECT count(*)::int FROM refresh_tokens) AS tokens, (SELECT count(*)::int FROM refresh_tokens WHERE revoked_at IS NOT NULL) AS revoked,
                  (SELECT count(*)::int FROM audit_events) AS audit, (SELECT count(*)::int FROM organizations) AS organizations`,
        )
      )[0];

    it('is refused with BAD_USER_INPUT in the caller’s language, and changes nothing', async () => {
      const { refreshToken } = (await t.ok(LOGIN, { e: PLANNER, p: DEMO_PASSWORD })).login;
      const { token } = (await t.ok(INVITE, { input: { supplierName: '双登录厂', email: 'twice@attached.demo' } }, BUYER)).inviteSupplier;
      const login = (alias: string) => `${alias}: login(email: "${BUYER}", password: "${DEMO_PASSWORD}") { accessToken }`;
      const documents = [
        `mutation { ${login('a')} ${login('b')} }`,
        `mutation { ${login('a')} refreshToken(refreshToken: "${refreshToken}") { accessToken } }`,
        `mutation { acceptInvitation(input: { token: "${token}", displayName: "吴总", password: "Stamping-Works-2026" }) { accessToken } ${login('b')} }`,
        `mutation { ${login('a')} logout(refreshToken: "${refreshToken}") }`,
        `mutation { logout(refreshToken: "${refreshToken}") ${login('b')} }`,
        `mutation { ...Twice } fragment Twice on Mutation { ${login('a')} ${login('b')} }`,
        `mutation { ${login('a')} ... on Mutation { ${login('b')} } }`,
      ];
      const before = await counts();
      const errorLines = jest.spyOn(Logger.prototype, 'error');
      try {
        for (const [locale, headers] of [
          ['zh-CN', {}],
          ['en', { 'accept-language': 'en' }],
          ['en', { 'accept-language': 'en', authorization: `Bearer ${castingsToken}` }],
        ] as [Locale, Record<string, string>][]) {
          for (const query of documents) {
            const res = await t.gql(query, {}, undefined, headers);
            expect({ query, data: res.data ?? null, codes: [...new Set(codes(res))] }).toEqual({
              query,
              data: null,
              codes: ['BAD_USER_INPUT'],
            });
            expect(res.errors!.map((e) => e.message)).toContain(message(locale, 'auth.signInAlone'));
          }
        }
        expect(errorLines).not.toHaveBeenCalled();
      } finally {
        errorLines.mockRestore();
      }
      expect(await counts()).toEqual(before);
      // The refresh token was neither used nor revoked: it still signs in, once.
      expect((await t.gql(REFRESH, { r: refreshToken })).errors).toBeUndefined();
      // __typename beside it is no field of the schema's: allowed.
      expect((await t.gql(`mutation { ${login('a')} __typename }`)).errors).toBeUndefined();
    });
  });
});
