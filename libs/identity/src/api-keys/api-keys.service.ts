import { Injectable } from '@nestjs/common';
import {
  AuditService,
  BadUserInputError,
  DatabaseGate,
  Errors,
  ForbiddenError,
  isLocale,
  OrgKind,
  type Principal,
  type RequestContext,
  requiredText,
  requireId,
  Role,
} from '@anchorlink/core';
import type { ApiKeyResult } from '../dto/auth.types.js';
import type { ApiKey } from '../entities/api-key.entity.js';
import { randomToken, sha256Hex } from '../auth/secrets.js';
import { ApiKeysRepository } from './api-keys.repository.js';

const SECRET_PREFIX = 'alk_';

/**
 * The roles a key may hold on behalf of a user with `creatorRoles`: their own,
 * and VIEWER (it grants nothing but reading, which every member may do).
 */
export function grantableRoles(creatorRoles: readonly Role[]): Set<Role> {
  return new Set<Role>([...creatorRoles, Role.VIEWER]);
}
const SECRET_PATTERN = /^alk_[A-Za-z0-9_-]{43}$/;

/**
 * API keys (API 密钥) for ERP integrations: created and revoked by an
 * organization's ORG_ADMIN, sent as `X-Api-Key`. A key acts for its
 * organization with its own roles, on behalf of the admin who created it.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: DatabaseGate,
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext): Promise<ApiKey[]> {
    return this.keys.listOwn(ctx);
  }

  async create(ctx: RequestContext, name: string, roles: Role[]): Promise<ApiKeyResult> {
    this.requireSignedInUser(ctx);
    const keyName = requiredText(ctx, name, 'name', 100);
    const keyRoles = [...new Set(roles)];
    if (keyRoles.length === 0) throw new BadUserInputError(ctx.t('apiKey.rolesRequired'), { field: 'roles' });
    // A key acts on its creator's behalf: it may not hold more than they do (an ORG_ADMIN
    // minting a PROCUREMENT key would publish orders no person of theirs may publish).
    const grantable = grantableRoles((ctx.userId ? await this.keys.currentRolesOf(ctx, ctx.userId) : null) ?? []);
    const notHeld = keyRoles.filter((role) => !grantable.has(role));
    if (notHeld.length) throw new ForbiddenError(ctx.t('apiKey.roleNotHeld', { roles: notHeld.join(', ') }));
    const secret = `${SECRET_PREFIX}${randomToken()}`;
    const key = await this.keys.insert(ctx, { name: keyName, roles: keyRoles, secretHash: sha256Hex(secret) });
    await this.audit.record(ctx, {
      action: 'api_key.created',
      entityType: 'ApiKey',
      entityId: key.id,
      details: { name: keyName, roles: keyRoles },
    });
    return { id: key.id, name: key.name, secret };
  }

  /** True when the key was active and is now revoked; false when it already was. */
  async revoke(ctx: RequestContext, id: string): Promise<boolean> {
    this.requireSignedInUser(ctx);
    const key = await this.keys.findOwn(ctx, requireId(ctx, id, 'entity.apiKey'));
    if (!key) throw Errors.notFound(ctx, 'entity.apiKey');
    const revoked = await this.keys.revoke(ctx, key.id);
    if (revoked)
      await this.audit.record(ctx, { action: 'api_key.revoked', entityType: 'ApiKey', entityId: key.id, details: { name: key.name } });
    return revoked;
  }

  /**
   * The caller a presented key stands for, or null when it is unknown or
   * revoked, or its creator is gone or has no role left. Its roles are those it
   * was given that its creator still holds now. Runs in a short transaction of
   * its own, before the request's.
   */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!SECRET_PATTERN.test(secret)) return null;
    return this.db.runForOrganization(null, async (em) => {
      const key = await this.keys.findPresented(em, sha256Hex(secret));
      if (!key || key.revokedAt) return null;
      await this.keys.touch(em, key);
      const details = await this.keys.principalDetails(em, key);
      if (!details?.creatorRoles?.length) return null;
      const grantable = grantableRoles(details.creatorRoles);
      const roles = key.roles.filter((role) => grantable.has(role));
      if (!roles.length) return null;
      return {
        userId: key.createdById,
        organizationId: key.organizationId,
        organizationKind: details.kind as OrgKind,
        roles,
        locale: isLocale(details.locale) ? details.locale : 'zh-CN',
        apiKeyId: key.id,
      } satisfies Principal;
    });
  }

  /** Whether the caller's key `id` (of its own organization) is still active: read in the caller's transaction. */
  async isActive(ctx: RequestContext, id: string): Promise<boolean> {
    const key = await this.keys.findOwn(ctx, id);
    return key !== null && key.revokedAt === null;
  }

  /** Keys are managed by people: a key cannot mint or revoke keys, whatever its roles. */
  private requireSignedInUser(ctx: RequestContext): void {
    if (ctx.principal?.apiKeyId) throw new ForbiddenError(ctx.t('apiKey.userOnly'));
  }
}
