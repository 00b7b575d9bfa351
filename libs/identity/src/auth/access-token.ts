import type { Locale, OrgKind, Role } from '@anchorlink/core';

/** Access tokens live 15 minutes; refresh tokens 30 days, rotated on each use. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const JWT_ISSUER = 'anchorlink';
export const JWT_AUDIENCE = 'anchorlink-api';

/** The claims of an access token: enough to build a RequestContext without a database round trip. */
export interface AccessTokenClaims {
  sub: string;
  org: string;
  kind: OrgKind;
  roles: Role[];
  locale: Locale;
}
