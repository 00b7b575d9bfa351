import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ALL_ROLES, AppConfig, isLocale, isUuid, OrgKind, type Principal } from '@anchorlink/core';
import { type AccessTokenClaims, JWT_AUDIENCE, JWT_ISSUER } from './access-token.js';

/** Turns a valid bearer access token into the caller's Principal. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, made once: given a string, jsonwebtoken tries (and fails) to parse it as a
      // public key on every request, which cost an eighth of the CPU of a simple query.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret!)) as unknown as string,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  // The guard remembers what this returns until the token expires (VerifiedTokens): a check added
  // here that can change its mind before then (a revocation list, a disabled user) must go there too.
  validate(claims: AccessTokenClaims): Principal | false {
    return principalFromClaims(claims);
  }
}

export function principalFromClaims(claims: Partial<AccessTokenClaims>): Principal | false {
  if (!isUuid(claims.sub) || !isUuid(claims.org)) return false;
  if (!Object.values(OrgKind).includes(claims.kind as OrgKind)) return false;
  if (!Array.isArray(claims.roles) || !claims.roles.every((r) => ALL_ROLES.includes(r))) return false;
  return {
    userId: claims.sub,
    organizationId: claims.org,
    organizationKind: claims.kind as OrgKind,
    roles: claims.roles,
    locale: isLocale(claims.locale) ? claims.locale : 'zh-CN',
  };
}
