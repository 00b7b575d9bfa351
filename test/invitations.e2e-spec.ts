import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { creditCodeCheckCharacter } from '@anchorlink/identity';
import { codes, TestApp } from './support/test-app.js';
import { ANCHOR_ADMIN, BUYER, BUYER2, CASTINGS, MISSING_ID, ORG, PLANNER } from './support/fixtures.js';

const INVITE = `mutation($input: InviteSupplierInput!) {
  inviteSupplier(input: $input) { token invitation { id email supplierName status expiresAt } }
}`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { accessToken refreshToken user { email displayName roles organization { id name kind creditCode } } }
}`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { id status } }`;
const INVITATIONS = `query($status: InvitationStatus) { invitations(status: $status) { id email status } }`;
const PARTNERSHIPS = `{ partnerships { id status supplierCode anchor { id name } supplier { id name } } }`;

function creditCode(first17: string): string {
  return first17 + creditCodeCheckCharacter(first17);
}

describe('inviting suppliers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  const invite = (input: Record<string, unknown>, as = BUYER) => t.gql(INVITE, { input }, as);
  const accept = (input: Record<string, unknown>) => t.gql(ACCEPT, { input });

  it('creates the supplier, its first user and an ACTIVE partnership, then signs the invitee in', async () => {
    const code = creditCode('91320594MA27AB3C5');
    const invited = await invite({ supplierName: '苏州精密冲压', email: 'Owner@Stamping.demo', creditCode: code, supplierCode: 'V20001' });
    expect(invited.errors).toBeUndefined();
    const { token, invitation } = invited.data!.inviteSupplier;
    expect(token).toMatch(/^[\w-]{40,}$/);
    expect(invitation).toMatchObject({ email: 'owner@stamping.demo', supplierName: '苏州精密冲压', status: 'PENDING' });
    const days = (new Date(invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    // Only the hash is stored.
    expect(await t.sql(`SELECT 1 FROM invitations WHERE token_hash = $1`, [token])).toHaveLength(0);

    const accepted = await accept({ token, displayName: '吴总', password: 'Stamping-Works-2026' });
    expect(accepted.errors).toBeUndefined();
    const payload = accepted.data!.acceptInvitation;
    expect(payload.user).toMatchObject({
      email: 'owner@stamping.demo',
      displayName: '吴总',
      roles: ['ORG_ADMIN', 'SUPPLIER_SALES'],
      organization: { name: '苏州精密冲压', kind: 'SUPPLIER', creditCode: code },
    });
    const supplierId = payload.user.organization.id;

    const supplierView = await t.ok(PARTNERSHIPS, {}, payload.accessToken);
    expect(supplierView.partnerships).toEqual([
      expect.objectContaining({ status: 'ACTIVE', supplierCode: 'V20001', anchor: { id: ORG.anchor, name: '远航重工' } }),
    ]);
    const anchorView = await t.ok(PARTNERSHIPS, {}, BUYER);
    expect(anchorView.partnerships.map((p: any) => p.supplier.id)).toContain(supplierId);
    const list = await t.ok(INVITATIONS, {}, BUYER);
    expect(list.invitations).toContainEqual({ id: invitation.id, email: 'owner@stamping.demo', status: 'ACCEPTED' });

    // Single use.
    const again = await accept({ token, displayName: 'x', password: 'Stamping-Works-2026' });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0].message).toBe('此邀请已被使用');
    // The new user signs in like anyone else.
    expect(await t.tokenFor('owner@stamping.demo', 'Stamping-Works-2026')).toBeTruthy();
  });

  it('refuses revoked, expired and unknown tokens', async () => {
    const revoked = (await invite({ supplierName: 'A', email: 'a@revoked.demo' })).data!.inviteSupplier;
    expect((await t.ok(REVOKE, { id: revoked.invitation.id }, BUYER)).revokeInvitation.status).toBe('REVOKED');
    const r1 = await accept({ token: revoked.token, displayName: 'A', password: 'A-long-password-1' });
    expect(codes(r1)).toEqual(['BAD_USER_INPUT']);
    expect(r1.errors![0].message).toBe('此邀请已被撤销');

    const expired = (await invite({ supplierName: 'B', email: 'b@expired.demo' })).data!.inviteSupplier;
    await t.sql(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.invitation.id]);
    const listed = await t.ok(INVITATIONS, { status: 'EXPIRED' }, BUYER);
    expect(listed.invitations.map((i: any) => i.id)).toContain(expired.invitation.id);
    const r2 = await accept({ token: expired.token, displayName: 'B', password: 'B-long-password-1' });
    expect(codes(r2)).toEqual(['BAD_USER_INPUT']);
    expect(r2.errors![0].message).toBe('此邀请已过期');
    // An expired invitation can no longer be revoked either.
    expect(codes(await t.gql(REVOKE, { id: expired.invitation.id }, BUYER))).toEqual(['CONFLICT']);

    expect(codes(await accept({ token: 'made-up', displayName: 'C', password: 'C-long-password-1' }))).toEqual(['BAD_USER_INPUT']);
    expect(await t.sql(`SELECT 1 FROM users WHERE email IN ('a@revoked.demo', 'b@expired.demo')`)).toHaveLength(0);
  });

  it('refuses weak passwords and changes nothing', async () => {
    const { token } = (await invite({ supplierName: 'Weak Co', email: 'weak@weak.demo' })).data!.inviteSupplier;
    const short = await accept({ token, displayName: 'W', password: 'short' });
    expect(codes(short)).toEqual(['BAD_USER_INPUT']);
    expect(short.errors![0].extensions.field).toBe('password');
    expect(codes(await accept({ token, displayName: 'W', password: 'password123' }))).toEqual(['BAD_USER_INPUT']);
    expect(await t.sql(`SELECT 1 FROM organizations WHERE name = 'Weak Co'`)).toHaveLength(0);
    // Still usable with a good password.
    expect((await accept({ token, displayName: 'W', password: 'a-Much-better-one-42' })).data?.acceptInvitation).toBeTruthy();
  });

  it('validates the invitation input', async () => {
    expect(codes(await invite({ supplierName: 'X', email: 'not-an-email' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await invite({ supplierName: '   ', email: 'x@x.demo' }))).toEqual(['BAD_USER_INPUT']);
    const badCode = await invite({ supplierName: 'X', email: 'x@x.demo', creditCode: '91320594MA27AB3C50' });
    expect(codes(badCode)).toEqual(['BAD_USER_INPUT']);
    expect(badCode.errors![0].extensions.field).toBe('creditCode');
  });

  it('lets only anchor buyers and admins invite', async () => {
    const input = { supplierName: 'X', email: 'x@roles.demo' };
    expect(codes(await invite(input, PLANNER))).toEqual(['FORBIDDEN']);
    expect(codes(await invite(input, CASTINGS))).toEqual(['FORBIDDEN']);
    expect(codes(await invite(input))).toEqual([]);
    expect(codes(await invite({ ...input, email: 'y@roles.demo' }, ANCHOR_ADMIN))).toEqual([]);
  });

  it('never joins a stranger to an existing organization by its credit code', async () => {
    const bearingsCode = (await t.sql(`SELECT credit_code FROM organizations WHERE id = $1`, [ORG.bearings]))[0].credit_code;
    const { token } = (await invite({ supplierName: '华东轴承', email: 'intruder@evil.demo', creditCode: bearingsCode })).data!
      .inviteSupplier;
    const res = await accept({ token, displayName: 'Intruder', password: 'Intruder-password-1' });
    expect(codes(res)).toEqual(['CONFLICT']);
    expect(await t.sql(`SELECT 1 FROM users WHERE email = 'intruder@evil.demo'`)).toHaveLength(0);
  });

  it("links an existing supplier when its administrator accepts with the account's password", async () => {
    const { token } = (await invite({ supplierName: '精工铸造', email: CASTINGS }, BUYER2)).data!.inviteSupplier;
    const wrong = await accept({ token, displayName: 'ignored', password: 'not-the-password' });
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    const ok = await accept({ token, displayName: 'ignored', password: 'Anchorlink-Demo-2026' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.acceptInvitation.user.organization.id).toBe(ORG.castings);
    const view = await t.ok(PARTNERSHIPS, {}, ok.data!.acceptInvitation.accessToken);
    expect(view.partnerships.map((p: any) => p.anchor.id).sort()).toEqual([ORG.anchor, ORG.anchor2].sort());
  });

  it("keeps invitations to each anchor's own eyes", async () => {
    const mine = (await invite({ supplierName: 'Private', email: 'private@p.demo' })).data!.inviteSupplier.invitation;
    const theirs = await t.gql(REVOKE, { id: mine.id }, BUYER2);
    const missing = await t.gql(REVOKE, { id: MISSING_ID }, BUYER2);
    expect(codes(theirs)).toEqual(['NOT_FOUND']);
    expect(theirs.errors![0].message).toBe(missing.errors![0].message);
    const list = await t.ok(INVITATIONS, {}, BUYER2);
    expect(list.invitations.map((i: any) => i.id)).not.toContain(mine.id);
    expect((await t.ok(INVITATIONS, {}, CASTINGS)).invitations).toEqual([]);
  });
});
