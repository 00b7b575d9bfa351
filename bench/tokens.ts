/** Access tokens exactly as Anchorlink issues them, for the benchmark scripts (no sign-in round trip, no argon2). */
import { createHmac } from 'node:crypto';
import { ANCHOR_BUYER_ID, ANCHOR_ID, supplierId, supplierUserId } from './perf-data.js';

/** HS256 with Anchorlink's issuer and audience, valid for an hour. */
export function signToken(secret: string, sub: string, org: string, kind: string, roles: string[]): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, org, kind, roles, locale: 'zh-CN', iat: now, exp: now + 3600, iss: 'anchorlink', aud: 'anchorlink-api' })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** The sales user of bench supplier `s`. */
export const supplierToken = (secret: string, s: number) =>
  signToken(secret, supplierUserId(s), supplierId(s), 'SUPPLIER', ['ORG_ADMIN', 'SUPPLIER_SALES']);
/** The bench anchor's buyer. */
export const anchorToken = (secret: string) => signToken(secret, ANCHOR_BUYER_ID, ANCHOR_ID, 'ANCHOR', ['PROCUREMENT', 'PLANNER']);
