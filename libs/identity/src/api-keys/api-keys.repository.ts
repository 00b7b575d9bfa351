import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseGate, type RequestContext, type Role } from '@anchorlink/core';
import { ApiKey } from '../entities/api-key.entity.js';

const COLUMNS = `id, org_id, name, roles::text[] AS roles, created_by, created_at, last_used_at, revoked_at`;

/** A row of COLUMNS. */
interface ApiKeyRow {
  id: string;
  org_id: string;
  name: string;
  roles: Role[];
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A presented key as the guard needs it. */
export interface PresentedApiKey {
  id: string;
  organizationId: string;
  roles: Role[];
  createdById: string | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: DatabaseGate) {}

  async insert(ctx: RequestContext, values: { name: string; roles: Role[]; secretHash: string }): Promise<ApiKey> {
    const em = await this.db.manager(ctx);
    const [row] = await em.query<ApiKeyRow[]>(
      `INSERT INTO api_keys (org_id, name, roles, secret_hash, created_by) VALUES ($1, $2, $3::role[], $4, $5) RETURNING ${COLUMNS}`,
      [ctx.organizationId, values.name, values.roles, values.secretHash, ctx.userId],
    );
    return toApiKey(row);
  }

  async listOwn(ctx: RequestContext): Promise<ApiKey[]> {
    const em = await this.db.manager(ctx);
    const rows = await em.query<ApiKeyRow[]>(`SELECT ${COLUMNS} FROM api_keys WHERE org_id = $1 ORDER BY created_at DESC, id`, [
      ctx.organizationId,
    ]);
    return rows.map(toApiKey);
  }

  async findOwn(ctx: RequestContext, id: string): Promise<ApiKey | null> {
    const em = await this.db.manager(ctx);
    const [row] = await em.query<ApiKeyRow[]>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1 AND org_id = $2`, [id, ctx.organizationId]);
    return row ? toApiKey(row) : null;
  }

  /** Revokes an active key; false when it was already revoked. */
  async revoke(ctx: RequestContext, id: string): Promise<boolean> {
    const em = await this.db.manager(ctx);
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = await em.query<[unknown, number]>(
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND org_id = $2 AND revoked_at IS NULL`,
      [id, ctx.organizationId],
    );
    return affected === 1;
  }

  /** The key with this secret hash, through the narrow `app.auth_api_key_hash` window (no organization known yet). */
  async findPresented(em: EntityManager, secretHash: string): Promise<PresentedApiKey | null> {
    await em.query(`SELECT set_config('app.auth_api_key_hash', $1, true)`, [secretHash]);
    const [row] = await em.query<ApiKeyRow[]>(`SELECT ${COLUMNS} FROM api_keys WHERE secret_hash = $1`, [secretHash]);
    if (!row) return null;
    return {
      id: row.id,
      organizationId: row.org_id,
      roles: row.roles,
      createdById: row.created_by,
      revokedAt: row.revoked_at,
      lastUsedAt: row.last_used_at,
    };
  }

  /** Records use, at most once a minute per key (a busy ERP must not turn every read into a write). */
  async touch(em: EntityManager, key: PresentedApiKey): Promise<void> {
    await em.query(`SELECT set_config('app.org_id', $1, true)`, [key.organizationId]);
    await em.query(
      `UPDATE api_keys SET last_used_at = now()
        WHERE id = $1 AND org_id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [key.id, key.organizationId],
    );
  }

  /**
   * The organization's kind and the creator's locale and current roles, read as the key's
   * organization; `creatorRoles` is null when the creator no longer exists.
   */
  async principalDetails(
    em: EntityManager,
    key: PresentedApiKey,
  ): Promise<{ kind: string; locale: string | null; creatorRoles: Role[] | null } | null> {
    const [row] = await em.query<{ kind: string; locale: string | null; creator_roles: Role[] | null }[]>(
      `SELECT o.kind::text AS kind, u.locale, u.roles::text[] AS creator_roles
         FROM organizations o LEFT JOIN users u ON u.id = $2 AND u.org_id = o.id
        WHERE o.id = $1`,
      [key.organizationId, key.createdById],
    );
    return row ? { kind: row.kind, locale: row.locale, creatorRoles: row.creator_roles ?? null } : null;
  }

  /** A user's current roles in the caller's organization (not those of a token issued earlier); null when there is no such user. */
  async currentRolesOf(ctx: RequestContext, userId: string): Promise<Role[] | null> {
    const em = await this.db.manager(ctx);
    const [row] = await em.query<{ roles: Role[] }[]>(`SELECT roles::text[] AS roles FROM users WHERE id = $1 AND org_id = $2`, [
      userId,
      ctx.organizationId,
    ]);
    return row ? row.roles : null;
  }
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return Object.assign(new ApiKey(), {
    id: row.id,
    organizationId: row.org_id,
    name: row.name,
    roles: row.roles,
    createdById: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  });
}
