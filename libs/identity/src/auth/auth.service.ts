import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { AuditService, DatabaseGate, Errors, isLocale, type Principal, type RequestContext, UnauthenticatedError } from '@anchorlink/core';
import type { Organization } from '../entities/organization.entity.js';
import type { User } from '../entities/user.entity.js';
import type { AuthPayload } from '../dto/auth.types.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { OrganizationsRepository } from '../organizations/organizations.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { ACCESS_TOKEN_TTL_SECONDS, type AccessTokenClaims, JWT_AUDIENCE, JWT_ISSUER, REFRESH_TOKEN_TTL_MS } from './access-token.js';
import { principalFromClaims } from './jwt.strategy.js';
import { verifyPassword } from './password.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { randomToken, sha256Hex } from './secrets.js';

/** The caller of a GraphQL-over-WebSocket connection, and until when its credentials hold (null: an API key, until revoked). */
export interface Subscriber {
  principal: Principal;
  expiresAt: number | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DatabaseGate,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Unknown e-mail and wrong password get the same answer, after the same amount of work. */
  async login(ctx: RequestContext, email: string, password: string): Promise<AuthPayload> {
    const normalized = email.trim().toLowerCase().slice(0, 320);
    await this.throttle.check(ctx, normalized);
    await this.db.setLookup(ctx, 'app.auth_email', normalized);
    const user = await this.users.findByEmailForSignIn(ctx, normalized);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await this.throttle.failed(ctx, normalized);
      throw new UnauthenticatedError(ctx.t('auth.invalidCredentials'));
    }
    await this.throttle.succeeded(normalized);
    const payload = await this.signIn(ctx, user);
    await this.audit.record(ctx, { action: 'session.signed_in', entityType: 'User', entityId: user.id, details: { ip: ctx.clientIp } });
    return payload;
  }

  /**
   * Rotates a refresh token. Presenting one that was already used means it
   * was copied: the whole family is revoked (in a transaction of its own, so
   * the revocation stands although this request fails).
   */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<AuthPayload> {
    const refused = () => new UnauthenticatedError(ctx.t('auth.refreshInvalid'));
    const tokenHash = sha256Hex(refreshToken);
    await this.db.setLookup(ctx, 'app.auth_refresh_token_hash', tokenHash);
    const row = await this.refreshTokens.findByHash(ctx, tokenHash);
    if (!row) throw refused();
    await this.db.actAsOrganization(ctx, row.organizationId);
    if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw refused();
    // A token issued while its family was being revoked (a concurrent reuse) is revoked with it.
    if (await this.refreshTokens.isFamilyRevoked(ctx, row.familyId)) {
      await this.revokeFamilyNow(row.familyId, row.organizationId);
      throw refused();
    }
    if (row.usedAt || !(await this.refreshTokens.markUsed(ctx, row.id))) {
      await this.revokeFamilyNow(row.familyId, row.organizationId);
      throw refused();
    }
    const user = await this.users.findInCurrentOrganization(ctx, row.userId);
    if (!user) throw refused();
    const payload = await this.signIn(ctx, user, row.familyId);
    await this.audit.record(ctx, { action: 'session.refreshed', entityType: 'User', entityId: user.id, details: { family: row.familyId } });
    return payload;
  }

  /** Revokes the token's whole family. Unknown tokens are simply not revoked. */
  async logout(ctx: RequestContext, refreshToken: string): Promise<boolean> {
    const tokenHash = sha256Hex(refreshToken);
    await this.db.setLookup(ctx, 'app.auth_refresh_token_hash', tokenHash);
    const row = await this.refreshTokens.findByHash(ctx, tokenHash);
    if (!row) return false;
    await this.db.actAsOrganization(ctx, row.organizationId);
    await this.refreshTokens.revokeFamily(await this.db.manager(ctx), row.familyId, row.organizationId);
    await this.audit.record(ctx, {
      action: 'session.signed_out',
      entityType: 'User',
      entityId: row.userId,
      organizationId: row.organizationId,
      actorUserId: row.userId,
      details: { family: row.familyId },
    });
    return true;
  }

  /**
   * Who opens a GraphQL-over-WebSocket connection, from its `connection_init`
   * parameters, as the guard reads headers: an access token
   * (`authorization: "Bearer …"`), valid until its `expiresAt`, or else an API
   * key (`x-api-key`), valid until revoked (see `stillAuthorized`). Null when
   * neither is valid.
   */
  async subscriber(params: Record<string, unknown> | undefined): Promise<Subscriber | null> {
    const header = params?.authorization ?? params?.Authorization;
    if (typeof header === 'string' && header) {
      const claims = await this.verifiedClaims(header.replace(/^Bearer\s+/i, ''));
      const principal = claims && principalFromClaims(claims);
      return principal && typeof claims.exp === 'number' ? { principal, expiresAt: claims.exp * 1000 } : null;
    }
    const apiKey = params?.['x-api-key'] ?? params?.['X-Api-Key'];
    if (typeof apiKey !== 'string' || !apiKey) return null;
    const principal = await this.apiKeys.authenticate(apiKey.trim());
    return principal ? { principal, expiresAt: null } : null;
  }

  /**
   * Whether the credentials behind a subscriber's context still stand, read in
   * its transaction: an API key must not have been revoked since. (An access
   * token's expiry needs no reading: see `Subscriber.expiresAt`.)
   */
  async stillAuthorized(ctx: RequestContext): Promise<boolean> {
    const keyId = ctx.principal?.apiKeyId;
    return keyId === undefined || this.apiKeys.isActive(ctx, keyId);
  }

  private async verifiedClaims(token: string): Promise<(AccessTokenClaims & { exp?: number }) | null> {
    try {
      return await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
    } catch {
      return null;
    }
  }

  async me(ctx: RequestContext): Promise<User> {
    const user = ctx.userId ? await this.users.findOwn(ctx, ctx.userId) : null;
    if (!user) throw Errors.notFound(ctx, 'entity.user');
    return user;
  }

  /**
   * Issues an access token and a refresh token for a user whose identity the
   * caller has established; the transaction then acts as the user's organization.
   */
  async signIn(ctx: RequestContext, user: User, familyId: string = randomUUID()): Promise<AuthPayload> {
    await this.db.actAsOrganization(ctx, user.organizationId);
    const organization: Organization | null = await this.organizations.findCurrent(ctx, user.organizationId);
    if (!organization) throw new UnauthenticatedError(ctx.t('auth.invalidCredentials'));
    const claims: AccessTokenClaims = {
      sub: user.id,
      org: organization.id,
      kind: organization.kind,
      roles: user.roles,
      locale: isLocale(user.locale) ? user.locale : 'zh-CN',
    };
    ctx.signedIn({
      userId: user.id,
      organizationId: organization.id,
      organizationKind: organization.kind,
      roles: user.roles,
      locale: claims.locale,
    });
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      algorithm: 'HS256',
    });
    const refreshToken = randomToken();
    await this.refreshTokens.insert(ctx, {
      userId: user.id,
      organizationId: organization.id,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    });
    return {
      accessToken,
      refreshToken,
      accessTokenExpiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000),
      user,
    };
  }

  private async revokeFamilyNow(familyId: string, organizationId: string): Promise<void> {
    await this.db.runForOrganization(organizationId, (em) => this.refreshTokens.revokeFamily(em, familyId, organizationId));
  }
}
