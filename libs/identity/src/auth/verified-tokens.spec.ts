import { beforeEach, describe, expect, it } from '@jest/globals';
import { OrgKind, type Principal, Role } from '@anchorlink/core';
import { JwtService } from '@nestjs/jwt';
import { VerifiedTokens } from './verified-tokens.js';

const principal: Principal = {
  userId: '00000000-0000-4000-8000-000000000001',
  organizationId: '00000000-0000-4000-8000-000000000002',
  organizationKind: OrgKind.SUPPLIER,
  roles: [Role.SUPPLIER_SALES],
  locale: 'zh-CN',
};
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = (claims: object) => `Bearer ${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.signature`;

describe('VerifiedTokens', () => {
  let now = 1_000_000_000_000;
  const tokens = () => new VerifiedTokens(new JwtService(), () => now);
  beforeEach(() => {
    now = 1_000_000_000_000;
  });

  it('answers a remembered token with its principal until the second of its exp, as jsonwebtoken does', () => {
    const cache = tokens();
    const exp = now / 1000 + 900;
    const authorization = header({ sub: principal.userId, exp });
    expect(cache.get(authorization)).toBeUndefined();
    cache.remember(authorization, principal);
    expect(cache.get(authorization)).toEqual(principal);
    now = exp * 1000 - 1;
    expect(cache.get(authorization)).toEqual(principal);
    now = exp * 1000;
    expect(cache.get(authorization)).toBeUndefined();
    now = exp * 1000 - 1; // gone for good once seen expired
    expect(cache.get(authorization)).toBeUndefined();
  });

  it('keeps nothing for a token without a usable exp, or already expired', () => {
    const cache = tokens();
    for (const authorization of [
      header({ sub: 'x' }),
      header({ exp: 'soon' }),
      header({ exp: now / 1000 }),
      'Bearer not-a-jwt',
      'Bearer a.%%%.c',
    ]) {
      cache.remember(authorization, principal);
      expect(cache.get(authorization)).toBeUndefined();
    }
  });

  it('remembers a token only under its one canonical header, so one token cannot take many places', () => {
    const cache = tokens();
    const authorization = header({ exp: now / 1000 + 60 });
    const token = authorization.slice('Bearer '.length);
    for (const variant of [
      `bearer ${token}`,
      `Bearer  ${token}`,
      `Bearer ${token} 1`,
      `Bearer ${token}\t`,
      `JWT ${token}`,
      `Bearer ${token}.${'x'.repeat(9000)}`,
    ]) {
      cache.remember(variant, principal);
      expect(cache.get(variant)).toBeUndefined();
    }
    cache.remember(authorization, principal);
    expect(cache.get(authorization)).toEqual(principal);
  });

  it('tells tokens apart by their whole header', () => {
    const cache = tokens();
    const a = header({ sub: 'a', exp: now / 1000 + 60 });
    cache.remember(a, principal);
    expect(cache.get(`${a}x`)).toBeUndefined();
    expect(cache.get(a.replace('Bearer', 'bearer'))).toBeUndefined();
  });

  it('hands out a frozen copy: no request can change what the next one is given', () => {
    const cache = tokens();
    const authorization = header({ exp: now / 1000 + 60 });
    const roles = [...principal.roles];
    cache.remember(authorization, { ...principal, roles });
    roles.push(Role.ORG_ADMIN);
    const remembered = cache.get(authorization)!;
    expect(remembered.roles).toEqual(['SUPPLIER_SALES']);
    expect(Object.isFrozen(remembered)).toBe(true);
    expect(Object.isFrozen(remembered.roles)).toBe(true);
  });
});
